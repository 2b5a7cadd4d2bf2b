import type { PricedRate } from './price-types';

/**
 * Where an estimated amount's price came from, from most to least certain: `list` (the
 * effective-dated list prices of `@pydantic/genai-prices`), `supplement` (the package's curated
 * supplement, each entry sourced), `calibrated` (derived from the organization's bill), `override`
 * (the user's own prices) and `assumed` (priced under a stated assumption: a fallback unit or
 * tier, an unreported qualifier, an approximation).
 */
export const PRICING_CONFIDENCES = [
  'list',
  'supplement',
  'calibrated',
  'override',
  'assumed',
] as const;

const LIST = PRICING_CONFIDENCES.indexOf('list');
const SUPPLEMENT = PRICING_CONFIDENCES.indexOf('supplement');
const CALIBRATED = PRICING_CONFIDENCES.indexOf('calibrated');
const OVERRIDE = PRICING_CONFIDENCES.indexOf('override');
const ASSUMED = PRICING_CONFIDENCES.indexOf('assumed');

/** Where an estimated amount's price came from (see {@link PRICING_CONFIDENCES}). */
export type PricingConfidence = (typeof PRICING_CONFIDENCES)[number];

/**
 * The slot in {@link PRICING_CONFIDENCES} of a price: `assumed` whenever the price carries an
 * assumption, else its source.
 *
 * @param price A price found by the book.
 *
 * @returns The index of its confidence.
 */
export function pricingConfidenceIndex(price: PricedRate): number {
  if (price.confidence === 'estimated') return ASSUMED;
  switch (price.source) {
    case 'genai-prices':
      return LIST;
    case 'supplement':
      return SUPPLEMENT;
    case 'calibrated':
      return CALIBRATED;
    default:
      return OVERRIDE;
  }
}
