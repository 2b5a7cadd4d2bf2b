import type { RangePreset } from '../shared/dashboard-query';

/** Seconds in a day. */
export const DAY_SECONDS = 86_400;

/** A half-open time range. @unit Unix seconds */
export interface TimeRange {
  readonly start: number;
  readonly end: number;
}

function utcMidnight(seconds: number): number {
  return Math.floor(seconds / DAY_SECONDS) * DAY_SECONDS;
}

function utcDate(year: number, month: number, day = 1): number {
  return Date.UTC(year, month, day) / 1000;
}

/**
 * Turns a range preset (or custom dates) into seconds. Presets count back from `now`; calendar
 * presets (month, quarter, year to date) start at the UTC calendar boundary, as the bill does.
 * Every range is whole UTC days (today included, though it is not over), so no bucket straddles
 * an edge. Custom dates are whole UTC days, `to` included.
 *
 * @param preset The preset.
 * @param now The data's "now". @unit Unix seconds
 * @param from First day of a custom range (YYYY-MM-DD).
 * @param to Last day of a custom range (YYYY-MM-DD), included.
 *
 * @returns The range.
 */
export function resolveRange(
  preset: RangePreset,
  now: number,
  from?: string | undefined,
  to?: string | undefined,
): TimeRange {
  const today = new Date(now * 1000);
  const year = today.getUTCFullYear();
  const month = today.getUTCMonth();
  const end = utcMidnight(now) + DAY_SECONDS;
  switch (preset) {
    case '7d':
    case '30d':
    case '90d':
    case '365d':
      return { start: utcMidnight(now) - (Number.parseInt(preset, 10) - 1) * DAY_SECONDS, end };
    case 'mtd':
      return { start: utcDate(year, month), end };
    case 'qtd':
      return { start: utcDate(year, month - (month % 3)), end };
    case 'ytd':
      return { start: utcDate(year, 0), end };
    case 'custom':
      return {
        start: Date.parse(`${from ?? ''}T00:00:00Z`) / 1000,
        end: Date.parse(`${to ?? ''}T00:00:00Z`) / 1000 + DAY_SECONDS,
      };
  }
}

/**
 * The period just before a range, of the same length, for comparisons.
 *
 * @param range The range.
 *
 * @returns The previous range.
 */
export function previousRange(range: TimeRange): TimeRange {
  return { start: range.start - (range.end - range.start), end: range.start };
}

/**
 * The calendar month containing `now`, up to now, and the same days of the month before.
 *
 * @param now The data's "now". @unit Unix seconds
 *
 * @returns This month so far, the whole month, and the same span of last month.
 */
export function monthToDate(now: number): {
  readonly current: TimeRange;
  readonly month: TimeRange;
  readonly previous: TimeRange;
  readonly label: string;
  readonly previousLabel: string;
} {
  const today = new Date(now * 1000);
  const year = today.getUTCFullYear();
  const month = today.getUTCMonth();
  const start = utcDate(year, month);
  const previousStart = utcDate(year, month - 1);
  const elapsed = now - start;
  const previousLength = start - previousStart;
  const label = new Intl.DateTimeFormat('en-US', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return {
    current: { start, end: now },
    month: { start, end: utcDate(year, month + 1) },
    previous: { start: previousStart, end: previousStart + Math.min(elapsed, previousLength) },
    label: label.format(new Date(start * 1000)),
    previousLabel: label.format(new Date(previousStart * 1000)),
  };
}
