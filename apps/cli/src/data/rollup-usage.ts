import type { Dimension, GroupDimension, RollupResult, RollupRow } from '@usagekit/aggregate';
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

/** The aggregation engine's result for one organization. */
export interface OrganizationRollup {
  readonly organization: string;
  /** The engine's result: flat rows (`endpoint`, dimension and metric fields at the top level). */
  readonly result: RollupResult;
}

/**
 * Rolls fetched buckets up by period and dimensions with the aggregation engine: one columnar
 * table per organization (the engine replaces a bucket fetched twice, so organizations must not
 * share a table).
 *
 * @param fetched The buckets of every endpoint.
 * @param options Grouping, grain, zone and range (`organization` in `by` is implied).
 *
 * @returns One engine result per organization, in first-seen order.
 */
export async function rollupOrganizations(
  fetched: readonly FetchedEndpoint[],
  options: RollupUsageOptions,
): Promise<OrganizationRollup[]> {
  const { createUsageTable, rollup } = await import('@usagekit/aggregate');
  const organizations = new Set<string>();
  for (const item of fetched)
    for (const bucket of item.buckets) organizations.add(bucket.organization);
  const by = options.by.filter((dimension) => dimension !== 'organization') as GroupDimension[];
  return [...organizations].map((organization) => {
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
    return { organization, result };
  });
}

/**
 * Turns one engine row into a report row tagged with its organization. Money comes back in
 * micro-units; a whole-range (`all` grain) row has no period.
 *
 * @param organization The organization the row belongs to.
 * @param row A `detail` row of `result`.
 * @param result The engine result the row comes from (its `by`, `metrics` and `grain`).
 * @param toMicros Converts a currency amount to micro-units.
 *
 * @returns The row.
 */
export function groupRowOf(
  organization: string,
  row: RollupRow,
  result: RollupResult,
  toMicros: (amount: number) => number,
): GroupRow {
  const dimensions = new Map<string, DimensionValue>([['organization', organization]]);
  for (const dimension of result.by)
    dimensions.set(dimension, (row[dimension] ?? null) as DimensionValue);
  const sums = new Map<string, number>();
  for (const metric of result.metrics) {
    const value = row[metric];
    if (typeof value !== 'number') continue;
    sums.set(metric, metric === 'amount_value' ? toMicros(value) : value);
  }
  const whole = result.grain === 'all';
  return {
    periodStart: whole ? null : row.period_start,
    periodEnd: whole ? null : row.period_end,
    dimensions,
    metrics: sums,
  };
}

/**
 * Rolls fetched buckets up by period and dimensions ({@link rollupOrganizations}) into report
 * rows tagged with their organization. Money comes back in micro-units.
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
  const [rollups, { toMicros }] = await Promise.all([
    rollupOrganizations(fetched, options),
    import('@usagekit/cost'),
  ]);
  const rows: GroupRow[] = [];
  const metrics = new Set<string>();
  const warnings = new Set<string>();
  for (const { organization, result } of rollups) {
    for (const metric of result.metrics) metrics.add(metric);
    for (const warning of result.warnings) {
      warnings.add(rollups.length > 1 ? `${organization}: ${warning}` : warning);
    }
    for (const row of result.rows) {
      if (row.row_kind === 'detail') rows.push(groupRowOf(organization, row, result, toMicros));
    }
  }
  return { rows, metrics: [...metrics], warnings: [...warnings] };
}
