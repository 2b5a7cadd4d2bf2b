import type { Bucket, BucketWidth, EndpointName, ResultOf } from '@usagekit/schemas';

/** Which engine holds a store. */
export type StoreKind = 'duckdb' | 'clickhouse';

/** A window of time: start inclusive, end exclusive. */
export interface TimeWindow {
  /** @unit Unix seconds */
  readonly startTime: number;
  /** @unit Unix seconds */
  readonly endTime: number;
}

/** Which series of buckets: one organization's endpoint at one width. */
export interface SeriesKey {
  /** The organization's key (the label usagekit knows it by, e.g. its name in the config file). */
  readonly organization: string;
  readonly endpoint: EndpointName;
  readonly bucketWidth: BucketWidth;
}

/** Whole buckets to store for a window, replacing whatever the store held for it. */
export interface WriteBucketsInput extends SeriesKey, TimeWindow {
  /**
   * The buckets the API returned for the window, each whole and inside it (start and end on the
   * width's grid). Buckets of the window that are missing here are removed from the store.
   */
  readonly buckets: readonly Bucket<unknown>[];
  /** When the buckets were fetched. @unit Unix milliseconds @default Date.now() */
  readonly fetchedAt?: number | undefined;
}

/** What a write stored. */
export interface WriteSummary {
  /** Buckets written. */
  readonly buckets: number;
  /** Result rows written. */
  readonly rows: number;
}

/** Which buckets to read: those starting inside the window. */
export interface ReadBucketsQuery<TName extends EndpointName = EndpointName> extends TimeWindow {
  readonly organization: string;
  readonly endpoint: TName;
  /** @default '1h' for usage endpoints, '1d' for costs */
  readonly bucketWidth?: BucketWidth | undefined;
}

/** Which coverage to list. */
export interface CoverageQuery {
  readonly organization: string;
  readonly endpoint: EndpointName;
  /** @default every width */
  readonly bucketWidth?: BucketWidth | undefined;
}

/** A window the store holds every bucket of, for one series. */
export interface CoverageWindow extends TimeWindow {
  readonly bucketWidth: BucketWidth;
}

/**
 * A store of usage and costs buckets, embedded (DuckDB) or on a server (ClickHouse): the same
 * interface and schema either way. A report layer can read it as one more source of buckets.
 */
export interface UsageStore {
  readonly kind: StoreKind;
  /** Where it is: a file path, `:memory:`, or the server URL without its password. */
  readonly location: string;
  /**
   * Replaces every bucket of the window with the given ones and records the window as covered:
   * in one transaction on DuckDB; on ClickHouse by a new generation per bucket (see README).
   *
   * @param input The series, the window and its buckets.
   *
   * @returns What was written.
   */
  writeBuckets(input: WriteBucketsInput): Promise<WriteSummary>;
  /**
   * Several writes at once, in order, as one unit: one transaction on DuckDB (all of them are
   * committed, or none), one insert per table on ClickHouse (each window a newer generation than
   * the one before it). A sync batches its chunks this way: a commit costs more than the rows it
   * holds, and each write still replaces whole buckets and covers its window.
   *
   * @param inputs The writes, applied in order (a later window overlapping an earlier one wins).
   *
   * @returns What was written, summed.
   */
  writeBatch(inputs: readonly WriteBucketsInput[]): Promise<WriteSummary>;
  /**
   * Reads the buckets starting in a window, in time order, shaped as the client's `all()` returns
   * them: each result is the object the API sent, unknown fields included.
   *
   * @param query The series and window.
   *
   * @returns The buckets.
   */
  readBuckets<TName extends EndpointName>(
    query: ReadBucketsQuery<TName>,
  ): Promise<Bucket<ResultOf<TName>>[]>;
  /**
   * Lists the windows the store covers for a series, merged and in time order.
   *
   * @param query The organization, endpoint and optionally the width.
   *
   * @returns The windows.
   */
  coverage(query: CoverageQuery): Promise<CoverageWindow[]>;
  /**
   * Runs SQL of your own against the store (read-only use is intended) and returns its rows;
   * 64-bit integers come back as numbers when they are safe, else as bigints.
   *
   * @param text The SQL text.
   *
   * @returns The rows.
   */
  query(text: string): Promise<Record<string, unknown>[]>;
  /** Closes the store; it cannot be used afterwards. */
  close(): Promise<void>;
}
