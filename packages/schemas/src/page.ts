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
  object: 'bucket';
  start_time: number;
  end_time: number;
  results: TResult[];
  [key: string]: unknown;
}

/** One page of buckets holding results of type `TResult`. */
export interface Page<TResult> {
  object: 'page';
  data: Bucket<TResult>[];
  has_more: boolean;
  next_page: string | null;
  [key: string]: unknown;
}
