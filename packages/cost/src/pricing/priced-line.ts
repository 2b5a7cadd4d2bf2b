import { joinAssumptions } from '../assumption';
import { type Money, multiplyToMicros } from '../money';
import type { Confidence, PriceLookup, PriceSource } from '../price-types';
import type { PriceUnit } from '../price-unit';
import type { UsageEndpointName } from './usage-endpoint';

/** Dimension values of a line: null means the usage was not grouped by it. */
export type LineDimensions = Readonly<Record<string, string | boolean | null>>;

/** One priced line: a unit of one endpoint's usage on one UTC day for one group. */
export interface PricedLine {
  /** The usage endpoint. */
  readonly endpoint: UsageEndpointName;
  /** UTC day `YYYY-MM-DD` the usage (or the roll-up period) starts on. */
  readonly date: string;
  /** The group: every registry dimension of the endpoint, null when not grouped by it. */
  readonly dimensions: LineDimensions;
  /** What is counted and priced. */
  readonly unit: PriceUnit;
  /** Units used (tokens, characters, seconds, images, GiB-days, sessions, calls). */
  readonly quantity: number;
  /** Price per unit as an exact decimal string in USD, or null when unpriced. */
  readonly unitPrice: string | null;
  /** Price per unit in pico-units (10⁻¹² USD), or null when unpriced. */
  readonly unitPricePicos: number | null;
  /** First UTC day the price is in force, or null when unknown or unpriced. */
  readonly effectiveFrom: string | null;
  /** Which source the price came from, or null when unpriced. */
  readonly source: PriceSource | null;
  /** The source in detail (dataset and model key, URL, override note), or null when unpriced. */
  readonly sourceDetail: string | null;
  /** The model (or tool key) whose price was used, or null. */
  readonly matchedModel: string | null;
  /** quantity × unit price, rounded once to micro-units; null when unpriced (never a silent 0). */
  readonly amount: Money | null;
  /** How sure the amount is. */
  readonly confidence: Confidence;
  /** What was assumed (estimated) or why there is no price (unpriced). */
  readonly assumption?: string | undefined;
}

/** What a line is: its endpoint, day, group, unit and quantity. */
export interface LineUsage {
  readonly endpoint: UsageEndpointName;
  readonly date: string;
  readonly dimensions: LineDimensions;
  readonly unit: PriceUnit;
  readonly quantity: number;
}

/**
 * Prices one line: quantity × unit price rounded once to micro-units, or an unpriced line that
 * keeps why (never $0).
 *
 * @param usage The line's endpoint, day, group, unit and quantity.
 * @param price The price found for it.
 * @param extra `amount` when the strategy computed it (fractional quantities), and what the
 *   strategy assumed on top of the price.
 *
 * @returns The line.
 */
export function priceLine(
  usage: LineUsage,
  price: PriceLookup,
  extra: { readonly amount?: Money | undefined; readonly assumption?: string | undefined } = {},
): PricedLine {
  const { endpoint, date, dimensions, unit, quantity } = usage;
  if (!price.priced) {
    return {
      endpoint,
      date,
      dimensions,
      unit,
      quantity,
      unitPrice: null,
      unitPricePicos: null,
      effectiveFrom: null,
      source: null,
      sourceDetail: null,
      matchedModel: price.matchedModel ?? null,
      amount: null,
      confidence: 'unpriced',
      assumption: price.reason,
    };
  }
  const assumption = joinAssumptions(extra.assumption, price.assumption);
  return {
    endpoint,
    date,
    dimensions,
    unit,
    quantity,
    unitPrice: price.unitPrice,
    unitPricePicos: price.unitPricePicos,
    effectiveFrom: price.effectiveFrom,
    source: price.source,
    sourceDetail: price.sourceDetail,
    matchedModel: price.matchedModel,
    amount: extra.amount ?? multiplyToMicros(quantity, price.unitPricePicos),
    confidence: assumption === undefined ? price.confidence : 'estimated',
    assumption,
  };
}
