import type { BucketSource } from '@usagekit/report';
import { parseTimeRange, type TimeRange } from '../args/time-range';
import { parseTimeZone } from '../args/time-zone';
import type { UsagekitConfig } from '../config/config-schema';
import { loadConfig } from '../config/load-config';
import { type DataSources, resolveDataSources } from '../data/data-source';
import { createFetchProgress, type FetchProgress } from '../data/fetch-progress';
import { commandReportSources } from '../data/report-sources';
import { createProgressReporter, type ProgressReporter } from '../progress-reporter';
import type { CommandContext, OptionValues } from './command-context';

/** What every data command starts with. */
export interface DataSession {
  readonly config: UsagekitConfig;
  /** `--tz`, else the config's `timeZone`, else UTC. */
  readonly timeZone: string;
  readonly sources: DataSources;
  readonly progress: FetchProgress;
  readonly reporter: ProgressReporter;
  /** The current time. @unit seconds since the Unix epoch */
  readonly nowSeconds: number;
  /** Organization labels, for output. */
  readonly organizationLabels: string[];
  /**
   * The report layer's sources: the API, or the store where it covers a fetch (`--store`,
   * `USAGEKIT_STORE`, `--refresh`). Opened (and with `--refresh` synced) on the first call.
   */
  readonly reportSources: () => Promise<BucketSource[]>;
}

/**
 * Loads the config, reads `--tz`, chooses the data source and wires progress (on stderr, TTY
 * only, never with `--quiet`).
 *
 * @param context The command context.
 *
 * @returns The session.
 */
export async function openDataSession(context: CommandContext): Promise<DataSession> {
  const { config } = await loadConfig(
    context.cwd,
    typeof context.values.config === 'string' ? context.values.config : undefined,
  );
  const timeZone = parseTimeZone(
    typeof context.values.tz === 'string' ? context.values.tz : (config.timeZone ?? 'UTC'),
  );
  const reporter = createProgressReporter(
    context.io.stderr,
    context.io.stderrIsTTY && context.values.quiet !== true,
  );
  const progress = createFetchProgress(reporter);
  const sources = await resolveDataSources(context, config, {
    onEvent: (label) => progress.handler(label),
  });
  const nowSeconds = Math.floor(context.nowMs / 1000);
  let opened: Promise<BucketSource[]> | undefined;
  return {
    config,
    timeZone,
    sources,
    progress,
    reporter,
    nowSeconds,
    organizationLabels: sources.organizations.map((organization) => organization.label),
    reportSources: () => {
      opened ??= commandReportSources(context, sources, nowSeconds);
      return opened;
    },
  };
}

/**
 * Parses `--since` / `--until` in the session's zone, against the session's clock.
 *
 * @param session The data session.
 * @param values The command's option values.
 * @param maxDays The longest range allowed. @unit days @default 366
 *
 * @returns The range.
 */
export function rangeOfFlags(
  session: DataSession,
  values: OptionValues,
  maxDays?: number,
): TimeRange {
  return parseTimeRange({
    since: values.since as string | undefined,
    until: values.until as string | undefined,
    nowSeconds: session.nowSeconds,
    timeZone: session.timeZone,
    maxDays,
  });
}
