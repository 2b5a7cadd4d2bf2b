import type { CostsResult } from '@usagekit/schemas';
import { toMicros } from './money';
import { utcDay } from './utc-day';

/** A Costs API bucket: its start and its results (what the client yields or a page's `data` holds). */
export interface CostsBucketLike {
  /** Start of the bucket, Unix seconds. */
  readonly start_time: number;
  /** End of the bucket, Unix seconds. */
  readonly end_time?: number | undefined;
  /** The cost results of the bucket. */
  readonly results?: readonly CostsResult[] | undefined;
  /** Early spec versions named the array `result`. */
  readonly result?: readonly CostsResult[] | undefined;
}

/** Costs API data in any shape the toolkit produces: buckets, pages, or `{ buckets }`. */
export type CostsInput =
  | readonly CostsBucketLike[]
  | { readonly data: readonly CostsBucketLike[] }
  | readonly { readonly data: readonly CostsBucketLike[] }[]
  | { readonly buckets: readonly CostsBucketLike[] };

/** One cost result flattened with its UTC day and amount in micro-units. */
export interface CostRow {
  /** UTC day `YYYY-MM-DD` of the bucket start. */
  readonly day: string;
  /** The project, or null for organization-level charges (normal, not an error). */
  readonly projectId: string | null;
  /** The line item, or null when costs were not grouped by it. */
  readonly lineItem: string | null;
  /** The API key, or null when costs were not grouped by it. */
  readonly apiKeyId: string | null;
  /** The user, or null when costs were not grouped by it. */
  readonly userId: string | null;
  /** Amount in micro-units, or null when the API sent no amount (unknown, not zero). */
  readonly amountMicros: number | null;
  /** The lowercase ISO 4217 currency of the amount. */
  readonly currency: string;
  /** The billed quantity, in `quantityUnit`, or null when absent. */
  readonly quantity: number | null;
  /** The Costs API `quantity_unit`, or null when absent. */
  readonly quantityUnit: string | null;
}

function bucketsOf(input: CostsInput): readonly CostsBucketLike[] {
  if (Array.isArray(input)) {
    return input.flatMap((item: CostsBucketLike | { data: readonly CostsBucketLike[] }) =>
      'data' in item ? item.data : [item],
    );
  }
  if ('data' in input) return input.data;
  return (input as { buckets: readonly CostsBucketLike[] }).buckets;
}

/**
 * Flattens Costs API buckets into rows with their UTC day and exact micro-unit amounts. Null
 * grouping fields stay null (a null project is normal: organization-level charges).
 *
 * @param input Buckets, pages or `{ buckets }`.
 *
 * @returns One row per result.
 */
export function flattenCosts(input: CostsInput): CostRow[] {
  const rows: CostRow[] = [];
  for (const bucket of bucketsOf(input)) {
    const day = utcDay(bucket.start_time);
    for (const result of bucket.results ?? bucket.result ?? []) {
      const value = result.amount?.value;
      rows.push({
        day,
        projectId: result.project_id ?? null,
        lineItem: result.line_item ?? null,
        apiKeyId: result.api_key_id ?? null,
        userId: result.user_id ?? null,
        amountMicros: value === undefined ? null : toMicros(value),
        currency: (result.amount?.currency ?? 'usd').toLowerCase(),
        quantity: result.quantity ?? null,
        quantityUnit: result.quantity_unit ?? null,
      });
    }
  }
  return rows;
}
