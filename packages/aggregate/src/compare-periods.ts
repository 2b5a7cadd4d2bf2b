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
  /** `null` when no endpoint of the group measures the metric in this period. */
  current: number | null;
  previous: number | null;
  /** `current - previous`; `null` when either is. */
  delta: number | null;
  /** `delta / previous * 100`; `null` when `previous` is 0 or either is `null`. */
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
 * Compares two periods (by default this one against the same length just before): each
 * group's roll-up in each (sums; a level's average over the period; `estimated_cost` rounded
 * once per side), with deltas and percentages. A group seen in only one period compares with 0
 * where it measures the metric; a metric neither side measures is left out.
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
  type Side = Array<number | null | undefined>;
  const groups = new Map<string, { values: DimensionValue[]; current: Side; previous: Side }>();
  const metrics = now.metrics;
  const collect = (rows: typeof now.rows, side: 'current' | 'previous') => {
    for (const row of rows) {
      const values = now.by.map((name) => (row[name] ?? null) as DimensionValue);
      const key = JSON.stringify(values);
      let group = groups.get(key);
      if (group === undefined) {
        group = { values, current: [], previous: [] };
        groups.set(key, group);
      }
      group[side] = metrics.map((name) => row[name] as number | null | undefined);
    }
  };
  collect(now.rows, 'current');
  collect(before.rows, 'previous');
  const rows: ComparisonRow[] = [];
  for (const group of groups.values()) {
    metrics.forEach((metric, index) => {
      const seen = [group.current[index], group.previous[index]];
      // A side without the group compares as 0 where the other side measures the metric.
      const measured = seen.some((value) => typeof value === 'number');
      if (!measured) return;
      const [currentValue, previousValue] = seen.map((value) =>
        value === undefined ? 0 : value,
      ) as [number | null, number | null];
      const delta =
        currentValue === null || previousValue === null ? null : currentValue - previousValue;
      rows.push({
        values: group.values,
        metric,
        current: currentValue,
        previous: previousValue,
        delta,
        percent:
          delta === null || previousValue === 0 ? null : (delta / (previousValue as number)) * 100,
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
