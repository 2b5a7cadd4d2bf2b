import { type EndpointName, endpointNames } from '@usagekit/schemas';
import { InvalidCostInputError } from './errors';
import type { UnpricedUsage } from './estimate-cost';
import type { PriceBook } from './price-book';
import type { PriceLookup } from './price-types';
import type { PriceUnit } from './price-unit';
import { ENDPOINT_PRICING } from './pricing/endpoint-pricing';
import { assertWholeUnits } from './pricing/metered-pricing';
import type { PricingStrategy } from './pricing/pricing-strategy';
import { createUnitRates, type UnitRates } from './pricing/unit-rates';
import type { UsageEndpointName } from './pricing/usage-endpoint';
import {
  PRICING_CONFIDENCES,
  type PricingConfidence,
  pricingConfidenceIndex,
} from './pricing-confidence';
import { DAY_SECONDS, dayOfIndex } from './utc-day';

/** Pico-units (10⁻¹² USD) in one micro-unit. */
const PICOS_PER_MICRO = 1_000_000;

/**
 * Prices one result of one bucket: the shape `createUsageTable({ pricer })` of
 * `@usagekit/aggregate` calls (matched structurally; this package does not depend on it).
 */
export interface ResultPricer {
  /**
   * Writes into `out`: `out[0]` = the result's estimated cost in integer pico-USD (10⁻¹² USD,
   * rounded once per result to the nearest pico), `out[1]` = 1 when some of the result's usage has
   * no price (that part is not in `out[0]`), else 0.
   *
   * @param endpoint The usage endpoint of the result (`costs` is refused: it is the bill).
   * @param startTime The bucket's start, Unix seconds; prices are those in force that UTC day.
   * @param endTime The bucket's end, Unix seconds; a level (bytes held) is held from start to end.
   * @param result The result's dimension fields and counters, as the Usage API returns them.
   * @param out At least two slots, overwritten.
   */
  price(
    endpoint: EndpointName,
    startTime: number,
    endTime: number,
    result: Readonly<Record<string, unknown>>,
    out: Float64Array,
  ): void;
}

/** A {@link ResultPricer} that also reports what it could not price and how sure its prices are. */
export interface CostResultPricer extends ResultPricer {
  /**
   * Usage that could not be priced so far, summed by endpoint, model (null when the usage was not
   * grouped by model), unit and reason; `lines` counts the results.
   *
   * @returns One entry per (endpoint, model, unit, reason), in first-seen order.
   */
  unpriced(): readonly UnpricedUsage[];
  /**
   * The estimated pico-USD priced so far, by where the price came from. They add up exactly to
   * the sum of every `out[0]` written.
   *
   * @returns Exact pico-USD per {@link PricingConfidence}.
   */
  confidenceTotals(): Readonly<Record<PricingConfidence, bigint>>;
}

/** What the pricer keeps per endpoint: its strategy, cached rates and scratch arrays. */
interface EndpointPricing {
  readonly endpoint: UsageEndpointName;
  readonly strategy: PricingStrategy;
  readonly rates: UnitRates;
  readonly sums: Float64Array;
  readonly quantities: Float64Array;
}

/** Unpriced usage being summed (the mutable form of {@link UnpricedUsage}). */
interface UnpricedSum {
  endpoint: UsageEndpointName;
  model: string | null;
  unit: PriceUnit;
  quantity: number;
  reason: string;
  lines: number;
}

/**
 * Creates a pricer of single usage results, for an engine that prices each result once at
 * ingest. Each endpoint is priced by its strategy in `ENDPOINT_PRICING`, the same split into units
 * and the same cached price-book lookups as {@link estimateCost}, at the prices in force on the
 * UTC day of the bucket's start. Vector storage is priced on byte-time (`usage_bytes` × bucket
 * seconds / 86,400 / 2³⁰ × the price per GiB-day), so any bucket width prices the same. Prices are
 * cached per (endpoint, model, qualifier, tier, UTC day): pricing a result whose prices are cached
 * allocates nothing.
 *
 * Each confidence's part of a result is rounded once to the pico (only GiB-days are fractional,
 * and vector storage has one unit, so this is rounding the result once). Amounts are doubles:
 * exact while one result stays below 2⁵³ pico-USD (about $9,007).
 *
 * @param priceBook The prices.
 *
 * @returns The pricer, with what it could not price and its totals per confidence.
 *
 * @example
 * ```ts
 * const pricer = createResultPricer(createPriceBook());
 * const out = new Float64Array(2);
 * pricer.price('completions', start, start + 86_400, { model: 'gpt-4o', input_tokens: 1000 }, out);
 * // out[0] = 2_500_000_000 pico-USD ($0.0025), out[1] = 0
 * ```
 */
export function createResultPricer(priceBook: PriceBook): CostResultPricer {
  const byEndpoint = new Map<EndpointName, EndpointPricing>();
  const parts = new Float64Array(PRICING_CONFIDENCES.length);
  const totalMicros = new Float64Array(PRICING_CONFIDENCES.length);
  const totalRemainders = new Float64Array(PRICING_CONFIDENCES.length);
  const unpricedByLookup = new Map<PriceLookup, UnpricedSum>();
  const unpricedByKey = new Map<string, UnpricedSum>();

  function pricingOf(endpoint: EndpointName): EndpointPricing {
    let pricing = byEndpoint.get(endpoint);
    if (pricing !== undefined) return pricing;
    if (endpoint === 'costs' || !Object.hasOwn(ENDPOINT_PRICING, endpoint)) {
      throw new InvalidCostInputError('usage input', [
        `endpoint: ${JSON.stringify(endpoint)} is not a usage endpoint; allowed: ${endpointNames.filter((name) => name !== 'costs').join(', ')}`,
      ]);
    }
    const usageEndpoint = endpoint as UsageEndpointName;
    const strategy = ENDPOINT_PRICING[usageEndpoint];
    pricing = {
      endpoint: usageEndpoint,
      strategy,
      rates: createUnitRates(priceBook, usageEndpoint, strategy.units, strategy.qualifierDimension),
      sums: new Float64Array(strategy.metrics.length),
      quantities: new Float64Array(strategy.units.length),
    };
    byEndpoint.set(endpoint, pricing);
    return pricing;
  }

  function recordUnpriced(
    endpoint: UsageEndpointName,
    model: unknown,
    unit: PriceUnit,
    quantity: number,
    price: PriceLookup & { priced: false },
  ): void {
    let sum = unpricedByLookup.get(price);
    if (sum === undefined) {
      const name = typeof model === 'string' ? model : null;
      const key = JSON.stringify([endpoint, name, unit, price.reason]);
      sum = unpricedByKey.get(key);
      if (sum === undefined) {
        sum = { endpoint, model: name, unit, quantity: 0, reason: price.reason, lines: 0 };
        unpricedByKey.set(key, sum);
      }
      unpricedByLookup.set(price, sum);
    }
    sum.quantity += quantity;
    sum.lines += 1;
  }

  return {
    price(endpoint, startTime, endTime, result, out) {
      const { strategy, rates, sums, quantities, endpoint: usageEndpoint } = pricingOf(endpoint);
      const { units, wholeUnits } = strategy;
      sums.fill(0);
      strategy.accumulate(result, sums, 0, endTime > startTime ? endTime - startTime : DAY_SECONDS);
      strategy.decompose(sums, quantities);
      const dayIndex = Math.floor(startTime / DAY_SECONDS);
      const plan = rates.forGroup(dayIndex, result);
      parts.fill(0);
      let unpriced = 0;
      for (let slot = 0; slot < units.length; slot += 1) {
        const quantity = quantities[slot] as number;
        if (quantity === 0) continue;
        const unit = units[slot] as PriceUnit;
        if (wholeUnits && !Number.isSafeInteger(quantity)) {
          assertWholeUnits(usageEndpoint, unit, quantity, dayOfIndex(dayIndex), strategy.metrics);
        }
        const price = plan[slot] as PriceLookup;
        if (price.priced) {
          const index = pricingConfidenceIndex(price);
          parts[index] = (parts[index] as number) + quantity * price.unitPricePicos;
        } else {
          unpriced = 1;
          recordUnpriced(usageEndpoint, result.model, unit, quantity, price);
        }
      }
      let total = 0;
      for (let slot = 0; slot < parts.length; slot += 1) {
        const part = parts[slot] as number;
        if (part === 0) continue;
        const picos = Math.round(part);
        total += picos;
        // The confidence's total as whole micro-units and a remainder below one micro-unit, so
        // it stays exact past 2⁵³ pico-units (inline: a double passed to a call would be boxed).
        let micros = Math.floor(picos / PICOS_PER_MICRO);
        let remainder = (totalRemainders[slot] as number) + (picos - micros * PICOS_PER_MICRO);
        while (remainder >= PICOS_PER_MICRO) {
          remainder -= PICOS_PER_MICRO;
          micros += 1;
        }
        while (remainder < 0) {
          remainder += PICOS_PER_MICRO;
          micros -= 1;
        }
        totalRemainders[slot] = remainder;
        totalMicros[slot] = (totalMicros[slot] as number) + micros;
      }
      out[0] = total;
      out[1] = unpriced;
    },
    unpriced() {
      return [...unpricedByKey.values()].map((sum) => ({ ...sum }));
    },
    confidenceTotals() {
      const totals = {} as Record<PricingConfidence, bigint>;
      PRICING_CONFIDENCES.forEach((confidence, slot) => {
        totals[confidence] =
          BigInt(totalMicros[slot] as number) * BigInt(PICOS_PER_MICRO) +
          BigInt(totalRemainders[slot] as number);
      });
      return totals;
    },
  };
}
