import { coverageOf } from './coverage';
import { allMetrics, endpointDefinesMetric, metricSlot } from './fields';
import { groupRows, type Passes } from './grouping/group-rows';
import { coveredSeconds, selectPeriods } from './period-selection';
import { planQuery, type RollupQuery } from './rollup-query';
import type { RollupResult } from './rollup-result';
import { finishRows } from './rollup-rows';
import { type ColumnarUsageTable, columnarTable } from './usage-table';
import type { UsageTable } from './usage-table-api';

/**
 * Rolls a usage table up: filters rows, assigns each bucket to a period of the grain in the
 * time zone, groups by the chosen dimensions and sums metrics, then applies top-N, zero-fill,
 * subtotals and derived metrics. The table is only read: re-rolling it with another grouping,
 * grain or filter reuses the ingested columns, and nothing is re-read from pages.
 *
 * @param table A table made by {@link createUsageTable}.
 * @param query What to roll up.
 *
 * @returns Rows, columns, coverage and warnings.
 *
 * @throws {RollupQueryError} When the query names an unknown or invalid option.
 */
export function rollup(table: UsageTable, query: RollupQuery): RollupResult {
  return rollupColumns(columnarTable(table), query, 'kernel');
}

/**
 * {@link rollup} over a table's columns.
 *
 * @param columnar The table's columns.
 * @param query What to roll up.
 * @param passes Which grouping passes may run (see {@link groupRows}).
 *
 * @returns The result.
 */
export function rollupColumns(
  columnar: ColumnarUsageTable,
  query: RollupQuery,
  passes: Passes,
): RollupResult {
  const plan = planQuery(columnar, query);
  const periods = selectPeriods(columnar, plan);
  const grouped = groupRows(columnar, plan, periods, passes);
  const levelSeconds = plan.summed.map((name) => {
    const slot = metricSlot.get(name) as number;
    if (allMetrics[slot]?.aggregation !== 'level') return undefined;
    return coveredSeconds(
      columnar,
      periods,
      (endpoint) => endpointDefinesMetric[endpoint]?.[slot] === 1,
    );
  });
  return finishRows({
    plan,
    detail: grouped.detail,
    measuredBy: grouped.measuredBy,
    levelSeconds,
    periodStarts: periods.starts,
    periodEnds: periods.ends,
    warnings: [...columnar.warnings(), ...periods.warnings, ...grouped.warnings],
    coverage: coverageOf(columnar, plan, periods.bucketPeriod),
  });
}
