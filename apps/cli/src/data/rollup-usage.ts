import type { Dimension, GroupDimension } from '@usagekit/aggregate';
import type { Grain } from '../args/grain';
import type { FetchedEndpoint } from './fetch-endpoints';
import type { DimensionValue, GroupRow } from './group-row';

/** What to roll up. */
export interface RollupUsageOptions {
  /** Dimensions to keep (registry names, `organization`, `endpoint`). */
  readonly by: readonly string[];
  /** The period grain; `minute` keeps minute buckets apart. */
  readonly grain: Grain | 'minute';
  readonly timeZone: string;
  /** The range (periods are cut inside it). @unit seconds since the Unix epoch */
  readonly range: { readonly startTime: number; readonly endTime: number };
}

/** Rolled-up rows and the engine's caveats. */
export interface UsageRollup {
  readonly rows: GroupRow[];
  /** Metrics present, in registry order. */
  readonly metrics: string[];
  readonly warnings: string[];
}

/**
 * Rolls fetched buckets up by period and dimensions with the aggregation engine: one columnar
 * table per organization (the engine replaces a bucket fetched twice, so organizations must not
 * share a table), rows tagged with their organization. Money comes back in micro-units.
 *
 * @param fetched The buckets of every endpoint.
 * @param options Grouping, grain, zone and range.
 *
 * @returns The rows and warnings.
 */
export async function rollupUsage(
  fetched: readonly FetchedEndpoint[],
  options: RollupUsageOptions,
): Promise<UsageRollup> {
  const [{ createUsageTable, rollup }, { toMicros }] = await Promise.all([
    import('@usagekit/aggregate'),
    import('@usagekit/cost'),
  ]);
  const organizations = new Set<string>();
  for (const item of fetched)
    for (const bucket of item.buckets) organizations.add(bucket.organization);
  const by = options.by.filter((dimension) => dimension !== 'organization') as GroupDimension[];
  const rows: GroupRow[] = [];
  const metrics = new Set<string>();
  const warnings = new Set<string>();
  for (const organization of organizations) {
    const table = createUsageTable();
    for (const item of fetched) {
      const buckets = item.buckets.filter((bucket) => bucket.organization === organization);
      if (buckets.length > 0) {
        table.ingestBuckets(item.endpoint, buckets, {
          groupBy: item.groupBy as readonly Dimension[],
        });
      }
    }
    const result = rollup(table, {
      by,
      grain: options.grain === 'total' ? 'all' : options.grain,
      timeZone: options.timeZone,
      range: { start: options.range.startTime, end: options.range.endTime },
    });
    for (const metric of result.metrics) metrics.add(metric);
    for (const warning of result.warnings) {
      warnings.add(organizations.size > 1 ? `${organization}: ${warning}` : warning);
    }
    for (const row of result.rows) {
      if (row.row_kind !== 'detail') continue;
      const dimensions = new Map<string, DimensionValue>([['organization', organization]]);
      for (const dimension of by)
        dimensions.set(dimension, (row[dimension] ?? null) as DimensionValue);
      const sums = new Map<string, number>();
      for (const metric of result.metrics) {
        const value = row[metric];
        if (typeof value !== 'number') continue;
        sums.set(metric, metric === 'amount_value' ? toMicros(value) : value);
      }
      rows.push({
        periodStart: options.grain === 'total' ? null : row.period_start,
        periodEnd: options.grain === 'total' ? null : row.period_end,
        dimensions,
        metrics: sums,
      });
    }
  }
  return { rows, metrics: [...metrics], warnings: [...warnings] };
}
