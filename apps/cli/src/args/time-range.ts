import {
  type ReportWindow,
  resolveWindow,
  resolveWindowEdge,
  WINDOW_FORMATS,
} from '@usagekit/report';
import { CliError } from '../cli-error';
import { reportFlagError } from '../data/report-flag-error';

/** A time range: start inclusive, end exclusive. */
export interface TimeRange {
  /** @unit seconds since the Unix epoch */
  readonly startTime: number;
  /** @unit seconds since the Unix epoch */
  readonly endTime: number;
}

/** What `--since` and `--until` accept, for help and error messages. */
export const TIME_FORMATS = WINDOW_FORMATS;

/** A relative window that `--since` alone names whole (`30d`, `month`...), label included. */
const RELATIVE_WINDOW = /^(\d+[dwh]|today|month|last-month|quarter|year)$/;

/**
 * Parses one `--since` / `--until` value the way windows read their edges.
 *
 * @param value The flag value.
 * @param field The flag name, for the message.
 * @param nowSeconds The current instant. @unit seconds since the Unix epoch
 * @param timeZone The zone dates are read in.
 *
 * @returns The instant. @unit seconds since the Unix epoch
 */
export function parseInstant(
  value: string,
  field: string,
  nowSeconds: number,
  timeZone: string,
): number {
  try {
    return resolveWindowEdge(
      value,
      { now: nowSeconds, timeZone },
      field === '--until' ? 'window.until' : 'window.since',
    );
  } catch (error) {
    throw reportFlagError(error);
  }
}

/** Options of {@link parseWindow}. */
export interface ParseTimeRangeOptions {
  /** The `--since` value, or undefined for the default. */
  readonly since?: string | undefined;
  /** The `--until` value, or undefined for the end of today. */
  readonly until?: string | undefined;
  /** The window when `--since` is not given. @default '30d' */
  readonly defaultSince?: string | undefined;
  /** The current instant. @unit seconds since the Unix epoch */
  readonly nowSeconds: number;
  /** The zone dates are read in. */
  readonly timeZone: string;
  /** The longest window allowed. @unit days @default 366 */
  readonly maxDays?: number | undefined;
}

/**
 * Reads `--since` / `--until` as a report window (the definition every command and the
 * dashboard share): `--since 30d` alone is the last 30 days of the zone, today included; with
 * `--until`, each flag is one edge, `--until` exclusive and by default the end of today.
 *
 * @param options The flag values and context.
 *
 * @returns The window.
 */
export function parseWindow(options: ParseTimeRangeOptions): ReportWindow {
  const { nowSeconds, timeZone } = options;
  const maxDays = options.maxDays ?? 366;
  const since = (options.since ?? options.defaultSince ?? '30d').trim().toLowerCase();
  let window: ReportWindow;
  try {
    window =
      options.until === undefined && RELATIVE_WINDOW.test(since)
        ? resolveWindow(since as '30d', { now: nowSeconds, timeZone })
        : resolveWindow({ since, until: options.until }, { now: nowSeconds, timeZone });
  } catch (error) {
    throw reportFlagError(error);
  }
  if (window.end - window.start > maxDays * 86_400) {
    throw new CliError(
      `the range is ${Math.ceil((window.end - window.start) / 86_400)} days; at most ${maxDays} days are allowed here`,
      undefined,
      'narrow --since/--until, or use a coarser --grain',
    );
  }
  return window;
}

/**
 * Parses and checks `--since` / `--until` ({@link parseWindow}) as a plain range.
 *
 * @param options The flag values and context.
 *
 * @returns The range.
 */
export function parseTimeRange(options: ParseTimeRangeOptions): TimeRange {
  const window = parseWindow(options);
  return { startTime: window.start, endTime: window.end };
}
