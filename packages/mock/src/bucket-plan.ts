import { SECONDS_PER_DAY } from './time';

/** The buckets of one page and where the next page starts. */
export interface BucketPlan {
  /** Bucket starts. @unit Unix seconds */
  readonly starts: readonly number[];
  /** Bucket ends (exclusive). @unit Unix seconds */
  readonly ends: readonly number[];
  /** Start of the next page's first bucket, or `null` on the last page. @unit Unix seconds */
  readonly next: number | null;
}

/** The time window of a query, already snapped for costs. */
export interface BucketWindow {
  /** Start of the first bucket. @unit Unix seconds */
  readonly start: number;
  /** End of the last bucket. @unit Unix seconds */
  readonly end: number;
  /** Bucket width. @unit seconds */
  readonly width: number;
}

/**
 * The window a query covers. Usage buckets start at `start_time` exactly and the last one is cut
 * at the end (`end_time`, or `now` without it), so both may be partial; costs buckets are whole
 * UTC days, snapped outwards.
 *
 * @param kind Usage or costs.
 * @param width Bucket width. @unit seconds
 * @param startTime `start_time`. @unit Unix seconds
 * @param endTime `end_time`, or `now` when absent. @unit Unix seconds
 *
 * @returns The window.
 */
export function bucketWindow(
  kind: 'usage' | 'costs',
  width: number,
  startTime: number,
  endTime: number,
): BucketWindow {
  if (kind === 'usage') return { start: startTime, end: Math.max(startTime, endTime), width };
  const start = Math.floor(startTime / SECONDS_PER_DAY) * SECONDS_PER_DAY;
  const end = Math.max(start, Math.ceil(endTime / SECONDS_PER_DAY) * SECONDS_PER_DAY);
  return { start, end, width };
}

/**
 * Tells whether a time is the start of a bucket of the window (where a page may begin).
 *
 * @param window The window.
 * @param time The candidate. @unit Unix seconds
 *
 * @returns Whether a bucket starts there.
 */
export function isBucketStart(window: BucketWindow, time: number): boolean {
  return (
    time === window.start || (time > window.start && time < window.end && time % window.width === 0)
  );
}

/**
 * Plans one page: up to `limit` buckets from `pageStart`, each cut at the next multiple of the
 * width (UTC-aligned) and at the window's end.
 *
 * @param window The window.
 * @param pageStart Start of the page's first bucket. @unit Unix seconds
 * @param limit Buckets per page.
 *
 * @returns The page's buckets.
 */
export function planPage(window: BucketWindow, pageStart: number, limit: number): BucketPlan {
  const starts: number[] = [];
  const ends: number[] = [];
  let start = pageStart;
  while (start < window.end && starts.length < limit) {
    const end = Math.min(window.end, (Math.floor(start / window.width) + 1) * window.width);
    starts.push(start);
    ends.push(end);
    start = end;
  }
  return { starts, ends, next: start < window.end ? start : null };
}
