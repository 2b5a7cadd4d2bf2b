import { DriftCollector, type DriftEntry } from './drift';

/** The time span of a bucket or a window: start inclusive, end exclusive, in Unix seconds. */
export interface TimeSpan {
  /** Start, inclusive. @unit Unix seconds */
  readonly start_time: number;
  /** End, exclusive. @unit Unix seconds */
  readonly end_time: number;
}

/** What {@link BucketSequence.addPage} kept of a page, and what it saw. */
export interface CheckedPage<TBucket extends TimeSpan> {
  /** The page's buckets that count, in the order received. */
  readonly buckets: TBucket[];
  /** The drift this page showed, one entry per kind. */
  readonly drift: readonly DriftEntry[];
}

/**
 * Checks the buckets of a chain of pages against each other and the requested window, so that
 * bad data is reported as drift instead of being counted twice or silently:
 *
 * - a bucket that does not overlap the window is dropped (`bucket_outside_window`);
 * - a bucket with the same span as one already kept is dropped (`duplicate_bucket`), and one
 *   overlapping a kept bucket otherwise is dropped too (`overlapping_bucket`): **the first copy
 *   received wins**, the way the API's pages are read, so a repeated page never adds;
 * - a bucket starting before the previous kept one is kept and reported
 *   (`bucket_out_of_order` within a page, `page_out_of_order` across pages);
 * - {@link BucketSequence.buckets} returns every kept bucket in time order.
 *
 * Each drift entry's `path` names the first bucket it was seen at, e.g. `pages[2].data[5]`.
 */
export class BucketSequence<TBucket extends TimeSpan> {
  readonly #window: TimeSpan | undefined;
  /** Kept buckets, sorted by start; they never overlap each other. */
  readonly #kept: TBucket[] = [];
  #lastStart = Number.NEGATIVE_INFINITY;
  #pages = 0;

  /**
   * @param window The requested window; without one, no bucket is outside.
   */
  constructor(window?: TimeSpan | undefined) {
    this.#window = window;
  }

  /**
   * Checks the next page's buckets.
   *
   * @param buckets The page's buckets, in the order received.
   * @param label How paths name the page; `pages[<n>]` (counted from 0) when omitted.
   *
   * @returns The buckets that count and the page's drift.
   */
  addPage(buckets: readonly TBucket[], label?: string | undefined): CheckedPage<TBucket> {
    const page = label ?? `pages[${this.#pages}]`;
    this.#pages++;
    const drift = new DriftCollector();
    const kept: TBucket[] = [];
    for (let index = 0; index < buckets.length; index++) {
      const bucket = buckets[index] as TBucket;
      const path = `${page}.data[${index}]`;
      const window = this.#window;
      if (
        window !== undefined &&
        (bucket.end_time <= window.start_time || bucket.start_time >= window.end_time)
      ) {
        drift.add('bucket_outside_window', 'data', path);
        continue;
      }
      const position = this.#insertionPoint(bucket.start_time);
      const clash = this.#overlapping(bucket, position);
      if (clash !== undefined) {
        const same = clash.start_time === bucket.start_time && clash.end_time === bucket.end_time;
        drift.add(same ? 'duplicate_bucket' : 'overlapping_bucket', 'data', path);
        continue;
      }
      if (bucket.start_time < this.#lastStart) {
        drift.add(kept.length === 0 ? 'page_out_of_order' : 'bucket_out_of_order', 'data', path);
      }
      this.#lastStart = bucket.start_time;
      this.#kept.splice(position, 0, bucket);
      kept.push(bucket);
    }
    return { buckets: kept, drift: drift.entries() };
  }

  /** @returns Every kept bucket, in time order. */
  buckets(): TBucket[] {
    return [...this.#kept];
  }

  /** The index at which a bucket starting at `start` goes, after kept ones starting no later. */
  #insertionPoint(start: number): number {
    let low = 0;
    let high = this.#kept.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.#kept[middle] as TBucket).start_time <= start) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** A kept bucket the new one shares time with (or starts with), if any. */
  #overlapping(bucket: TimeSpan, position: number): TBucket | undefined {
    const before = this.#kept[position - 1];
    if (
      before !== undefined &&
      (before.end_time > bucket.start_time || before.start_time === bucket.start_time)
    ) {
      return before;
    }
    const after = this.#kept[position];
    if (after !== undefined && after.start_time < bucket.end_time) return after;
    return undefined;
  }
}
