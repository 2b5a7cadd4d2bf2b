import { endpointNames } from '@usagekit/schemas';
import { endpointDefinesMetric, type MetricName, metricSlot } from './fields';
import type { Grouping } from './group-and-sum';
import type { ColumnarUsageTable } from './usage-table';
import type { FieldCoverage } from './usage-table-api';

/**
 * Per metric: the selected rows of endpoints that report it, and how many of those lacked it.
 *
 * @param table The table.
 * @param metrics The summed metrics.
 * @param bucketPeriod Each bucket's period (-1: not selected).
 * @param grouping The roll-up's groups: when filters could exclude rows, `keptRows` per bucket,
 *   and the group ids (`space` marks excluded rows; written when a summed metric has absent rows).
 *
 * @returns Coverage by metric name.
 */
export function coverageOf(
  table: ColumnarUsageTable,
  metrics: readonly MetricName[],
  bucketPeriod: Int32Array,
  grouping?: Pick<Grouping, 'keptRows' | 'groups' | 'space'>,
): Record<string, FieldCoverage> {
  const rowsByEndpoint = new Float64Array(endpointNames.length);
  const { rowBucket, bucketEndpoint, rowCount } = table;
  // Rows in the trash group were excluded by filters (-1: none was).
  const keptRows = grouping?.keptRows;
  const groups = keptRows === undefined ? undefined : grouping?.groups;
  const trash = keptRows === undefined ? -1 : (grouping?.space ?? -1);
  const rowsPerBucket = keptRows ?? table.bucketRows;
  for (let bucket = 0; bucket < table.bucketCount; bucket += 1) {
    if ((bucketPeriod[bucket] as number) < 0) continue;
    const endpoint = bucketEndpoint[bucket] as number;
    rowsByEndpoint[endpoint] =
      (rowsByEndpoint[endpoint] as number) + (rowsPerBucket[bucket] as number);
  }
  const coverage: Record<string, FieldCoverage> = {};
  for (const name of metrics) {
    const slot = metricSlot.get(name) as number;
    let rows = 0;
    endpointDefinesMetric.forEach((defines, endpoint) => {
      if (defines[slot] === 1) rows += rowsByEndpoint[endpoint] as number;
    });
    const column = table.metrics[slot];
    let absent = 0;
    if (column === null || column === undefined) absent = rows;
    else if (column.anyAbsent(rowCount)) {
      const bits = column.absent;
      for (let row = 0; row < rowCount; row += 1) {
        if (((bits[row >> 3] as number) & (1 << (row & 7))) === 0) continue;
        const bucket = rowBucket[row] as number;
        // Group ids are only kept when filters exclude rows; otherwise the bucket decides.
        if (groups !== undefined ? groups[row] === trash : (bucketPeriod[bucket] as number) < 0)
          continue;
        const endpoint = bucketEndpoint[bucket] as number;
        if (endpointDefinesMetric[endpoint]?.[slot] === 1) absent += 1;
      }
    }
    coverage[name] = { rows, reported: rows - absent, absent };
  }
  return coverage;
}
