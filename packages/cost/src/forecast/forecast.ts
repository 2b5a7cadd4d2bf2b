import type { Money } from '../money';
import { addDays, utcDay, weekdayOf } from '../utc-day';

/** Spend on one UTC day. */
export interface DailySpend {
  /** UTC day `YYYY-MM-DD`. */
  readonly date: string;
  /** Spend on that day, in micro-units. */
  readonly amountMicros: Money;
}

/** Options of {@link forecast}. */
export interface ForecastOptions {
  /** Last day of the period, inclusive (`YYYY-MM-DD`), e.g. the month's last day. */
  readonly periodEnd: string;
  /** First day of the period. @default the first day of `periodEnd`'s month */
  readonly periodStart?: string | undefined;
  /** The current time; its UTC day counts as partly spent. */
  readonly now: string | number | Date;
  /** Complete days of history the daily pattern is learnt from. @default 28 */
  readonly lookbackDays?: number | undefined;
  /** z-score of the range. @default 1.2816 (an 80% band) */
  readonly z?: number | undefined;
}

/** A low / expected / high amount. */
export interface MoneyRange {
  /** Lower end of the range, in micro-units. */
  readonly low: Money;
  /** The expected amount, in micro-units. */
  readonly expected: Money;
  /** Upper end of the range, in micro-units. */
  readonly high: Money;
}

/** The result of {@link forecast}. */
export interface Forecast {
  /** Spent from the period start through now. */
  readonly actualToDate: Money;
  /** Expected spend for the rest of the period. */
  readonly remaining: MoneyRange;
  /** actualToDate + remaining. */
  readonly total: MoneyRange;
  /** `weekday` when each weekday has history, else `mean`, or `none` with no history. */
  readonly method: 'weekday' | 'mean' | 'none';
  /** Expected spend per remaining day, in micro-units. */
  readonly expectedDaily: DailySpend[];
}

/**
 * A daily expectation learnt from history: the mean of each weekday over the lookback window
 * (when every weekday has at least one day), else the overall mean; and the spread of the days
 * around it.
 *
 * @param history Daily spend (missing days count as zero spend within the window).
 * @param today The current UTC day; history before it is complete.
 * @param lookbackDays Days of history to use.
 *
 * @returns The expectation by weekday, the residual standard deviation and the method.
 */
export function dailyPattern(
  history: readonly DailySpend[],
  today: string,
  lookbackDays = 28,
): { byWeekday: number[]; sigma: number; method: Forecast['method'] } {
  const windowStart = addDays(today, -lookbackDays);
  const amounts = new Map<string, number>();
  let firstDay: string | undefined;
  for (const point of history) {
    if (point.date >= today || point.date < windowStart) continue;
    amounts.set(point.date, (amounts.get(point.date) ?? 0) + point.amountMicros);
    if (firstDay === undefined || point.date < firstDay) firstDay = point.date;
  }
  if (firstDay === undefined) return { byWeekday: new Array(7).fill(0), sigma: 0, method: 'none' };
  const sums = new Array(7).fill(0);
  const counts = new Array(7).fill(0);
  const values: { weekday: number; value: number }[] = [];
  for (let day = firstDay; day < today; day = addDays(day, 1)) {
    const weekday = weekdayOf(day);
    const value = amounts.get(day) ?? 0;
    sums[weekday] += value;
    counts[weekday] += 1;
    values.push({ weekday, value });
  }
  const total = sums.reduce((sum, value) => sum + value, 0);
  const mean = total / values.length;
  const weekdayAware = counts.every((count) => count > 0);
  const byWeekday = sums.map((sum, weekday) => (weekdayAware ? sum / counts[weekday] : mean));
  const variance =
    values.reduce((sum, point) => sum + (point.value - (byWeekday[point.weekday] ?? 0)) ** 2, 0) /
    Math.max(1, values.length - 1);
  return { byWeekday, sigma: Math.sqrt(variance), method: weekdayAware ? 'weekday' : 'mean' };
}

/**
 * Projects spend to a period end (month end or any day) from the days so far, following the
 * weekday pattern of the recent past, with a low/high range that widens with the days left.
 * Works on any series: the organization's, or one dimension's (see {@link forecastByDimension}).
 *
 * @param dailySpend Daily spend, UTC days.
 * @param options Period end, now and the lookback.
 *
 * @returns Actual to date, the remaining and total ranges, and the daily expectation.
 */
export function forecast(dailySpend: readonly DailySpend[], options: ForecastOptions): Forecast {
  const today = utcDay(options.now);
  const periodStart = options.periodStart ?? `${options.periodEnd.slice(0, 7)}-01`;
  const z = options.z ?? 1.2816;
  const pattern = dailyPattern(dailySpend, today, options.lookbackDays ?? 28);
  let actualToDate = 0;
  let actualToday = 0;
  for (const point of dailySpend) {
    if (point.date < periodStart || point.date > today) continue;
    actualToDate += point.amountMicros;
    if (point.date === today) actualToday += point.amountMicros;
  }
  const expectedDaily: DailySpend[] = [];
  let expected = 0;
  let days = 0;
  for (
    let day = [today, periodStart].sort()[1] ?? today;
    day <= options.periodEnd;
    day = addDays(day, 1)
  ) {
    let amount = pattern.byWeekday[weekdayOf(day)] ?? 0;
    if (day === today) amount = Math.max(0, amount - actualToday);
    const rounded = Math.round(amount);
    expectedDaily.push({ date: day, amountMicros: rounded });
    expected += rounded;
    days += 1;
  }
  const spread = Math.round(z * pattern.sigma * Math.sqrt(days));
  const remaining = { low: Math.max(0, expected - spread), expected, high: expected + spread };
  return {
    actualToDate,
    remaining,
    total: {
      low: actualToDate + remaining.low,
      expected: actualToDate + remaining.expected,
      high: actualToDate + remaining.high,
    },
    method: pattern.method,
    expectedDaily,
  };
}

/**
 * Forecasts each series of a dimension (per project, model, team…).
 *
 * @param series Daily spend per dimension value.
 * @param options As for {@link forecast}.
 *
 * @returns One forecast per key, in the map's order.
 */
export function forecastByDimension(
  series: ReadonlyMap<string, readonly DailySpend[]>,
  options: ForecastOptions,
): Map<string, Forecast> {
  const result = new Map<string, Forecast>();
  for (const [key, points] of series) result.set(key, forecast(points, options));
  return result;
}
