import type { UsageClientEvent, UsageClientEventHandler } from '@usagekit/client';
import type { ProgressReporter } from '../progress-reporter';
import { refusalNotice } from './refusal-notice';

/** Adds up progress events of every organization and endpoint into one progress line. */
export interface FetchProgress {
  /** The event handler for one organization's client. */
  handler(label: string): UsageClientEventHandler;
  /**
   * What the clients reported, as warnings, each once: drift (undocumented fields) and refusals
   * (names or a grouping this key or organization may not read). Refusals name their
   * organization when there are several.
   */
  readonly warnings: readonly string[];
  /** Retries seen so far. */
  readonly retries: () => number;
}

/**
 * Creates the progress aggregator: "requests done of planned" summed over every call, plus
 * retries, forwarded to a reporter; drift and refusals collected as warnings.
 *
 * @param reporter Where progress is drawn.
 *
 * @returns The aggregator.
 */
export function createFetchProgress(reporter: ProgressReporter): FetchProgress {
  const calls = new Map<string, { planned: number; done: number }>();
  const labels = new Set<string>();
  const drift: string[] = [];
  const refusals: { label: string; notice: string }[] = [];
  const seen = new Set<string>();
  let retries = 0;
  const redraw = () => {
    let planned = 0;
    let done = 0;
    for (const counts of calls.values()) {
      planned += counts.planned;
      done += counts.done;
    }
    reporter.update({ planned, done, retries });
  };
  const firstTime = (key: string): boolean => {
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  return {
    handler(label) {
      labels.add(label);
      return (event: UsageClientEvent) => {
        if (event.type === 'retry') retries += 1;
        else if (event.type === 'drift') {
          if (firstTime(`drift\u0000${event.endpoint} ${event.kind} ${event.key}`)) {
            drift.push(
              `${label}: ${event.endpoint} answered with ${event.kind.replace(/-/g, ' ')} "${event.key}" at ${event.path}; kept, but this API version is newer than usagekit knows`,
            );
          }
          return;
        } else if (event.type === 'capability-refused') {
          const notice = refusalNotice(event);
          if (firstTime(`refused\u0000${label}\u0000${notice}`)) refusals.push({ label, notice });
          return;
        } else if ('planned' in event && 'endpoint' in event) {
          calls.set(`${label}\u0000${event.endpoint}`, {
            planned: event.planned,
            done: event.done,
          });
        }
        redraw();
      };
    },
    get warnings() {
      const named = labels.size > 1;
      return [
        ...refusals.map(({ label, notice }) => (named ? `${label}: ${notice}` : notice)),
        ...drift,
      ];
    },
    retries: () => retries,
  };
}
