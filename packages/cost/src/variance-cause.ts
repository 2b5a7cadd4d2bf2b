import type { Money } from './money';

/**
 * What explains part of a reconciliation group's variance, in dollars:
 * - `unpriced_usage`: billed usage the estimate could not price (the reason and quantity are in
 *   the cause's `detail`, e.g. "model unknown: fetched without group_by=model");
 * - `scale_tier`: Scale Tier tokens are prepaid: the org-level "scale tier units" line allocated
 *   to the group in proportion to its scale-tier tokens, less their estimate at list price;
 * - `tier_or_batch`: batch, flex or priority usage billed at another unit price than estimated;
 * - `discount`: billed below the estimate's unit price for the bill's own quantity (a negotiated
 *   discount or credit, calibrated against the bill's quantities);
 * - `price_difference`: billed above the estimate's unit price for the bill's own quantity (a
 *   price change, or a price the estimate has too low);
 * - `assumed_price`: the estimate rests on an assumed price and the bill gives no quantity to
 *   calibrate against;
 * - `credit`: a negative bill line with no usage behind it;
 * - `free_usage`: free usage the bill deducts (a free usage credit line, the first GiB of vector
 *   storage);
 * - `org_level_charge`: billed with no project and no rule to allocate it to projects;
 * - `not_in_usage`: billed for something the Usage API does not report (fine-tuning training);
 * - `timing`: a day the bill does not cover yet (the in-progress UTC day, days after the last
 *   billed one);
 * - `billing_granularity`: billed in coarser steps than usage is counted (transcription per
 *   started minute);
 * - `rounding`: within the rounding tolerance.
 */
export type VarianceCauseName =
  | 'unpriced_usage'
  | 'scale_tier'
  | 'tier_or_batch'
  | 'discount'
  | 'price_difference'
  | 'assumed_price'
  | 'credit'
  | 'free_usage'
  | 'org_level_charge'
  | 'not_in_usage'
  | 'timing'
  | 'billing_granularity'
  | 'rounding';

/** One cause of a variance and the money it explains. */
export interface VarianceCause {
  /** What explains the amount. */
  readonly cause: VarianceCauseName;
  /** The part of the variance (billed + allocated − estimated) it explains, in micro-units. */
  readonly amount: Money;
  /** What in particular (unpriced quantity and reason, effective price ratio, line item), or null. */
  readonly detail: string | null;
}

/**
 * A short description of each variance cause, for tables and charts: one wording for every app
 * that shows a reconciliation.
 */
export const VARIANCE_CAUSE_DESCRIPTIONS: Readonly<Record<VarianceCauseName, string>> = {
  unpriced_usage: 'usage without a price (billed, not estimated)',
  scale_tier: 'Scale Tier (prepaid units allocated, not per-token price)',
  tier_or_batch: 'batch or service-tier price difference',
  discount: 'discount or credit (below the estimated unit price)',
  price_difference: 'unit price above the estimate (price change)',
  assumed_price: 'assumed price (no billed quantity to calibrate)',
  credit: 'credit (negative bill line)',
  free_usage: 'free usage',
  org_level_charge: 'organization-level charge (no allocation rule)',
  not_in_usage: 'billed, not in the Usage API (e.g. fine-tuning training)',
  timing: 'not billed yet (in-progress day)',
  billing_granularity: 'billed in coarser steps than usage',
  rounding: 'rounding',
};
