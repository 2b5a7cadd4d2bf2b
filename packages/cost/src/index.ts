/**
 * `@usagekit/cost`: the price book, cost estimates, reconciliation and calibration. Forecasts,
 * budgets, anomalies and allocation are subpaths (`@usagekit/cost/forecast`, `/budgets`,
 * `/anomalies`, `/allocation`), so code that only estimates never loads them.
 */
export {
  type BillCategory,
  type BillLine,
  billLineOf,
  billLineOfLineItem,
  billLineOfPricedLine,
  billModelName,
} from './bill-line';
export {
  type CalibratedPrice,
  type CalibratedPrices,
  type CalibrateOptions,
  type Calibration,
  type CalibrationLine,
  type CalibrationSkip,
  calibrate,
  unitsOfQuantity,
} from './calibrate';
export {
  type CheckPriceBookOptions,
  checkPriceBook,
  type PriceRule,
  type PriceViolation,
} from './check-price-book';
export { type CostRow, type CostsBucketLike, type CostsInput, flattenCosts } from './costs-rows';
export { CostError, InvalidCostInputError, MoneyRangeError } from './errors';
export {
  type AggregateRow,
  type AggregateRowKind,
  type AggregateRows,
  type ConfidenceTotal,
  type CostEstimate,
  type EndpointBuckets,
  type EstimateInput,
  type EstimateOptions,
  estimateCost,
  type UnpricedUsage,
  type UsageBucketLike,
} from './estimate-cost';
export { type ParsedLineItem, parseLineItem } from './line-item';
export { type ModelCandidate, modelCandidates } from './model-name';
export {
  addMoney,
  formatMoney,
  MICROS_PER_UNIT,
  type Money,
  multiplyToMicros,
  picosToDecimalString,
  toDecimalString,
  toMicros,
} from './money';
export {
  createPriceBook,
  MODEL_UNKNOWN,
  type PriceBook,
  type PriceBookEntry,
  type PriceBookOptions,
} from './price-book';
export {
  loadPriceOverrides,
  type PriceOverride,
  type PriceOverrides,
  PriceOverridesSchema,
} from './price-overrides';
export { SUPPLEMENT_ENTRIES } from './price-sources/supplement-data';
export type { SupplementEntry } from './price-sources/supplement-entry';
export type {
  Confidence,
  PricedRate,
  PriceLookup,
  PriceQuery,
  PriceSource,
  UnpricedRate,
} from './price-types';
export {
  isPriceUnit,
  PRICE_UNITS,
  PRICE_VARIANTS,
  type PriceUnit,
  type PriceVariant,
  priceVariantOf,
} from './price-unit';
export { ENDPOINT_PRICING } from './pricing/endpoint-pricing';
export type { LineDimensions, PricedLine } from './pricing/priced-line';
export type { PricingInput, PricingStrategy, UsageGroup } from './pricing/pricing-strategy';
export type { UnitRates } from './pricing/unit-rates';
export type { UsageEndpointName } from './pricing/usage-endpoint';
export {
  PRICING_CONFIDENCES,
  type PricingConfidence,
} from './pricing-confidence';
export { pricingDimensions } from './pricing-dimensions';
export {
  type ReconcileDimension,
  type ReconcileInput,
  type Reconciliation,
  type ReconciliationGroup,
  reconcile,
  type VarianceReason,
} from './reconcile';
export { type CostResultPricer, createResultPricer, type ResultPricer } from './result-pricer';
export {
  VARIANCE_CAUSE_DESCRIPTIONS,
  type VarianceCause,
  type VarianceCauseName,
} from './variance-cause';
export { VARIANCE_REASON_DESCRIPTIONS } from './variance-reason';
