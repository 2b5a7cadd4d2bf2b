import { UsageDataError } from './errors';
import type { BucketInput } from './usage-table-api';

/** A bucket whose start, end and results have been checked. */
export interface CheckedBucket {
  /** Unix seconds. */
  readonly start: number;
  /** Unix seconds, after `start`. */
  readonly end: number;
  readonly results: readonly unknown[];
}

/**
 * Returns a bucket's results: `results`, or `result` as older spec versions spell it.
 *
 * @param bucket A bucket as parsed (anything).
 *
 * @returns The results, or undefined when the bucket is not an object or has no results array.
 */
export function resultsOf(bucket: unknown): readonly unknown[] | undefined {
  if (bucket === null || typeof bucket !== 'object') return undefined;
  const { results, result } = bucket as BucketInput;
  const list = results ?? result;
  return Array.isArray(list) ? list : undefined;
}

/**
 * Checks a bucket's shape before any of it is read.
 *
 * @param bucket A bucket as parsed (anything).
 * @param listPath Where the bucket list sits, for errors, for example `data`.
 * @param index The bucket's index in the list.
 *
 * @returns The bucket's start, end and results.
 *
 * @throws {UsageDataError} When the bucket is not an object, its times are not integer Unix
 * seconds with the end after the start, or it has no results array.
 */
export function checkBucket(bucket: unknown, listPath: string, index: number): CheckedBucket {
  // The path is built only for an error: a page holds hundreds of buckets.
  const path = () => `${listPath}[${index}]`;
  if (bucket === null || typeof bucket !== 'object') {
    throw new UsageDataError('a bucket must be an object', path());
  }
  const { start_time: start, end_time: end } = bucket as BucketInput;
  if (!Number.isSafeInteger(start)) {
    throw new UsageDataError(
      'start_time must be an integer (Unix seconds)',
      `${path()}.start_time`,
    );
  }
  if (!Number.isSafeInteger(end) || end <= start) {
    throw new UsageDataError(
      'end_time must be an integer (Unix seconds) after start_time',
      `${path()}.end_time`,
    );
  }
  const results = resultsOf(bucket);
  if (results === undefined) {
    throw new UsageDataError('a bucket must have a "results" array', `${path()}.results`);
  }
  return { start, end, results };
}
