import type { UsageClient } from '@usagekit/client';
import type { Bucket, EndpointName } from '@usagekit/schemas';
import { RESULTS_PER_COMMIT, type UsageStore, type WriteBucketsInput } from '@usagekit/store';
import {
  chunkWindow,
  DEFAULT_LOOKBACK_HOURS,
  planSyncWindow,
  type SyncSeries,
  type SyncWindow,
  syncSeries,
  WIDTH_SECONDS,
} from './sync-plan';

/** One organization to sync: the key it is stored under and its client. */
export interface SyncOrganization {
  readonly label: string;
  readonly client: UsageClient;
}

/** What one series' sync did. */
export interface SeriesSyncSummary {
  readonly organization: string;
  readonly endpoint: EndpointName;
  readonly bucketWidth: string;
  /** The window read, or null when the store was up to date. */
  readonly window: SyncWindow | null;
  readonly chunks: number;
  readonly buckets: number;
  readonly rows: number;
}

/** Options of {@link syncOrganizations}. */
export interface SyncOptions {
  readonly store: UsageStore;
  readonly organizations: readonly SyncOrganization[];
  /** @unit Unix seconds */
  readonly nowSeconds: number;
  /** `--since`. @unit Unix seconds */
  readonly sinceSeconds?: number | undefined;
  /** `--lookback`. @unit hours @default 48 */
  readonly lookbackHours?: number | undefined;
  /** The endpoints to sync. @default every usage endpoint and costs */
  readonly endpoints?: readonly EndpointName[] | undefined;
  /** Called after each committed chunk. */
  readonly onChunk?: ((summary: SeriesSyncSummary, chunk: SyncWindow) => void) | undefined;
  readonly signal?: AbortSignal | undefined;
}

function wholeBuckets(buckets: readonly Bucket<unknown>[], chunk: SyncWindow, seconds: number) {
  return buckets.filter(
    (bucket) =>
      bucket.start_time >= chunk.startTime &&
      bucket.end_time <= chunk.endTime &&
      bucket.end_time - bucket.start_time === seconds &&
      bucket.start_time % seconds === 0,
  );
}

async function syncOne(
  options: SyncOptions,
  organization: SyncOrganization,
  series: SyncSeries,
): Promise<SeriesSyncSummary> {
  const { store } = options;
  const coverage = await store.coverage({
    organization: organization.label,
    endpoint: series.endpoint,
    bucketWidth: series.bucketWidth,
  });
  const window = planSyncWindow({
    bucketWidth: series.bucketWidth,
    nowSeconds: options.nowSeconds,
    coverage,
    sinceSeconds: options.sinceSeconds,
    lookbackHours: options.lookbackHours ?? DEFAULT_LOOKBACK_HOURS,
  });
  let summary: SeriesSyncSummary = {
    organization: organization.label,
    endpoint: series.endpoint,
    bucketWidth: series.bucketWidth,
    window: window ?? null,
    chunks: 0,
    buckets: 0,
    rows: 0,
  };
  if (window === undefined) return summary;
  const seconds = WIDTH_SECONDS[series.bucketWidth];
  const resource = organization.client.endpoint(series.endpoint);
  // Chunks are committed together, up to RESULTS_PER_COMMIT results, each still whole buckets
  // with its coverage: a killed sync loses at most the uncommitted chunks, which the next reads.
  let pending: { write: WriteBucketsInput; chunk: SyncWindow }[] = [];
  let pendingRows = 0;
  const commit = async () => {
    if (pending.length === 0) return;
    const committed = pending;
    pending = [];
    pendingRows = 0;
    await store.writeBatch(committed.map((item) => item.write));
    for (const { write, chunk } of committed) {
      summary = {
        ...summary,
        chunks: summary.chunks + 1,
        buckets: summary.buckets + write.buckets.length,
        rows: summary.rows + write.buckets.reduce((sum, bucket) => sum + bucket.results.length, 0),
      };
      options.onChunk?.(summary, chunk);
    }
  };
  try {
    for (const chunk of chunkWindow(window, series.bucketWidth)) {
      options.signal?.throwIfAborted();
      const fetchedAt = Date.now();
      const buckets = (await resource.all(
        {
          start_time: chunk.startTime,
          end_time: chunk.endTime,
          bucket_width: series.bucketWidth,
          group_by: series.groupBy,
        } as never,
        options.signal === undefined ? undefined : { signal: options.signal },
      )) as Bucket<unknown>[];
      const whole = wholeBuckets(buckets, chunk, seconds);
      pending.push({
        chunk,
        write: {
          organization: organization.label,
          endpoint: series.endpoint,
          bucketWidth: series.bucketWidth,
          startTime: chunk.startTime,
          endTime: chunk.endTime,
          buckets: whole,
          fetchedAt,
        },
      });
      pendingRows += whole.reduce((sum, bucket) => sum + bucket.results.length, 0);
      if (pendingRows >= RESULTS_PER_COMMIT) await commit();
    }
  } catch (error) {
    // What was fetched before the failure is whole: keep it, so the next sync starts after it.
    await commit().catch(() => undefined);
    throw error;
  }
  await commit();
  return summary;
}

/**
 * Syncs organizations into a store, incrementally: for each organization and series, reads the
 * planned window chunk by chunk (in time order) and commits chunks' whole buckets with their
 * coverage (several chunks per commit, up to `RESULTS_PER_COMMIT` results), so a restated
 * bucket replaces the old one and an interrupted sync resumes cleanly.
 * Series run concurrently (the client's pool bounds the requests); chunks of a series run in order.
 *
 * @param options Store, organizations, clock and flags.
 *
 * @returns One summary per organization and series.
 */
export async function syncOrganizations(options: SyncOptions): Promise<SeriesSyncSummary[]> {
  const series = syncSeries(options.endpoints);
  const summaries: SeriesSyncSummary[] = [];
  for (const organization of options.organizations) {
    const controller = new AbortController();
    const signal =
      options.signal === undefined
        ? controller.signal
        : AbortSignal.any([options.signal, controller.signal]);
    // The first failure stops the other series (their committed chunks stay) and is thrown.
    let firstError: { error: unknown } | undefined;
    const results = await Promise.allSettled(
      series.map((item) =>
        syncOne({ ...options, signal }, organization, item).catch((error: unknown) => {
          firstError ??= { error };
          controller.abort(error);
          throw error;
        }),
      ),
    );
    if (firstError !== undefined) throw firstError.error;
    for (const result of results) {
      if (result.status === 'fulfilled') summaries.push(result.value);
    }
  }
  return summaries;
}
