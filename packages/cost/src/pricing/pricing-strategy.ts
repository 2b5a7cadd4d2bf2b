import type { PriceUnit } from '../price-unit';
import type { LineDimensions, PricedLine } from './priced-line';
import type { UnitRates } from './unit-rates';
import type { UsageEndpointName } from './usage-endpoint';

/** One group of usage: one period, one set of dimension values, the endpoint's metrics summed. */
export interface UsageGroup {
  /** The UTC day index (days since 1970-01-01) the period starts on; lines are dated by it. */
  readonly dayIndex: number;
  /** The last UTC day index the period reaches (a weekly roll-up row spans seven). */
  readonly lastDayIndex: number;
  /** Every registry dimension of the endpoint, null when the usage was not grouped by it. */
  readonly dimensions: LineDimensions;
  /** The sums of the strategy's `metrics`, in its order. */
  readonly sums: ArrayLike<number>;
}

/**
 * What a pricing strategy prices: usage groups of one endpoint and the rates to price them at.
 * The one input type of pricing, whether the usage came from raw buckets or roll-up rows.
 */
export interface PricingInput {
  /** The usage endpoint. */
  readonly endpoint: UsageEndpointName;
  /** The groups, in any order. */
  readonly groups: readonly UsageGroup[];
  /** The unit prices of the endpoint's units for a day and a group, cached. */
  readonly rates: UnitRates;
}

/**
 * How one usage endpoint is priced: which metrics it sums, which units they become and how they
 * are priced. One strategy per endpoint, in `ENDPOINT_PRICING`.
 */
export interface PricingStrategy {
  /** The priced units, in slot order. */
  readonly units: readonly PriceUnit[];
  /** The registry metrics summed per group, in slot order. */
  readonly metrics: readonly string[];
  /** The metrics a roll-up row must carry (the registry's required ones among `metrics`). */
  readonly requiredMetrics: readonly string[];
  /** The dimension that selects a qualified price (image size, web search context level). */
  readonly qualifierDimension?: string | undefined;
  /**
   * Set when the usage is a level held over time (storage) rather than a counter: `metric` is the
   * level, `timeMetric` the roll-up field holding its byte-time (level × seconds). A level is
   * summed as byte-time (the level × the bucket's seconds), so any bucket width prices the same.
   */
  readonly level?: { readonly metric: string; readonly timeMetric: string } | undefined;
  /**
   * Adds one result's (or row's) metrics to `sums`, slot `offset + i` for `metrics[i]`. Absent and
   * null counters add 0; a level adds its byte-time over `periodSeconds`.
   */
  readonly accumulate: (
    result: Readonly<Record<string, unknown>>,
    sums: Float64Array,
    offset: number,
    periodSeconds: number,
  ) => void;
  /**
   * Splits accumulated sums into the quantities of `units` (disjoint, so each unit of usage is
   * priced once). Linear: the split of a sum is the sum of the splits.
   *
   * @param sums Sums of `metrics`, as `accumulate` wrote them.
   * @param out Quantities by unit slot, overwritten.
   */
  readonly decompose: (sums: ArrayLike<number>, out: Float64Array) => void;
  /** True when every unit is counted in whole units (tokens, calls); false for GiB-days. */
  readonly wholeUnits: boolean;
  /**
   * Prices usage groups of the endpoint.
   *
   * @param input The groups and the rates.
   *
   * @returns One line per (group, unit) with a non-zero quantity.
   */
  readonly price: (input: PricingInput) => PricedLine[];
}
