import { type GroupDimension, type MetricName, rollup, type UsageTable } from '@usagekit/aggregate';
import { isPartialPeriod } from '@usagekit/report';
import type { EndpointName } from '@usagekit/schemas';
import type { Grain } from '../shared/dashboard-query';
import type { TimeRange } from './time-range';

/** A dimension value in the table: an id or name, a flag, or null ("not grouped"). */
export type SliceValue = string | boolean | null;

/** What to cut from a table. */
export interface SliceRequest {
  /** Only rows of these endpoints. */
  readonly endpoints: readonly EndpointName[];
  /** Group keys: registry dimensions, or `endpoint`. */
  readonly by: readonly string[];
  /** Period length; `all` for the whole range. */
  readonly grain: Grain | 'all';
  readonly timeZone: string;
  readonly range: TimeRange;
  /** Keep only rows whose dimension is one of the values. */
  readonly include: ReadonlyMap<string, readonly SliceValue[]>;
  readonly metrics: readonly string[];
  /** The data's "now": a period that ends after it is not over yet. @unit Unix seconds */
  readonly now: number;
}

/**
 * One row of a slice: a period, the group key, and one value per requested metric (null when no
 * endpoint in the row measures it).
 */
export interface SliceRow {
  /** Period start. @unit Unix seconds */
  readonly period: number;
  readonly key: readonly SliceValue[];
  readonly sums: readonly (number | null)[];
}

/** A slice: rows, the periods of the range (zero-filled axis), and the engine's notes. */
export interface Slice {
  readonly rows: readonly SliceRow[];
  readonly periods: readonly number[];
  /** Per period: whether the range's edges cut it or it is not over yet at `now`. */
  readonly partial: readonly boolean[];
  /** Per period: the seconds of it the range covers up to `now` (what a level averages over). */
  readonly coveredSeconds: readonly number[];
  readonly warnings: readonly string[];
}

/**
 * Cuts a table with the aggregation engine: filters, groups by the keys, rolls the metrics up per
 * period of the grain in the zone (zero-filled for charts; levels averaged over time, never
 * summed). Money comes back in integer micro-units. Nothing is re-read from the API: every call
 * re-slices the ingested hourly columns, which re-cut exactly into any zone.
 *
 * @param table The table.
 * @param request What to cut.
 *
 * @returns Rows, the period axis and the engine's warnings.
 */
export function sliceTable(table: UsageTable, request: SliceRequest): Slice {
  const filters: Record<string, { include: SliceValue[] }> = Object.create(null);
  for (const [dimension, values] of request.include) filters[dimension] = { include: [...values] };
  const base = {
    endpoints: request.endpoints,
    grain: request.grain,
    timeZone: request.timeZone,
    metrics: request.metrics as MetricName[],
    filters,
    range: { start: request.range.start, end: request.range.end },
  };
  const result = rollup(table, { ...base, by: request.by as GroupDimension[] });
  // The period axis comes from an ungrouped, zero-filled roll-up: one row per period, instead of
  // zero-filling every group (a year of hours times a hundred groups would be a million rows).
  const periods = new Map<number, number>();
  if (request.grain !== 'all') {
    for (const row of rollup(table, { ...base, by: [], fill: true }).rows)
      periods.set(row.period_start, row.period_end);
  }
  const money = request.metrics.map((metric) => metric === 'amount_value');
  const rows: SliceRow[] = result.rows.map((row) => {
    periods.set(row.period_start, row.period_end);
    return {
      period: row.period_start,
      key: request.by.map((name) => (row[name] ?? null) as SliceValue),
      sums: request.metrics.map((metric, index) => {
        const value = row[metric];
        if (value === null || value === undefined) return null;
        return money[index] ? Math.round(Number(value) * 1_000_000) : Number(value);
      }),
    };
  });
  const starts = [...periods.keys()].sort((left, right) => left - right);
  const { range, now } = request;
  const window = { ...range, now, timeZone: request.timeZone, label: '' };
  return {
    rows,
    periods: starts,
    partial: starts.map((start) => isPartialPeriod(start, periods.get(start) as number, window)),
    coveredSeconds: starts.map((start) => {
      const end = Math.min(periods.get(start) as number, range.end, now);
      return Math.max(0, end - Math.max(start, range.start));
    }),
    warnings: result.warnings,
  };
}
