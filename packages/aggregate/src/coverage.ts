import { endpointNames } from '@usagekit/schemas';
import { endpointDefinesMetric, metricSlot } from './fields';
import type { QueryPlan } from './rollup-query';
import type { ColumnarUsageTable } from './usage-table';
import type { FieldCoverage } from './usage-table-api';

/**
 * Per summed metric: the selected rows of endpoints that report it (those in selected buckets
 * that every filter keeps), and how many of those lacked it.
 *
 * @param table The table.
 * @param plan The query plan (its summed metrics and filters).
 * @param bucketPeriod Each bucket's period (-1: not selected).
 *
 * @returns Coverage by metric name.
 */
export function coverageOf(
  table: ColumnarUsageTable,
  plan: QueryPlan,
  bucketPeriod: Int32Array,
): Record<string, FieldCoverage> {
  const filters = [...plan.allowedCodes].map(([slot, allowed]) => ({
    codes: table.codes[slot],
    allowed,
  }));
  const kept = (row: number) =>
    filters.every(({ codes, allowed }) => allowed[codes?.[row] ?? 0] === 1);
  const rowsByEndpoint = new Float64Array(endpointNames.length);
  for (let bucket = 0; bucket < table.bucketCount; bucket += 1) {
    if ((bucketPeriod[bucket] as number) < 0) continue;
    let rows = table.bucketRows[bucket] as number;
    if (filters.length > 0) {
      const ranges = table.bucketRanges[bucket] as number[];
      for (let index = 0; index < ranges.length; index += 2) {
        for (let row = ranges[index] as number; row < (ranges[index + 1] as number); row += 1) {
          if (!kept(row)) rows -= 1;
        }
      }
    }
    const endpoint = table.bucketEndpoint[bucket] as number;
    rowsByEndpoint[endpoint] = (rowsByEndpoint[endpoint] as number) + rows;
  }
  const coverage: Record<string, FieldCoverage> = {};
  for (const name of plan.summed) {
    const slot = metricSlot.get(name) as number;
    const defines = (row: number) =>
      endpointDefinesMetric[table.bucketEndpoint[table.rowBucket[row] as number] as number]?.[
        slot
      ] === 1;
    let rows = 0;
    endpointDefinesMetric.forEach((flags, endpoint) => {
      if (flags[slot] === 1) rows += rowsByEndpoint[endpoint] as number;
    });
    const column = table.metrics[slot];
    let absent = column ? 0 : rows;
    if (column?.anyAbsent(table.rowCount)) {
      for (let row = 0; row < table.rowCount; row += 1) {
        if (!column.isAbsent(row)) continue;
        const selected = (bucketPeriod[table.rowBucket[row] as number] as number) >= 0;
        if (selected && kept(row) && defines(row)) absent += 1;
      }
    }
    coverage[name] = { rows, reported: rows - absent, absent };
  }
  return coverage;
}
