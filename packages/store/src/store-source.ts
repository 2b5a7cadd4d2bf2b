import {
  type Bucket,
  type BucketWidth,
  type EndpointName,
  type Filter,
  getEndpoint,
} from '@usagekit/schemas';
import { bucketSeconds } from './bucket-rows';
import { groupedRowsSql, groupedRowsToResults } from './grouped-rows-sql';
import {
  type DimensionFilter,
  filterResults,
  type RegroupTarget,
  regroupResults,
  type StoredResult,
} from './regroup';
import { defaultStoredWidth, storedGroupBy } from './stored-series';
import type { UsageStore } from './usage-store';

const DAY = 86_400;

/** The buckets a source answers with (the shape the report layer's `BucketInput` accepts). */
export type SourceBuckets = readonly Bucket<Record<string, unknown>>[];

/**
 * The report layer's bucket source, structurally (`BucketSource` of `@usagekit/report`, which
 * this package does not import): a label, a fetch, and optionally the groupings it refused.
 */
export interface BucketSourceLike {
  readonly label: string;
  fetch(
    endpoint: EndpointName,
    params: never,
    options?: { readonly signal?: AbortSignal | undefined },
  ): Promise<readonly unknown[]> | AsyncIterable<readonly unknown[]>;
  refusedGroupings?(endpoint: EndpointName): readonly string[];
}

/** Where the store source groups usage results down to a question's dimensions. */
export type StoreGrouping = 'sql' | 'javascript';

/** Options of {@link createStoreSource}. */
export interface StoreSourceOptions {
  /** The organization's key in the store (what `usagekit sync` wrote it under). */
  readonly organization: string;
  /** The label in reports. @default the organization's key */
  readonly label?: string | undefined;
  /**
   * Answers what the store does not cover (usually the API's source, `createClientSource`);
   * without one, such a fetch fails with {@link StoreCoverageError}.
   */
  readonly fallback?: BucketSourceLike | undefined;
  /**
   * Where usage results are grouped: `'sql'` (default) sums them per stored hour and requested
   * group in the store's engine and folds hours into buckets in JavaScript; `'javascript'` reads
   * every stored result and does all of it in JavaScript (kept for the benchmark's comparison and
   * as the reference: both give the same buckets). Costs are always grouped in JavaScript (their
   * currency and quantity unit live in the stored JSON).
   * @default 'sql'
   */
  readonly grouping?: StoreGrouping | undefined;
  /** Told where each fetch was answered from. */
  readonly onAnswer?: ((endpoint: EndpointName, from: 'store' | 'fallback') => void) | undefined;
}

/** A bucket source over a store, with the test the caller needs to fall back to the API. */
export interface StoreBucketSource {
  readonly label: string;
  /**
   * Answers an endpoint's query (window, `bucket_width`, `group_by`, filters) as the API would:
   * from the store when it covers the query, else from the fallback.
   *
   * @param endpoint The endpoint.
   * @param params The query, as the client takes it (`end_time` required for the store).
   * @param options Cancellation.
   *
   * @returns Every bucket of the window, as one batch (or the fallback's batches).
   *
   * @throws {StoreCoverageError} When the store does not cover the query and there is no fallback.
   */
  fetch(
    endpoint: EndpointName,
    params: Readonly<Record<string, unknown>>,
    options?: { readonly signal?: AbortSignal | undefined },
  ): AsyncIterable<SourceBuckets>;
  /**
   * Whether the store can answer a window of an endpoint: its stored windows hold every bucket of
   * it, and, when the query is given, its width is the stored one or coarser and its grouping
   * and filters use only stored dimensions.
   *
   * @param endpoint The endpoint.
   * @param startTime Window start. @unit Unix seconds
   * @param endTime Window end, exclusive. @unit Unix seconds
   * @param params The rest of the query (`bucket_width`, `group_by`, filters), when known.
   *
   * @returns Whether it is covered.
   */
  covers(
    endpoint: EndpointName,
    startTime: number,
    endTime: number,
    params?: Readonly<Record<string, unknown>>,
  ): Promise<boolean>;
  /** The fallback's refused groupings (the store refuses none it covers). */
  refusedGroupings(endpoint: EndpointName): readonly string[];
}

/** A store asked for a window or grouping it does not hold, with no fallback to ask instead. */
export class StoreCoverageError extends Error {
  override readonly name = 'StoreCoverageError';
}

/** The window the API answers: costs buckets are whole UTC days. */
function answeredWindow(endpoint: EndpointName, startTime: number, endTime: number) {
  if (endpoint !== 'costs') return { startTime, endTime };
  const start = Math.floor(startTime / DAY) * DAY;
  return { startTime: start, endTime: Math.max(start, Math.ceil(endTime / DAY) * DAY) };
}

/**
 * Reads a query's width, grouping and filters.
 *
 * @param endpoint The endpoint.
 * @param params The query.
 *
 * @returns Them.
 */
function readQuery(endpoint: EndpointName, params: Readonly<Record<string, unknown>>) {
  const definition = getEndpoint(endpoint);
  const bucketWidth = (params.bucket_width ?? definition.defaultBucketWidth) as BucketWidth;
  const groupBy = (params.group_by ?? []) as readonly string[];
  const filters: DimensionFilter[] = [];
  for (const [name, filter] of Object.entries(definition.filters as Record<string, Filter>)) {
    const value = params[name];
    if (value === undefined || value === null) continue;
    filters.push({
      dimension: filter.dimension,
      values: Array.isArray(value) ? (value as (string | boolean)[]) : [value as string | boolean],
    });
  }
  return { bucketWidth, groupBy, filters };
}

/**
 * Opens a bucket source over a store for one organization: the report layer fetches from it as
 * from the API, and gets the same buckets the API would send for the query, built from the stored
 * 1h usage / 1d costs buckets (see {@link regroupResults}). Queries the store does not cover go
 * to `fallback`.
 *
 * @param store The store.
 * @param options The organization, label and fallback.
 *
 * @returns The source.
 */
export function createStoreSource(
  store: UsageStore,
  options: StoreSourceOptions,
): StoreBucketSource {
  const { organization } = options;
  const grouping = options.grouping ?? 'sql';

  async function covers(
    endpoint: EndpointName,
    startTime: number,
    endTime: number,
    params?: Readonly<Record<string, unknown>>,
  ): Promise<boolean> {
    const storedWidth = defaultStoredWidth(endpoint);
    const stored = bucketSeconds(storedWidth);
    const window = answeredWindow(endpoint, startTime, endTime);
    if (window.startTime % stored !== 0 || window.endTime % stored !== 0) return false;
    if (params !== undefined) {
      const query = readQuery(endpoint, params);
      const keeps = new Set(storedGroupBy(endpoint));
      if (bucketSeconds(query.bucketWidth) < stored) return false;
      if (!query.groupBy.every((dimension) => keeps.has(dimension))) return false;
      if (!query.filters.every((filter) => keeps.has(filter.dimension))) return false;
    }
    if (window.startTime >= window.endTime) return true;
    const windows = await store.coverage({ organization, endpoint, bucketWidth: storedWidth });
    return windows.some(
      (held) => held.startTime <= window.startTime && held.endTime >= window.endTime,
    );
  }

  async function storedResults(
    endpoint: EndpointName,
    target: RegroupTarget,
    filters: readonly DimensionFilter[],
  ): Promise<StoredResult[]> {
    const series = {
      organization,
      endpoint,
      bucketWidth: defaultStoredWidth(endpoint),
      startTime: target.startTime,
      endTime: target.endTime,
    };
    if (endpoint !== 'costs' && grouping === 'sql') {
      const sql = groupedRowsSql({ ...series, groupBy: target.groupBy, filters });
      return groupedRowsToResults(endpoint, target.groupBy, await store.query(sql));
    }
    const buckets = await store.readBuckets(series);
    return filterResults(
      buckets.flatMap((bucket) =>
        bucket.results.map((result) => ({
          startTime: bucket.start_time,
          result: result as Record<string, unknown>,
        })),
      ),
      filters,
    );
  }

  async function fromStore(
    endpoint: EndpointName,
    params: Readonly<Record<string, unknown>>,
  ): Promise<SourceBuckets> {
    const query = readQuery(endpoint, params);
    const window = answeredWindow(endpoint, params.start_time as number, params.end_time as number);
    const target: RegroupTarget = {
      ...window,
      bucketWidth: query.bucketWidth,
      groupBy: query.groupBy,
    };
    const results = await storedResults(endpoint, target, query.filters);
    return regroupResults(endpoint, results, defaultStoredWidth(endpoint), target);
  }

  return {
    label: options.label ?? organization,
    covers,
    async *fetch(endpoint, params, fetchOptions = {}) {
      fetchOptions.signal?.throwIfAborted();
      const { start_time: startTime, end_time: endTime } = params;
      if (
        typeof startTime === 'number' &&
        typeof endTime === 'number' &&
        (await covers(endpoint, startTime, endTime, params))
      ) {
        options.onAnswer?.(endpoint, 'store');
        yield await fromStore(endpoint, params);
        return;
      }
      const { fallback } = options;
      if (fallback === undefined) {
        throw new StoreCoverageError(
          `the store does not hold ${endpoint} of ${organization} for this window and grouping: run \`usagekit sync\` (or add --refresh)`,
        );
      }
      options.onAnswer?.(endpoint, 'fallback');
      const answer = fallback.fetch(endpoint, params as never, fetchOptions);
      if (Symbol.asyncIterator in answer) yield* answer as AsyncIterable<SourceBuckets>;
      else yield (await answer) as SourceBuckets;
    },
    refusedGroupings(endpoint) {
      return options.fallback?.refusedGroupings?.(endpoint) ?? [];
    },
  };
}
