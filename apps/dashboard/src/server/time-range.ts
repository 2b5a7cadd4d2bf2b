import { type RelativeWindow, resolveWindow } from '@usagekit/report';
import type { RangePreset } from '../shared/dashboard-query';

/** Seconds in a day. */
export const DAY_SECONDS = 86_400;

/** A half-open time range. @unit Unix seconds */
export interface TimeRange {
  readonly start: number;
  readonly end: number;
}

const WINDOW_OF_PRESET: Readonly<Record<Exclude<RangePreset, 'custom'>, RelativeWindow>> = {
  '7d': '7d',
  '30d': '30d',
  '90d': '90d',
  '365d': '365d',
  mtd: 'month',
  qtd: 'quarter',
  ytd: 'year',
};

function utcDate(year: number, month: number, day = 1): number {
  return Date.UTC(year, month, day) / 1000;
}

/**
 * Turns a range preset (or custom dates) into seconds with the report layer's one definition of
 * windows, so a range means what the same window means to the CLI (`usagekit report --since
 * 30d`): whole days of the zone, today included though it is not over (its periods are marked
 * partial); month, quarter and year to date from the zone's calendar boundary. Custom dates
 * are whole days of the zone, `to` included.
 *
 * @param preset The preset.
 * @param now The data's "now". @unit Unix seconds
 * @param timeZone The IANA zone days are read in.
 * @param from First day of a custom range (YYYY-MM-DD).
 * @param to Last day of a custom range (YYYY-MM-DD), included.
 *
 * @returns The range.
 */
export function resolveRange(
  preset: RangePreset,
  now: number,
  timeZone = 'UTC',
  from?: string | undefined,
  to?: string | undefined,
): TimeRange {
  const spec =
    preset === 'custom'
      ? {
          since: from ?? '',
          until: new Date(Date.parse(`${to ?? ''}T00:00:00Z`) + DAY_SECONDS * 1000)
            .toISOString()
            .slice(0, 10),
        }
      : WINDOW_OF_PRESET[preset];
  const window = resolveWindow(spec, { now, timeZone });
  return { start: window.start, end: window.end };
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
