import type { DataTable, SeriesView } from '../shared/api-types';
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
  /** The row's value. */
  readonly valueOf: (sums: readonly number[]) => number;
}

/** Stacked series and their totals. */
export interface BuiltSeries {
  readonly times: readonly number[];
  readonly series: readonly SeriesView[];
  /** Total per series, same order. */
  readonly totals: readonly number[];
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
  const ranked = [...values.entries()]
    .map(([key, series]) => ({ key, series, total: series.reduce((sum, value) => sum + value, 0) }))
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
    totals.push(rest.reduce((sum, entry) => sum + entry.total, 0));
  }
  return { times: slice.periods, series, totals };
}

/**
 * The series totals as a table (name with id on hover, total, share).
 *
 * @param built The series.
 * @param id Table id.
 * @param title Table title.
 * @param kind How totals are shown.
 *
 * @returns The table.
 */
export function seriesTable(
  built: BuiltSeries,
  id: string,
  title: string,
  kind: 'money' | 'number',
): DataTable {
  const grand = built.totals.reduce((sum, value) => sum + value, 0);
  return {
    id,
    title,
    columns: [
      { key: 'name', label: 'Name', kind: 'text' },
      { key: 'total', label: 'Total', kind },
      { key: 'share', label: 'Share', kind: 'percent' },
    ],
    rows: built.series.map((series, index) => {
      const total = built.totals[index] ?? 0;
      return {
        cells: [
          series.label,
          kind === 'money' ? Math.round(total) : total,
          grand === 0 ? 0 : total / grand,
        ],
        titles: [series.title, null, null],
      };
    }),
    notes: [],
  };
}
