import { CliError } from '../cli-error';
import { zonedDate, zonedTimeToEpochSeconds } from './time-zone';

const durationUnits = new Map<string, number>([
  ['h', 3600],
  ['d', 86_400],
  ['w', 7 * 86_400],
]);

/** A time range: start inclusive, end exclusive. */
export interface TimeRange {
  /** @unit seconds since the Unix epoch */
  readonly startTime: number;
  /** @unit seconds since the Unix epoch */
  readonly endTime: number;
}

/** What `--since` and `--until` accept, for help and error messages. */
export const TIME_FORMATS =
  'a date (2025-03-01, midnight in --tz), a date and time (2025-03-01T12:00, 2025-03-01T12:00:00Z), a duration before now (36h, 30d, 4w), "today", "month" (start of this month) or "now"';

/**
 * Parses one `--since` / `--until` value.
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
  const text = value.trim().toLowerCase();
  if (text === 'now') return nowSeconds;
  if (text === 'today' || text === 'month') {
    const today = zonedDate(nowSeconds, timeZone);
    return zonedTimeToEpochSeconds(
      today.year,
      today.month,
      text === 'today' ? today.day : 1,
      timeZone,
    );
  }
  const duration = /^(\d+)([hdw])$/.exec(text);
  if (duration !== null) {
    const amount = Number(duration[1]);
    const unit = durationUnits.get(duration[2] ?? '') ?? 0;
    return nowSeconds - amount * unit;
  }
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (date !== null) {
    const year = Number(date[1]);
    const month = Number(date[2]);
    const day = Number(date[3]);
    const check = new Date(Date.UTC(year, month - 1, day));
    if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
      throw new CliError(`${field}: "${value}" is not a calendar date`);
    }
    return zonedTimeToEpochSeconds(year, month, day, timeZone);
  }
  const dateTime =
    /^(\d{4})-(\d{2})-(\d{2})t(\d{2}):(\d{2})(?::(\d{2}))?(z|[+-]\d{2}:\d{2})?$/.exec(text);
  if (dateTime !== null) {
    const [, year, month, day, hour, minute, second, zone] = dateTime;
    const secondsOfDay = Number(hour) * 3600 + Number(minute) * 60 + Number(second ?? '0');
    if (zone === undefined) {
      return zonedTimeToEpochSeconds(
        Number(year),
        Number(month),
        Number(day),
        timeZone,
        secondsOfDay,
      );
    }
    const parsed = Date.parse(value.trim().toUpperCase());
    if (!Number.isNaN(parsed)) return Math.floor(parsed / 1000);
  }
  throw new CliError(`${field}: cannot read "${value}"; use ${TIME_FORMATS}`);
}

/** Options of {@link parseTimeRange}. */
export interface ParseTimeRangeOptions {
  /** The `--since` value, or undefined for the default. */
  readonly since?: string | undefined;
  /** The `--until` value, or undefined for now. */
  readonly until?: string | undefined;
  /** The default `--since` when none is given. @default '30d' */
  readonly defaultSince?: string | undefined;
  /** The current instant. @unit seconds since the Unix epoch */
  readonly nowSeconds: number;
  /** The zone dates are read in. */
  readonly timeZone: string;
  /** The longest range allowed. @unit days @default 366 */
  readonly maxDays?: number | undefined;
}

/**
 * Parses and checks `--since` / `--until`: the start must be before the end, neither in the
 * future, and the range no longer than `maxDays`.
 *
 * @param options The flag values and context.
 *
 * @returns The range, end clamped to now.
 */
export function parseTimeRange(options: ParseTimeRangeOptions): TimeRange {
  const { nowSeconds, timeZone } = options;
  const maxDays = options.maxDays ?? 366;
  const startTime = parseInstant(
    options.since ?? options.defaultSince ?? '30d',
    '--since',
    nowSeconds,
    timeZone,
  );
  const requestedEnd =
    options.until === undefined
      ? nowSeconds
      : parseInstant(options.until, '--until', nowSeconds, timeZone);
  if (startTime >= nowSeconds) {
    throw new CliError('--since: the start is in the future; the range must begin before now');
  }
  const endTime = Math.min(requestedEnd, nowSeconds);
  if (startTime >= endTime) {
    throw new CliError(
      '--since must be before --until (the range is start inclusive, end exclusive)',
    );
  }
  if (endTime - startTime > maxDays * 86_400) {
    throw new CliError(
      `the range is ${Math.ceil((endTime - startTime) / 86_400)} days; at most ${maxDays} days are allowed here`,
      undefined,
      'narrow --since/--until, or use a coarser --grain',
    );
  }
  return { startTime, endTime };
}
