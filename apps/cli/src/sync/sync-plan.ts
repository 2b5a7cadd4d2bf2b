import { type BucketWidth, type EndpointName, usageEndpointNames } from '@usagekit/schemas';
import { defaultStoredWidth, storedGroupBy } from '@usagekit/store';

/** One series a sync keeps: an endpoint at a width, grouped so any later question is answerable. */
export interface SyncSeries {
  readonly endpoint: EndpointName;
  readonly bucketWidth: BucketWidth;
  readonly groupBy: readonly string[];
}

/** The length of a bucket. @unit seconds */
export const WIDTH_SECONDS: Readonly<Record<BucketWidth, number>> = {
  '1m': 60,
  '1h': 3600,
  '1d': 86_400,
};

/** How far back the API answers (`reporting_lookback_exceeded` beyond, about two years). @unit days */
export const API_LOOKBACK_DAYS = 730;

/** The first sync's window when `--since` is not given. @unit days */
export const DEFAULT_BACKFILL_DAYS = 90;

/** How much a later sync re-reads before the last complete bucket it holds. @unit hours */
export const DEFAULT_LOOKBACK_HOURS = 48;

/**
 * The series a sync keeps, as the store reads them back (`storedGroupBy`): every usage endpoint
 * (or the chosen ones) hourly, grouped by every dimension the registry lists for it, and Costs
 * daily by project and line item.
 *
 * @param endpoints The endpoints to sync. @default every usage endpoint and costs
 *
 * @returns The series, in registry order.
 */
export function syncSeries(
  endpoints: readonly EndpointName[] = [...usageEndpointNames, 'costs'],
): SyncSeries[] {
  return endpoints.map((endpoint) => ({
    endpoint,
    bucketWidth: defaultStoredWidth(endpoint),
    groupBy: [...storedGroupBy(endpoint)],
  }));
}

/** A window to sync: start inclusive, end exclusive, both on the width's grid. */
export interface SyncWindow {
  /** @unit Unix seconds */
  readonly startTime: number;
  /** @unit Unix seconds */
  readonly endTime: number;
}

/** What decides a series' window. */
export interface SyncWindowOptions {
  readonly bucketWidth: BucketWidth;
  /** @unit Unix seconds */
  readonly nowSeconds: number;
  /** What the store already covers for the series, merged, in time order. */
  readonly coverage: readonly SyncWindow[];
  /** `--since`, when given. @unit Unix seconds */
  readonly sinceSeconds?: number | undefined;
  /** Re-read before the last complete bucket held. @unit hours */
  readonly lookbackHours: number;
  /** The first sync's window. @unit days @default 90 */
  readonly backfillDays?: number | undefined;
}

function alignDown(time: number, seconds: number): number {
  return Math.floor(time / seconds) * seconds;
}

/**
 * Chooses what a sync reads for one series. It ends at the last whole bucket (the bucket in
 * progress is never stored as complete). An empty store backfills from `--since` (default 90
 * days); otherwise the sync starts at the last complete bucket held minus the lookback, or at
 * `--since` when that is earlier than anything held. Never before the API's lookback.
 *
 * @param options The series' width, the clock, coverage and flags.
 *
 * @returns The window, or undefined when there is nothing to read.
 */
export function planSyncWindow(options: SyncWindowOptions): SyncWindow | undefined {
  const seconds = WIDTH_SECONDS[options.bucketWidth];
  const endTime = alignDown(options.nowSeconds, seconds);
  const floor = alignDown(options.nowSeconds - API_LOOKBACK_DAYS * 86_400, seconds) + seconds;
  const first = options.coverage[0];
  const last = options.coverage[options.coverage.length - 1];
  let startTime: number;
  if (last === undefined || first === undefined) {
    startTime =
      options.sinceSeconds ??
      options.nowSeconds - (options.backfillDays ?? DEFAULT_BACKFILL_DAYS) * 86_400;
  } else {
    startTime = Math.min(last.endTime, endTime) - options.lookbackHours * 3600;
    if (options.sinceSeconds !== undefined && options.sinceSeconds < first.startTime) {
      startTime = options.sinceSeconds;
    }
  }
  startTime = Math.max(alignDown(startTime, seconds), floor);
  return startTime < endTime ? { startTime, endTime } : undefined;
}

/** Buckets per committed chunk: one page at the largest `limit` for hours; a month for days. */
const CHUNK_BUCKETS: Readonly<Record<BucketWidth, number>> = { '1m': 1440, '1h': 168, '1d': 31 };

/**
 * Splits a window into the chunks a sync fetches and commits one at a time, in time order, so an
 * interrupted sync keeps every chunk before the interruption and resumes after it.
 *
 * @param window The window, on the width's grid.
 * @param bucketWidth The width.
 *
 * @returns The chunks.
 */
export function chunkWindow(window: SyncWindow, bucketWidth: BucketWidth): SyncWindow[] {
  const span = CHUNK_BUCKETS[bucketWidth] * WIDTH_SECONDS[bucketWidth];
  const chunks: SyncWindow[] = [];
  for (let start = window.startTime; start < window.endTime; start += span) {
    chunks.push({ startTime: start, endTime: Math.min(start + span, window.endTime) });
  }
  return chunks;
}
