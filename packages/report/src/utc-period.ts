import type { ReportGrain } from './grain';

const DAY = 86_400;

/**
 * The UTC period of a grain that holds an instant: days, ISO weeks (Monday first), months,
 * quarters and years of the UTC calendar, the bill's calendar.
 *
 * @param instant Unix seconds.
 * @param grain A grain from `day` to `year`.
 *
 * @returns The period's start and end (exclusive), Unix seconds.
 */
export function utcPeriodOf(
  instant: number,
  grain: Exclude<ReportGrain, 'minute' | 'hour' | 'total'>,
): { readonly start: number; readonly end: number } {
  const dayStart = Math.floor(instant / DAY) * DAY;
  if (grain === 'day') return { start: dayStart, end: dayStart + DAY };
  if (grain === 'week') {
    // 1970-01-01 was a Thursday: Monday-first weekday index is (days + 3) mod 7.
    const weekday = (Math.floor(dayStart / DAY) + 3) % 7;
    const start = dayStart - weekday * DAY;
    return { start, end: start + 7 * DAY };
  }
  const date = new Date(dayStart * 1000);
  const year = date.getUTCFullYear();
  const months = grain === 'month' ? 1 : grain === 'quarter' ? 3 : 12;
  const firstMonth = date.getUTCMonth() - (date.getUTCMonth() % months);
  return {
    start: Date.UTC(year, firstMonth, 1) / 1000,
    end: Date.UTC(year, firstMonth + months, 1) / 1000,
  };
}
