import type { EndpointName } from '@usagekit/schemas';
import type { Dimension, DimensionValue, MetricName } from './fields';
import type { ResultPricer } from './result-pricer';

// The usage table's public contract: what createUsageTable returns and what it takes. The
// columnar implementation is in usage-table.ts.

/** Options of {@link createUsageTable}. */
export interface UsageTableOptions {
  /**
   * Store only these dimensions (a partial table: faster ingestion, less memory). Rolling up by
   * a dimension that is not stored is an error.
   * @default every registry dimension
   */
  dimensions?: readonly Dimension[] | undefined;
  /**
   * Store only these metrics.
   * @default every registry metric, and the engine's metrics when there is a `pricer`
   */
  metrics?: readonly MetricName[] | undefined;
  /**
   * What ingesting a bucket that is already in the table replaces: `'groups'` replaces the rows
   * whose group key (every stored dimension) comes again and keeps the others (right when the
   * same bucket is fetched in slices, for example per project); `'buckets'` drops every old row
   * of the bucket (right when a re-fetch is complete and a group may have vanished). A partial
   * table always replaces whole buckets, because its stored dimensions cannot tell groups apart.
   * @default 'groups'
   */
  replace?: 'groups' | 'buckets' | undefined;
  /**
   * Prices every usage result once as it is ingested (not `costs` results): the table then
   * stores `estimated_cost` exactly (whole micro-USD and the sub-micro pico remainder, summed
   * apart) and `unpriced_results`. Roll-ups show `estimated_cost` as integer micro-USD rounded
   * half up once from each row's own exact sum.
   */
  pricer?: ResultPricer | undefined;
  /**
   * Rows to allocate up front; the table doubles its capacity when full.
   * @default 1024
   */
  initialCapacity?: number | undefined;
}

/** Options of one ingestion. */
export interface IngestOptions {
  /**
   * The `group_by` the buckets were fetched with. Part of the bucket's identity, so an ungrouped
   * and a grouped fetch of the same hour are different views (rolling up both would count twice,
   * and the result warns about it).
   * @default the dimensions that are non-null in at least one result of the bucket
   */
  groupBy?: readonly Dimension[] | undefined;
}

/** What one ingestion did. */
export interface IngestSummary {
  /** Buckets read. */
  readonly buckets: number;
  /** Results read. */
  readonly results: number;
  /** Rows added to the table. */
  readonly appended: number;
  /** Rows that replaced a row of an earlier ingestion of the same bucket. */
  readonly replaced: number;
  /** Old rows removed because their whole bucket came again (`replace: 'buckets'`). */
  readonly removed: number;
}

/** How many rows of an endpoint reported a metric. */
export interface FieldCoverage {
  /** Live rows of the endpoint. */
  readonly rows: number;
  /** Rows that carried a number (a reported zero counts). */
  readonly reported: number;
  /** Rows where the field was absent or null. */
  readonly absent: number;
}

/** A bucket as `ingestBuckets` accepts it: the `data[]` items of a page. */
export interface BucketInput {
  start_time: number;
  end_time: number;
  results?: readonly unknown[] | undefined;
  /** Spelling of older spec versions, accepted when `results` is missing. */
  result?: readonly unknown[] | undefined;
}

/** A page as `ingestPage` accepts it. */
export interface PageInput {
  data: readonly BucketInput[];
}

/** The columnar usage table. Create one with {@link createUsageTable}. */
export interface UsageTable {
  /** Live rows. */
  readonly rowCount: number;
  /** Dimensions this table stores. */
  readonly storedDimensions: readonly Dimension[];
  /** Metrics this table stores. */
  readonly storedMetrics: readonly MetricName[];
  /**
   * Ingests one page of an endpoint (the parsed JSON of a response, validated or not).
   *
   * @param endpoint The endpoint the page came from.
   * @param page The page.
   * @param options The `group_by` of the request.
   *
   * @returns What was appended and replaced.
   */
  ingestPage(endpoint: EndpointName, page: PageInput, options?: IngestOptions): IngestSummary;
  /**
   * Ingests buckets of an endpoint.
   *
   * @param endpoint The endpoint the buckets came from.
   * @param buckets The buckets.
   * @param options The `group_by` of the request.
   *
   * @returns What was appended and replaced.
   */
  ingestBuckets(
    endpoint: EndpointName,
    buckets: readonly BucketInput[],
    options?: IngestOptions,
  ): IngestSummary;
  /** @returns The endpoints that have rows, in registry order. */
  endpoints(): EndpointName[];
  /**
   * Counts the rows of an endpoint that reported a metric and those where it was absent.
   *
   * @param endpoint The endpoint.
   * @param metric The metric.
   *
   * @returns The counts.
   */
  coverage(endpoint: EndpointName, metric: MetricName): FieldCoverage;
  /** @returns Estimated bytes held by the table (columns, dictionaries, bucket index). */
  memoryBytes(): number;
  /**
   * Lists the distinct values of a dimension in live rows (`null` included when some row is
   * not grouped by it).
   *
   * @param dimension The dimension.
   *
   * @returns The values, `null` and flags first, then strings in first-seen order.
   */
  dimensionValues(dimension: Dimension): DimensionValue[];
  /** @returns Notes about the data that every roll-up repeats (for example mixed groupings). */
  warnings(): string[];
}
