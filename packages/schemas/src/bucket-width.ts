/** A bucket width the API understands. */
export type BucketWidth = '1m' | '1h' | '1d';

/** How many buckets one page may hold at a given width, and how long one bucket lasts. */
export interface BucketWidthLimits {
  /** Buckets per page when `limit` is not sent. */
  readonly defaultLimit: number;
  /** The largest `limit` the API accepts. */
  readonly maxLimit: number;
  /** The smallest `limit` the API accepts. */
  readonly minLimit: number;
  /** The length of one bucket. @unit seconds */
  readonly seconds: number;
}

/** Bucket widths of the usage endpoints, with their `limit` bounds. */
export const USAGE_BUCKET_WIDTHS = {
  '1m': { defaultLimit: 60, maxLimit: 1440, minLimit: 1, seconds: 60 },
  '1h': { defaultLimit: 24, maxLimit: 168, minLimit: 1, seconds: 3600 },
  '1d': { defaultLimit: 7, maxLimit: 31, minLimit: 1, seconds: 86_400 },
} as const satisfies Record<BucketWidth, BucketWidthLimits>;

/** The Costs API's only bucket width, with its `limit` bounds. */
export const COSTS_BUCKET_WIDTHS = {
  '1d': { defaultLimit: 7, maxLimit: 180, minLimit: 1, seconds: 86_400 },
} as const satisfies Partial<Record<BucketWidth, BucketWidthLimits>>;
