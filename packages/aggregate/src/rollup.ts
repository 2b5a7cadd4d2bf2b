import { endpointNames } from '@usagekit/schemas';
import { coverageOf } from './coverage';
import type { DimensionDictionary } from './dimension-dictionary';
import { allMetrics, type DimensionValue, metricSlot } from './fields';
import { batchShareSums, type Grouping, groupAndSum } from './group-and-sum';
import type { Grain } from './period-calendar';
import { type PeriodSelection, selectPeriods } from './period-selection';
import { planQuery, type QueryPlan, type RollupQuery } from './rollup-query';
import { finishRows, type GroupColumns, type RollupResult } from './rollup-rows';
import { type ColumnarUsageTable, columnarTable } from './usage-table';
import type { FieldCoverage, UsageTable } from './usage-table-api';

/**
 * Writes each present group's period and dimension values: decoded from the group id when ids
 * are mixed radix (no row is touched), read from the group's first row otherwise.
 */
function describeGroups(
  table: ColumnarUsageTable,
  plan: QueryPlan,
  periods: PeriodSelection,
  grouping: Grouping,
  detail: GroupColumns,
): void {
  const { present, firstRow, layout } = grouping;
  const count = present.length;
  const rowBucket = table.rowBucket;
  if (layout !== undefined) {
    const span = layout.stride * layout.endpointRadix;
    for (let index = 0; index < count; index += 1) {
      detail.period[index] = Math.floor((present[index] as number) / span);
    }
  } else {
    for (let index = 0; index < count; index += 1) {
      detail.period[index] = periods.bucketPeriod[
        rowBucket[firstRow[index] as number] as number
      ] as number;
    }
  }
  // Column by column, so each loop keeps one dimension in hand.
  plan.bySlots.forEach((slot, position) => {
    const column = detail.values[position] as DimensionValue[];
    const axis = layout?.axes[position];
    if (slot < 0) {
      for (let index = 0; index < count; index += 1) {
        const endpoint =
          layout === undefined
            ? (table.bucketEndpoint[rowBucket[firstRow[index] as number] as number] as number)
            : Math.floor((present[index] as number) / layout.stride) % layout.endpointRadix;
        column[index] = endpointNames[endpoint] as string;
      }
    } else if (axis !== undefined && axis !== null) {
      for (let index = 0; index < count; index += 1) {
        const digit = Math.floor((present[index] as number) / axis.stride) % axis.radix;
        column[index] = axis.values[digit] as DimensionValue;
      }
    } else if (layout !== undefined) {
      // Not an axis of the layout: no row has this dimension, so it is null everywhere.
      column.fill(null, 0, count);
    } else {
      const codes = table.codes[slot];
      const values = (table.dictionaries[slot] as DimensionDictionary).values;
      for (let index = 0; index < count; index += 1) {
        column[index] = values[codes?.[firstRow[index] as number] ?? 0] ?? null;
      }
    }
  });
}

/**
 * Rolls a usage table up: filters rows, assigns each bucket to a period of the grain in the
 * time zone, groups by the chosen dimensions and sums metrics, then applies top-N, zero-fill,
 * subtotals and derived metrics. Re-rolling the same table with another grouping, grain or
 * filter reuses the ingested columns; nothing is re-read from pages.
 *
 * @param table A table made by {@link createUsageTable}.
 * @param query What to roll up.
 *
 * @returns Rows, columns, coverage and warnings.
 */
export function rollup(table: UsageTable, query: RollupQuery): RollupResult {
  const columnar = columnarTable(table);
  columnar.compact();
  const plan = planQuery(columnar, query);
  const periods = selectPeriods(columnar, plan);
  const grouping = groupAndSum(columnar, plan, periods);
  const coverage = coverageOf(columnar, plan.summed, periods.bucketPeriod, grouping);
  return finishRollup(columnar, plan, periods, grouping, coverage);
}

/**
 * Turns groups into the result: their periods and values, batch shares, then top-N, fill,
 * subtotals, ordering and derived metrics (see {@link finishRows}).
 *
 * @param table The table the groups came from.
 * @param plan The query plan.
 * @param periods The selected periods.
 * @param grouping The groups and their sums.
 * @param coverage Coverage of the summed metrics.
 *
 * @returns The result.
 */
export function finishRollup(
  table: ColumnarUsageTable,
  plan: QueryPlan,
  periods: PeriodSelection,
  grouping: Grouping,
  coverage: Record<string, FieldCoverage>,
): RollupResult {
  const warnings = [...table.warnings(), ...periods.warnings];
  const detail: GroupColumns = {
    count: grouping.present.length,
    period: new Int32Array(grouping.present.length),
    kind: undefined,
    values: plan.bySlots.map(() => new Array<DimensionValue>(grouping.present.length)),
    sums: grouping.sums,
    batch: plan.derived.some((entry) => entry.batch)
      ? batchShareSums(table, grouping, warnings)
      : undefined,
  };
  describeGroups(table, plan, periods, grouping, detail);
  return finishRows({
    plan,
    detail,
    periodStarts: periods.starts,
    periodEnds: periods.ends,
    warnings,
    coverage,
    sorted: grouping.layout !== undefined,
    scales: plan.summed.map((name) => allMetrics[metricSlot.get(name) as number]?.scale ?? 1),
  });
}

export type { Grain };
