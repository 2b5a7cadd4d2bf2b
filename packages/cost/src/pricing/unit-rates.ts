import { InvalidCostInputError } from '../errors';
import type { PriceBook } from '../price-book';
import type { PriceLookup } from '../price-types';
import { PRICE_VARIANTS, type PriceUnit, priceVariantOf } from '../price-unit';
import { dayOfIndex } from '../utc-day';
import type { LineDimensions } from './priced-line';
import type { UsageEndpointName } from './usage-endpoint';

/** Bits of each part of a rate key: day index, variant, qualifier code, model code. */
const DAY_RADIX = 2 ** 17;
const VARIANT_RADIX = 8;
const QUALIFIER_RADIX = 2 ** 10;

/** The unit prices of one endpoint's units, looked up once per (day, model, tier, qualifier). */
export interface UnitRates {
  /**
   * The prices of every unit, in the strategy's unit order, for a group's model, `batch`,
   * `service_tier` and qualifier dimension on a day.
   *
   * @param dayIndex Days since 1970-01-01.
   * @param dimensions The group's dimension values.
   *
   * @returns One lookup per unit.
   */
  forGroup(dayIndex: number, dimensions: LineDimensions): readonly PriceLookup[];
}

/**
 * Caches the price lookups of one endpoint's units under a numeric key made of dictionary codes,
 * so pricing many groups builds no strings.
 *
 * @param book The price book.
 * @param endpoint The usage endpoint.
 * @param units The units to price, in order.
 * @param qualifierDimension The dimension that selects a qualified price, if any.
 *
 * @returns The rates.
 */
export function createUnitRates(
  book: PriceBook,
  endpoint: UsageEndpointName,
  units: readonly PriceUnit[],
  qualifierDimension: string | undefined,
): UnitRates {
  const modelCodes = new Map<unknown, number>();
  const qualifierCodes = new Map<unknown, number>();
  const plans = new Map<number, readonly PriceLookup[]>();
  const codeOf = (codes: Map<unknown, number>, value: unknown): number => {
    let code = codes.get(value);
    if (code === undefined) {
      code = codes.size;
      codes.set(value, code);
    }
    return code;
  };
  return {
    forGroup(dayIndex, dimensions) {
      const model = dimensions.model ?? null;
      const tier = dimensions.service_tier;
      const variant = priceVariantOf(
        dimensions.batch === true ? true : null,
        typeof tier === 'string' ? tier : null,
      );
      const qualifier =
        qualifierDimension === undefined ? null : (dimensions[qualifierDimension] ?? null);
      const qualifierCode = codeOf(qualifierCodes, qualifier);
      if (qualifierCode >= QUALIFIER_RADIX || dayIndex >= DAY_RADIX || dayIndex < 0) {
        throw new InvalidCostInputError('usage input', [
          `input: cannot key prices for day ${dayIndex} and ${qualifierCode} qualifiers`,
        ]);
      }
      const key =
        ((codeOf(modelCodes, model) * QUALIFIER_RADIX + qualifierCode) * VARIANT_RADIX +
          PRICE_VARIANTS.indexOf(variant)) *
          DAY_RADIX +
        dayIndex;
      let plan = plans.get(key);
      if (plan === undefined) {
        const date = dayOfIndex(dayIndex);
        const named = typeof qualifier === 'string' ? qualifier : null;
        plan = units.map((unit) =>
          book.lookup({
            endpoint,
            model: typeof model === 'string' ? model : null,
            unit,
            date,
            variant,
            size: qualifierDimension === 'size' ? named : null,
            contextLevel: qualifierDimension === 'context_level' ? named : null,
          }),
        );
        plans.set(key, plan);
      }
      return plan;
    },
  };
}
