import {
  type BucketInput,
  type Dimension,
  type DimensionFilter,
  type GroupDimension,
  type MetricName,
  rollup,
  type UsageTable,
} from '@usagekit/aggregate';
import type { CostsBucketLike } from '@usagekit/cost';
import type { BucketSource } from '@usagekit/report';
import { dimensionsOf, type EndpointName, endpoints, type ParamsOf } from '@usagekit/schemas';

/** What the dashboard loaded once, served to the report layer as if it were the API. */
export interface LoadedData {
  /** The organization's label in reports. */
  readonly label: string;
  /** Hourly usage of every usage endpoint, grouped by every dimension the organization accepts. */
  readonly usage: UsageTable;
  /** The bill as fetched: daily buckets by project and line item. */
  readonly costsBuckets: readonly CostsBucketLike[];
}

/** The query fields a fetch reads; the rest of `ParamsOf` are filters. */
interface FetchQuery {
  readonly start_time: number;
  readonly end_time?: number | undefined;
  readonly bucket_width?: string | undefined;
  readonly group_by?: readonly string[] | undefined;
  readonly [filter: string]: unknown;
}

function filtersOf(
  endpoint: EndpointName,
  query: FetchQuery,
): Partial<Record<GroupDimension, DimensionFilter>> {
  const filters: Partial<Record<GroupDimension, DimensionFilter>> = {};
  for (const dimension of dimensionsOf(endpoint)) {
    if (dimension.filterParam === null) continue;
    const value = query[dimension.filterParam];
    if (value === undefined) continue;
    filters[dimension.name as GroupDimension] = {
      include: (Array.isArray(value) ? value : [value]) as (string | boolean)[],
    };
  }
  return filters;
}

/** Re-cuts the loaded hourly usage into the buckets a fetch asks for, as the API shapes them. */
function usageBuckets(data: LoadedData, endpoint: EndpointName, query: FetchQuery): BucketInput[] {
  const stored = new Set<string>(data.usage.storedDimensions);
  const groupBy = (query.group_by ?? []).filter((dimension) => stored.has(dimension));
  const fields = endpoints[endpoint].metrics;
  const result = rollup(data.usage, {
    endpoints: [endpoint],
    by: groupBy as GroupDimension[],
    grain: query.bucket_width === '1d' ? 'day' : 'hour',
    timeZone: 'UTC',
    range: { start: query.start_time, end: query.end_time ?? Number.MAX_SAFE_INTEGER },
    filters: filtersOf(endpoint, query),
    metrics: fields.map((field) => field.name as MetricName),
  });
  const buckets = new Map<number, BucketInput & { results: Record<string, unknown>[] }>();
  for (const row of result.rows) {
    if (row.row_kind !== 'detail') continue;
    let bucket = buckets.get(row.period_start);
    if (bucket === undefined) {
      bucket = { start_time: row.period_start, end_time: row.period_end, results: [] };
      buckets.set(row.period_start, bucket);
    }
    const item: Record<string, unknown> = { object: endpoints[endpoint].resultObject };
    for (const dimension of groupBy) item[dimension] = row[dimension] ?? null;
    for (const field of fields) {
      const value = row[field.name];
      // Unmeasured stays absent (unknown), never a zero. A level is reported as the API does:
      // byte-time over the whole bucket (time not loaded yet holds nothing), in whole bytes.
      if (typeof value !== 'number') continue;
      const [outer, inner] = field.path;
      const reported =
        field.aggregation === 'level'
          ? Math.round(Number(row[`${field.name}_seconds`]) / (row.period_end - row.period_start))
          : value;
      if (inner === undefined) item[outer] = reported;
      else item[outer] = { ...(item[outer] as object | undefined), [inner]: reported };
    }
    bucket.results.push(item);
  }
  return [...buckets.values()].sort((left, right) => left.start_time - right.start_time);
}

/**
 * The loaded data as a {@link BucketSource}: every view is answered by `@usagekit/report` as the
 * CLI's commands are, from buckets this source re-cuts out of what was loaded once (hourly usage
 * into hours or UTC days, the bill's days as fetched), instead of refetching a year per view.
 * Groupings the organization refused at load are left out, as the API source leaves them out.
 *
 * @param data The loaded tables.
 * @param refused The groupings the organization refused per endpoint at load.
 *
 * @returns The source.
 */
export function createLoadedSource(
  data: LoadedData,
  refused: ReadonlyMap<string, readonly string[]>,
): BucketSource {
  return {
    label: data.label,
    async fetch(endpoint: EndpointName, params: ParamsOf<EndpointName>) {
      const query = params as unknown as FetchQuery;
      if (endpoint !== 'costs') return usageBuckets(data, endpoint, query);
      const end = query.end_time ?? Number.MAX_SAFE_INTEGER;
      return data.costsBuckets.filter(
        (bucket) => bucket.start_time >= query.start_time && bucket.start_time < end,
      ) as readonly BucketInput[];
    },
    refusedGroupings(endpoint) {
      const stored = new Set<string>(
        endpoint === 'costs' ? ['project_id', 'line_item'] : data.usage.storedDimensions,
      );
      const missing = endpoints[endpoint].dimensions.filter(
        (dimension: Dimension) => !stored.has(dimension),
      );
      return [...new Set([...(refused.get(endpoint) ?? []), ...missing])];
    },
  };
}
