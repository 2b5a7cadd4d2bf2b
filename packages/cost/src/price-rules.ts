import type { PriceUnit, PriceVariant } from './price-unit';

/** A sanity rule of the price book (see {@link brokenPriceRules}). */
export type PriceRule =
  | 'batch_about_half'
  | 'cached_below_input'
  | 'priority_above_standard'
  | 'priority_within_3x'
  | 'flex_below_standard';

/** The accepted batch/standard ratio range. */
export const DEFAULT_BATCH_RATIO: readonly [number, number] = [0.4, 0.6];

/** The uncached unit each cached unit is checked against. */
const UNCACHED_UNIT: Partial<Record<PriceUnit, PriceUnit>> = {
  cached_input_tokens: 'input_tokens',
  cached_audio_input_tokens: 'audio_input_tokens',
  cached_image_input_tokens: 'image_input_tokens',
};

/** One rule a price breaks, with the price it was compared with. */
export interface BrokenPriceRule {
  /** The rule broken. */
  readonly rule: PriceRule;
  /** The tier of the reference price. */
  readonly referenceVariant: PriceVariant;
  /** The unit of the reference price. */
  readonly referenceUnit: PriceUnit;
  /** The reference price, in pico-units per unit. */
  readonly referencePicos: number;
  /** `price / reference`. */
  readonly ratio: number;
  /** What the ratio should be, e.g. `< 1`. */
  readonly expectation: string;
}

/**
 * The sanity rules one explicit price breaks against its siblings: batch about half of standard,
 * flex below standard, priority above standard and at most 3×, cached input (text, audio, image)
 * below the uncached rate of the same tier. Upstream tables are known to hold such errors (a
 * priority price 50× the standard one, cached audio above uncached audio).
 *
 * @param price The price: tier, unit and pico-units per unit.
 * @param referenceOf The same model's explicit price of another tier and unit, if any.
 * @param batchRatio The accepted batch/standard ratio range.
 *
 * @returns The rules broken, none when the price is plausible or has no sibling to compare.
 */
export function brokenPriceRules(
  price: { readonly variant: PriceVariant; readonly unit: PriceUnit; readonly picos: number },
  referenceOf: (variant: PriceVariant, unit: PriceUnit) => number | undefined,
  batchRatio: readonly [number, number] = DEFAULT_BATCH_RATIO,
): BrokenPriceRule[] {
  const broken: BrokenPriceRule[] = [];
  const compare = (
    rule: PriceRule,
    referenceVariant: PriceVariant,
    referenceUnit: PriceUnit,
    passes: (ratio: number) => boolean,
    expectation: string,
  ) => {
    const referencePicos = referenceOf(referenceVariant, referenceUnit);
    if (referencePicos === undefined || referencePicos === 0) return;
    const ratio = price.picos / referencePicos;
    if (!passes(ratio)) {
      broken.push({ rule, referenceVariant, referenceUnit, referencePicos, ratio, expectation });
    }
  };
  const [batchLow, batchHigh] = batchRatio;
  const { variant, unit } = price;
  if (variant === 'batch') {
    compare(
      'batch_about_half',
      'standard',
      unit,
      (ratio) => ratio >= batchLow && ratio <= batchHigh,
      `${batchLow}–${batchHigh}`,
    );
  } else if (variant === 'flex') {
    compare('flex_below_standard', 'standard', unit, (ratio) => ratio < 1, '< 1');
  } else if (variant === 'priority') {
    compare('priority_above_standard', 'standard', unit, (ratio) => ratio > 1, '> 1');
    compare('priority_within_3x', 'standard', unit, (ratio) => ratio <= 3, '≤ 3');
  }
  const uncached = UNCACHED_UNIT[unit];
  if (uncached !== undefined) {
    compare('cached_below_input', variant, uncached, (ratio) => ratio < 1, '< 1');
  }
  return broken;
}
