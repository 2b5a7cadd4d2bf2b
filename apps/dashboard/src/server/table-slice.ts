import { type GroupDimension, type MetricName, rollup, type UsageTable } from '@usagekit/aggregate';
import type { EndpointName } from '@usagekit/schemas';
import type { Grain } from '../shared/dashboard-query';
import type { TableLevels } from './dashboard-context';
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
}

/** One row of a slice: a period, the group key, and one sum per requested metric. */
export interface SliceRow {
  /** Period start. @unit Unix seconds */
  readonly period: number;
  readonly key: readonly SliceValue[];
  readonly sums: readonly number[];
}

/** A slice: rows, the periods of the range (zero-filled axis), and the engine's notes. */
export interface Slice {
  readonly rows: readonly SliceRow[];
  readonly periods: readonly number[];
  readonly warnings: readonly string[];
}

/**
 * Cuts a table with the aggregation engine: filters, groups by the keys, sums the metrics per
 * period of the grain in the zone (zero-filled for charts). Money comes back in integer
 * micro-units. Nothing is re-read from the API: every call re-slices the ingested columns.
 *
 * Day-or-coarser grains in UTC read the daily level (a fraction of the rows); hours and other
 * zones read the hourly level, which re-cuts exactly.
 *
 * @param levels The data set's hourly and daily tables.
 * @param request What to cut.
 *
 * @returns Rows, the period axis and the engine's warnings.
 */
export function sliceTable(levels: TableLevels, request: SliceRequest): Slice {
  const table: UsageTable =
    request.grain !== 'hour' && request.timeZone === 'UTC' ? levels.daily : levels.hourly;
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
  const periods = new Set<number>();
  if (request.grain !== 'all') {
    for (const row of rollup(table, { ...base, by: [], fill: true }).rows)
      periods.add(row.period_start);
  }
  const money = request.metrics.map((metric) => metric === 'amount_value');
  const rows: SliceRow[] = result.rows.map((row) => {
    periods.add(row.period_start);
    return {
      period: row.period_start,
      key: request.by.map((name) => (row[name] ?? null) as SliceValue),
      sums: request.metrics.map((metric, index) => {
        const value = Number(row[metric] ?? 0);
        return money[index] ? Math.round(value * 1_000_000) : value;
      }),
    };
  });
  return {
    rows,
    periods: [...periods].sort((left, right) => left - right),
    warnings: result.warnings,
  };
}
