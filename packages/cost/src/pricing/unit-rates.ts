import { InvalidCostInputError } from '../errors';
import type { PriceBook } from '../price-book';
import type { PriceLookup } from '../price-types';
import { PRICE_VARIANTS, type PriceUnit, type PriceVariant, priceVariantOf } from '../price-unit';
import { dayOfIndex } from '../utc-day';
import type { UsageEndpointName } from './usage-endpoint';

/** Parts of a rate key within a day: variant, qualifier code, model code (a small integer). */
const VARIANT_RADIX = 8;
const QUALIFIER_RADIX = 2 ** 10;
const MODEL_RADIX = 2 ** 17;

/** The unit prices of one endpoint's units, looked up once per (day, model, tier, qualifier). */
export interface UnitRates {
  /**
   * The prices of every unit, in the strategy's unit order, for a group's model, `batch`,
   * `service_tier` and qualifier dimension on a day.
   *
   * @param dayIndex Days since 1970-01-01.
   * @param dimensions The group's dimension values (a usage result's own fields will do).
   *
   * @returns One lookup per unit.
   */
  forGroup(dayIndex: number, dimensions: Readonly<Record<string, unknown>>): readonly PriceLookup[];
}

/**
 * Caches the price lookups of one endpoint's units per UTC day under a small-integer key made of
 * dictionary codes, so pricing many groups or results builds no strings and allocates nothing for
 * a (day, model, tier, qualifier) it has seen.
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
  const days = new Map<number, Map<number, readonly PriceLookup[]>>();
  let lastDayIndex = Number.NaN;
  let lastDay: Map<number, readonly PriceLookup[]> | undefined;
  // Outside forGroup: a closure there would make every call allocate a context for what it captures.
  const lookUpPlan = (
    dayIndex: number,
    model: unknown,
    variant: PriceVariant,
    qualifier: unknown,
  ): readonly PriceLookup[] => {
    const date = dayOfIndex(dayIndex);
    const named = typeof qualifier === 'string' ? qualifier : null;
    return units.map((unit) =>
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
  };
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
      const modelCode = codeOf(modelCodes, model);
      if (qualifierCode >= QUALIFIER_RADIX || modelCode >= MODEL_RADIX) {
        throw new InvalidCostInputError('usage input', [
          `input: cannot key prices for ${modelCode} models and ${qualifierCode} qualifiers`,
        ]);
      }
      const key =
        (modelCode * QUALIFIER_RADIX + qualifierCode) * VARIANT_RADIX +
        PRICE_VARIANTS.indexOf(variant);
      if (dayIndex !== lastDayIndex) {
        lastDay = days.get(dayIndex);
        if (lastDay === undefined) {
          lastDay = new Map();
          days.set(dayIndex, lastDay);
        }
        lastDayIndex = dayIndex;
      }
      const plans = lastDay as Map<number, readonly PriceLookup[]>;
      let plan = plans.get(key);
      if (plan === undefined) {
        plan = lookUpPlan(dayIndex, model, variant, qualifier);
        plans.set(key, plan);
      }
      return plan;
    },
  };
}
