import type { UsageClientEvent, UsageClientEventHandler } from '@usagekit/client';
import type { ProgressReporter } from '../progress-reporter';

/** Adds up progress events of every organization and endpoint into one progress line. */
export interface FetchProgress {
  /** The event handler for one organization's client. */
  handler(label: string): UsageClientEventHandler;
  /** Drift reports seen (undocumented fields), as warnings. */
  readonly drift: string[];
  /** Retries seen so far. */
  readonly retries: () => number;
}

/**
 * Creates the progress aggregator: "requests done of planned" summed over every call, plus
 * retries, forwarded to a reporter.
 *
 * @param reporter Where progress is drawn.
 *
 * @returns The aggregator.
 */
export function createFetchProgress(reporter: ProgressReporter): FetchProgress {
  const calls = new Map<string, { planned: number; done: number }>();
  const drift: string[] = [];
  const driftSeen = new Set<string>();
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
  return {
    handler(label) {
      return (event: UsageClientEvent) => {
        if (event.type === 'retry') retries += 1;
        else if (event.type === 'drift') {
          const key = `${event.endpoint} ${event.kind} ${event.key}`;
          if (!driftSeen.has(key)) {
            driftSeen.add(key);
            drift.push(
              `${label}: ${event.endpoint} answered with ${event.kind.replace(/-/g, ' ')} "${event.key}" at ${event.path}; kept, but this API version is newer than usagekit knows`,
            );
          }
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
    drift,
    retries: () => retries,
  };
}
