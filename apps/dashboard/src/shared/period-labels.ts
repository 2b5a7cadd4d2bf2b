import type { Grain } from './dashboard-query';

/** Periods skipped between two labels, per grain: steps that land on round boundaries. */
const LABEL_STEPS: Readonly<Record<Grain, readonly number[]>> = {
  hour: [1, 2, 3, 6, 12, 24, 48, 168],
  day: [1, 2, 7, 14, 28],
  week: [1, 2, 4, 8, 13, 26, 52],
  month: [1, 2, 3, 6, 12],
};

/**
 * A formatter of period starts for one grain in one zone: each period is named once, at the
 * precision of its grain ("1 Dec 14:00" for hours, "1 Dec" for days, "w/c 30 Nov" for weeks,
 * "Dec 2026" for months).
 *
 * @param grain The periods' grain.
 * @param timeZone The IANA zone the periods are cut in.
 *
 * @returns Formats a period start. @unit Unix seconds
 */
export function periodLabeler(grain: Grain, timeZone: string): (start: number) => string {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    ...(grain === 'month'
      ? { month: 'short', year: 'numeric' }
      : { month: 'short', day: 'numeric' }),
    ...(grain === 'hour' ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
  });
  const prefix = grain === 'week' ? 'w/c ' : '';
  return (start) => `${prefix}${format.format(new Date(start * 1000))}`;
}

/**
 * Picks which periods get an axis label: every `step`-th period, with the smallest round step
 * for the grain that leaves at most `slots` labels, so that no two labels name the same period
 * and none overlap.
 *
 * @param starts The period starts, in order.
 * @param grain The periods' grain.
 * @param slots How many labels fit the axis.
 *
 * @returns The period starts to label.
 */
export function labelledPeriods(starts: readonly number[], grain: Grain, slots: number): number[] {
  const fit = Math.max(1, Math.floor(slots));
  const step =
    LABEL_STEPS[grain].find((candidate) => Math.ceil(starts.length / candidate) <= fit) ??
    Math.ceil(starts.length / fit);
  return starts.filter((_, index) => index % step === 0);
}
