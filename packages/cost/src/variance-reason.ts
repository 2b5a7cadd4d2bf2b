import type { VarianceReason } from './reconcile';

/**
 * A short description of each variance reason, for tables and charts: one wording for every
 * app that shows a reconciliation.
 */
export const VARIANCE_REASON_DESCRIPTIONS: Readonly<Record<VarianceReason, string>> = {
  missing_price: 'usage without a price (shown as unpriced, never $0)',
  estimated_price: 'estimated price (an assumption, e.g. image quality)',
  tier_or_batch: 'batch or service-tier pricing',
  org_level_charge: 'organization-level charge (no project)',
  not_in_usage: 'billed, no usage reported',
  not_billed: 'usage not billed yet',
  not_in_bill: 'usage on a billed day, missing from the bill',
  rounding: 'rounding',
  price_differs: 'unit price differs from list (discount or price change)',
  billing_granularity: 'billed in coarser steps than usage',
  free_tier: 'free allowance (first GiB of vector storage)',
  quantity_differs: 'quantity counted differently',
  unexplained: 'unexplained',
};
