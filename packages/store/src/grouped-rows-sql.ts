import {
  dimensionInfo,
  type EndpointName,
  getEndpoint,
  isDimensionName,
  type MetricField,
} from '@usagekit/schemas';
import { CURRENT_RESULTS_VIEW } from './columns';
import type { DimensionFilter } from './regroup';
import { sqlIdentifier, sqlLiteral } from './sql-literal';
import type { SeriesKey, TimeWindow } from './usage-store';

/** What to group in SQL: a stored series' window, down to some dimensions, filtered. */
export interface GroupedRowsQuery extends SeriesKey, TimeWindow {
  readonly groupBy: readonly string[];
  readonly filters: readonly DimensionFilter[];
}

/**
 * The SQL (accepted by DuckDB and ClickHouse 18.16 alike) that sums an endpoint's stored results
 * per stored bucket and requested group, filtered, over `current_results`: the store's own engine
 * does the grouping, and only one row per bucket and group comes back. Metrics come back as
 * `m0`, `m1`, … in registry order; `sum` of only NULLs is NULL in both engines, so an unmeasured
 * metric stays null.
 *
 * @param query The series, window, grouping and filters.
 *
 * @returns The SQL text; every value in it went through {@link sqlLiteral}, every name through
 *   {@link sqlIdentifier}.
 */
export function groupedRowsSql(query: GroupedRowsQuery): string {
  const metrics = getEndpoint(query.endpoint).metrics as readonly MetricField[];
  const dimensions = query.groupBy.map(sqlIdentifier);
  const conditions = [
    `organization = ${sqlLiteral(query.organization)}`,
    `endpoint = ${sqlLiteral(query.endpoint)}`,
    `bucket_width = ${sqlLiteral(query.bucketWidth)}`,
    `start_time >= ${sqlLiteral(query.startTime)}`,
    `start_time < ${sqlLiteral(query.endTime)}`,
    ...query.filters.map(
      (filter) =>
        `${sqlIdentifier(filter.dimension)} IN (${filter.values
          .map((value) => sqlLiteral(String(value)))
          .join(', ')})`,
    ),
  ];
  const columns = [
    'start_time',
    ...dimensions,
    ...metrics.map((metric, slot) => `sum(${sqlIdentifier(metric.name)}) AS m${slot}`),
  ];
  return `SELECT ${columns.join(', ')} FROM ${CURRENT_RESULTS_VIEW} WHERE ${conditions.join(
    ' AND ',
  )} GROUP BY ${['start_time', ...dimensions].join(', ')}`;
}

/**
 * Turns the rows of {@link groupedRowsSql} into results shaped as the API's: dimensions under
 * their names (`batch` back to a boolean), metrics at their paths.
 *
 * @param endpoint The endpoint.
 * @param groupBy The grouping the SQL used.
 * @param rows The rows.
 *
 * @returns The results with their stored bucket's start.
 */
export function groupedRowsToResults(
  endpoint: EndpointName,
  groupBy: readonly string[],
  rows: readonly Record<string, unknown>[],
): { startTime: number; result: Record<string, unknown> }[] {
  const metrics = getEndpoint(endpoint).metrics as readonly MetricField[];
  // Flags (`batch`) are stored as their JSON text, `'true'` or `'false'`.
  const flags = groupBy.map(
    (dimension) => isDimensionName(dimension) && dimensionInfo(dimension).valueKind === 'flag',
  );
  return rows.map((row) => {
    const result: Record<string, unknown> = {};
    groupBy.forEach((dimension, slot) => {
      const text = row[dimension] ?? null;
      result[dimension] = flags[slot] && text !== null ? text === 'true' : text;
    });
    metrics.forEach((metric, slot) => {
      const value = row[`m${slot}`];
      result[metric.name] = value === null || value === undefined ? null : Number(value);
    });
    return { startTime: Number(row.start_time), result };
  });
}
