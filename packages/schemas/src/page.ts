import * as v from 'valibot';

/**
 * Builds the schema of one time bucket whose `results` hold the given result schema.
 *
 * Early versions of the spec named the array `result`; a bucket carrying `result` instead of
 * `results` is accepted by {@link parsePage}, which renames it and reports the drift.
 *
 * @param resultSchema The schema of one result object.
 *
 * @returns The bucket schema.
 */
// @__NO_SIDE_EFFECTS__
export function createBucketSchema<TResult extends v.GenericSchema>(resultSchema: TResult) {
  return v.looseObject({
    object: v.literal('bucket'),
    start_time: v.pipe(v.number(), v.integer()),
    end_time: v.pipe(v.number(), v.integer()),
    results: v.array(resultSchema),
  });
}

/**
 * Builds the schema of one page of buckets, the envelope every usage and costs endpoint returns.
 *
 * @param resultSchema The schema of one result object.
 *
 * @returns The page schema.
 */
// @__NO_SIDE_EFFECTS__
export function createPageSchema<TResult extends v.GenericSchema>(resultSchema: TResult) {
  return v.looseObject({
    object: v.literal('page'),
    data: v.array(createBucketSchema(resultSchema)),
    has_more: v.boolean(),
    next_page: v.nullable(v.string()),
  });
}

/** One time bucket holding results of type `TResult`. */
export interface Bucket<TResult> {
  /** Always `bucket` (tolerant parsing keeps an undocumented value and reports it). */
  object: 'bucket';
  /** Start of the bucket, inclusive. @unit Unix seconds */
  start_time: number;
  /** End of the bucket, exclusive. @unit Unix seconds */
  end_time: number;
  /** The results of this bucket, one per group; empty when nothing was used. */
  results: TResult[];
  /** Undocumented fields, kept as received. */
  [key: string]: unknown;
}

/** One page of buckets holding results of type `TResult`. */
export interface Page<TResult> {
  /** Always `page` (tolerant parsing keeps an undocumented value and reports it). */
  object: 'page';
  /** The buckets of this page, in time order. */
  data: Bucket<TResult>[];
  /** Whether another page follows. */
  has_more: boolean;
  /** The cursor to send as `page` for the next page, or `null` on the last one. */
  next_page: string | null;
  /** Undocumented fields, kept as received. */
  [key: string]: unknown;
}
