import type { DataTable, SeriesView, TableColumn } from '../shared/api-types';
import type { Label } from './labels';
import type { Slice } from './table-slice';

/** Key of the folded rest. */
export const OTHER_KEY = '__other__';

/** How slice rows become series. */
export interface SeriesMapping {
  /** The series a row belongs to (several rows may share one). */
  readonly keyOf: (row: Slice['rows'][number]) => string;
  /** Label and title of a series key. */
  readonly labelOf: (key: string) => Label;
  /** The row's value (unmeasured metrics are null). */
  readonly valueOf: (sums: readonly (number | null)[]) => number;
  /**
   * How a series' periods combine into its total: summed, or for a level (bytes held) averaged
   * over the time each period covers, never summed across time.
   */
  readonly aggregation: 'sum' | 'level';
}

/** Stacked series and their totals. */
export interface BuiltSeries {
  readonly times: readonly number[];
  readonly series: readonly SeriesView[];
  /** Total per series (for a level: its time-weighted average), same order. */
  readonly totals: readonly number[];
}

/** Sums a series over its periods, or averages a level over the seconds they cover. */
function combinerOf(slice: Slice, aggregation: 'sum' | 'level'): (series: Float64Array) => number {
  if (aggregation === 'sum') return (series) => series.reduce((sum, value) => sum + value, 0);
  const covered = slice.coveredSeconds.reduce((sum, seconds) => sum + seconds, 0);
  return (series) =>
    covered === 0
      ? 0
      : series.reduce((sum, value, index) => sum + value * (slice.coveredSeconds[index] ?? 0), 0) /
        covered;
}

/**
 * Folds slice rows into at most `top` stacked series (largest total first) plus an "Other"
 * series for the rest, on the slice's zero-filled period axis.
 *
 * @param slice The slice.
 * @param mapping Keys, labels and values.
 * @param top How many series to keep.
 *
 * @returns Times, series and totals.
 */
export function buildSeries(slice: Slice, mapping: SeriesMapping, top: number): BuiltSeries {
  const periodIndex = new Map(slice.periods.map((period, index) => [period, index]));
  const values = new Map<string, Float64Array>();
  for (const row of slice.rows) {
    const index = periodIndex.get(row.period);
    if (index === undefined) continue;
    const key = mapping.keyOf(row);
    let series = values.get(key);
    if (series === undefined) {
      series = new Float64Array(slice.periods.length);
      values.set(key, series);
    }
    series[index] = (series[index] as number) + mapping.valueOf(row.sums);
  }
  const combine = combinerOf(slice, mapping.aggregation);
  const ranked = [...values.entries()]
    .map(([key, series]) => ({ key, series, total: combine(series) }))
    .filter((entry) => entry.total !== 0)
    .sort((left, right) => right.total - left.total || left.key.localeCompare(right.key));
  const kept = ranked.slice(0, top);
  const rest = ranked.slice(top);
  const series: SeriesView[] = kept.map((entry) => ({
    key: entry.key,
    ...mapping.labelOf(entry.key),
    values: Array.from(entry.series),
  }));
  const totals = kept.map((entry) => entry.total);
  if (rest.length > 0) {
    const other = new Float64Array(slice.periods.length);
    for (const entry of rest)
      for (let index = 0; index < other.length; index += 1)
        other[index] = (other[index] as number) + (entry.series[index] as number);
    series.push({
      key: OTHER_KEY,
      label: `Other (${rest.length})`,
      title: `${rest.length} smaller series`,
      values: Array.from(other),
    });
    totals.push(combine(other));
  }
  return { times: slice.periods, series, totals };
}

/**
 * The series totals as a table (name with id on hover, total, share).
 *
 * @param built The series.
 * @param id Table id.
 * @param title Table title.
 * @param total The total column: its label, kind, unit and whether it is an estimate.
 *
 * @returns The table.
 */
export function seriesTable(
  built: BuiltSeries,
  id: string,
  title: string,
  total: Omit<TableColumn, 'key'>,
): DataTable {
  const kind = total.kind;
  const grand = built.totals.reduce((sum, value) => sum + value, 0);
  return {
    id,
    title,
    columns: [
      { key: 'name', label: 'Name', kind: 'text' },
      { key: 'total', ...total },
      { key: 'share', label: 'Share', kind: 'percent' },
    ],
    rows: built.series.map((series, index) => {
      const value = built.totals[index] ?? 0;
      return {
        cells: [
          series.label,
          kind === 'money' ? Math.round(value) : value,
          grand === 0 ? 0 : value / grand,
        ],
        titles: [series.title, null, null],
      };
    }),
    notes: [],
  };
}
