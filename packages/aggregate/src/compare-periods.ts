import type { EndpointName } from '@usagekit/schemas';
import { RollupQueryError } from './errors';
import type { DimensionValue, GroupDimension, MetricName } from './fields';
import { rollup } from './rollup';
import type { DimensionFilter, TimeRange } from './rollup-query';
import type { UsageTable } from './usage-table-api';

/** Options of {@link comparePeriods}. */
export interface ComparePeriodsOptions {
  /** The period of interest. @unit Unix seconds */
  current: TimeRange;
  /**
   * The period to compare with.
   * @default the same length just before `current`
   */
  previous?: TimeRange | undefined;
  /** Dimensions to compare by. @default [] (totals) */
  by?: readonly GroupDimension[] | undefined;
  /** Metrics to compare. @default every metric of the selected endpoints */
  metrics?: readonly MetricName[] | undefined;
  /** Endpoints to include. @default every endpoint with rows */
  endpoints?: readonly EndpointName[] | undefined;
  /** Dimension filters, as in {@link rollup}. */
  filters?: Partial<Record<GroupDimension, DimensionFilter>> | undefined;
}

/** One group and metric in both periods. */
export interface ComparisonRow {
  /** Values of `by`, in order. */
  values: DimensionValue[];
  metric: string;
  current: number;
  previous: number;
  /** `current - previous`. */
  delta: number;
  /** `delta / previous * 100`; `null` when `previous` is 0. */
  percent: number | null;
}

/** What {@link comparePeriods} returns. */
export interface PeriodComparison {
  by: readonly GroupDimension[];
  current: TimeRange;
  previous: TimeRange;
  /** Rows ordered by group, then metric; groups present in either period. */
  rows: ComparisonRow[];
  warnings: string[];
}

/**
 * Compares two periods (by default this one against the same length just before): sums per
 * group in each, with deltas and percentages. Groups seen in only one period compare with 0.
 *
 * @param table The table.
 * @param options The periods, grouping and metrics.
 *
 * @returns The comparison.
 */
export function comparePeriods(
  table: UsageTable,
  options: ComparePeriodsOptions,
): PeriodComparison {
  const { current } = options;
  if (current === undefined || !(current.end > current.start)) {
    throw new RollupQueryError('needs start < end (Unix seconds)', 'current');
  }
  const previous = options.previous ?? {
    start: current.start - (current.end - current.start),
    end: current.start,
  };
  const query = {
    by: options.by ?? [],
    grain: 'all' as const,
    metrics: options.metrics,
    endpoints: options.endpoints,
    filters: options.filters,
  };
  const now = rollup(table, { ...query, range: current });
  const before = rollup(table, { ...query, range: previous });
  const groups = new Map<
    string,
    { values: DimensionValue[]; current: number[]; previous: number[] }
  >();
  const metrics = now.metrics;
  const collect = (rows: typeof now.rows, side: 'current' | 'previous') => {
    for (const row of rows) {
      const values = now.by.map((name) => (row[name] ?? null) as DimensionValue);
      const key = JSON.stringify(values);
      let group = groups.get(key);
      if (group === undefined) {
        group = { values, current: metrics.map(() => 0), previous: metrics.map(() => 0) };
        groups.set(key, group);
      }
      metrics.forEach((name, index) => {
        group[side][index] = row[name] as number;
      });
    }
  };
  collect(now.rows, 'current');
  collect(before.rows, 'previous');
  const rows: ComparisonRow[] = [];
  for (const group of groups.values()) {
    metrics.forEach((metric, index) => {
      const currentValue = group.current[index] as number;
      const previousValue = group.previous[index] as number;
      const delta = currentValue - previousValue;
      rows.push({
        values: group.values,
        metric,
        current: currentValue,
        previous: previousValue,
        delta,
        percent: previousValue === 0 ? null : (delta / previousValue) * 100,
      });
    });
  }
  const warnings = [
    ...now.warnings.map((text) => `current: ${text}`),
    ...before.warnings.map((text) => `previous: ${text}`),
  ];
  if (before.rows.length === 0) warnings.push('previous: no data in the previous period');
  return { by: now.by, current, previous, rows, warnings };
}
