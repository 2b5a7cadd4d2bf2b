import { addDays, weekdayOf } from '../utc-day';

/** One value of a daily series (spend in micro-units, tokens, requests…). */
export interface SeriesPoint {
  /** UTC day `YYYY-MM-DD`. */
  readonly date: string;
  /** The value on that day. */
  readonly value: number;
}

/** A daily series of one dimension value. */
export interface DimensionSeries {
  /** The dimension value, e.g. `project_id:proj_1` or `model:gpt-4o`. */
  readonly key: string;
  /** One point per day, in any order. */
  readonly points: readonly SeriesPoint[];
}

/** Options of {@link detectAnomalies}. */
export interface AnomalyOptions {
  /** Trailing days each point is compared with. @default 28 */
  readonly windowDays?: number | undefined;
  /** Robust z-score beyond which a day is anomalous. @default 3.5 */
  readonly threshold?: number | undefined;
  /** Days of history needed before a day is judged. @default 14 */
  readonly minHistory?: number | undefined;
  /** Compare with the same weekday when the window has 2 or more of them. @default true */
  readonly weekdayAware?: boolean | undefined;
}

/** A day that jumps out of its series' recent pattern. */
export interface Anomaly {
  /** The series it belongs to (its `DimensionSeries.key`). */
  readonly key: string;
  /** The anomalous UTC day. */
  readonly date: string;
  /** The value on that day. */
  readonly value: number;
  /** The median of the comparison window. */
  readonly baseline: number;
  /** value − baseline. */
  readonly jump: number;
  /** value / baseline, or null when the baseline is 0. */
  readonly ratio: number | null;
  /** 0.6745 × (value − median) / MAD. */
  readonly robustZ: number;
  /** Whether the day is above (`spike`) or below (`drop`) its baseline. */
  readonly direction: 'spike' | 'drop';
  /** Whether the comparison used the same weekday only. */
  readonly sameWeekday: boolean;
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * Finds days whose value jumps out of their series' trailing window, by robust z-score (median
 * and median absolute deviation, so one earlier spike does not hide the next), comparing with the
 * same weekday when there is enough history. Missing days inside a series count as zero.
 *
 * @param series One or more daily series.
 * @param options Window, threshold and weekday handling.
 *
 * @returns The anomalies, by series then date.
 */
export function detectAnomalies(
  series: DimensionSeries | readonly DimensionSeries[],
  options: AnomalyOptions = {},
): Anomaly[] {
  const windowDays = options.windowDays ?? 28;
  const threshold = options.threshold ?? 3.5;
  const minHistory = options.minHistory ?? 14;
  const weekdayAware = options.weekdayAware ?? true;
  const list: readonly DimensionSeries[] = Array.isArray(series)
    ? series
    : [series as DimensionSeries];
  const anomalies: Anomaly[] = [];
  for (const { key, points } of list) {
    const byDay = new Map<string, number>();
    for (const point of points) byDay.set(point.date, (byDay.get(point.date) ?? 0) + point.value);
    const days = [...byDay.keys()].sort();
    const first = days[0];
    const last = days[days.length - 1];
    if (first === undefined || last === undefined) continue;
    const dense: SeriesPoint[] = [];
    for (let date = first; date <= last; date = addDays(date, 1)) {
      dense.push({ date, value: byDay.get(date) ?? 0 });
    }
    dense.forEach((point, index) => {
      if (index < minHistory) return;
      const window = dense.slice(Math.max(0, index - windowDays), index);
      const weekday = weekdayOf(point.date);
      const sameDay = window.filter((candidate) => weekdayOf(candidate.date) === weekday);
      const sameWeekday = weekdayAware && sameDay.length >= 2;
      const reference = (sameWeekday ? sameDay : window).map((candidate) => candidate.value);
      const baseline = median(reference);
      const deviation = median(reference.map((value) => Math.abs(value - baseline)));
      const scale = deviation > 0 ? deviation : Math.max(Math.abs(baseline) * 0.05, 1);
      const robustZ = (0.6745 * (point.value - baseline)) / scale;
      if (Math.abs(robustZ) < threshold) return;
      anomalies.push({
        key,
        date: point.date,
        value: point.value,
        baseline,
        jump: point.value - baseline,
        ratio: baseline === 0 ? null : point.value / baseline,
        robustZ,
        direction: robustZ > 0 ? 'spike' : 'drop',
        sameWeekday,
      });
    });
  }
  return anomalies;
}
