import type { PriceBook, PriceBookEntry } from './price-book';
import { brokenPriceRules, DEFAULT_BATCH_RATIO, type PriceRule } from './price-rules';

export type { PriceRule } from './price-rules';

/** One entry that breaks a rule, with the two prices compared. */
export interface PriceViolation {
  /** The rule broken. */
  readonly rule: PriceRule;
  /** The model whose prices break it. */
  readonly model: string;
  /** The unit compared. */
  readonly unit: string;
  /** The price checked and the one it is compared with, in pico-units per unit. */
  readonly pricePicos: number;
  /** The price it is compared with, in pico-units per unit. */
  readonly referencePicos: number;
  /** `pricePicos / referencePicos`. */
  readonly ratio: number;
  /** Where the two prices came from. */
  readonly sources: string;
  /** A readable sentence stating the violation. */
  readonly message: string;
}

/** Options of {@link checkPriceBook}. */
export interface CheckPriceBookOptions {
  /** The day whose prices are checked. @default today (UTC) */
  readonly date?: string | number | Date | undefined;
  /** Accepted batch/standard ratio range. @default [0.4, 0.6] */
  readonly batchRatio?: readonly [number, number] | undefined;
}

/**
 * Runs sanity rules over every explicit token price of the book: batch about half of standard,
 * cached input below input, priority above standard (and at most 3×), flex below standard. It
 * lists every entry that breaks a rule; upstream tables are known to hold such errors (for
 * example a priority price 50× the standard one), so callers report rather than fail. The book
 * applies the same rules (`brokenPriceRules`) when it prices: a flagged entry is not used, and the
 * derived price that replaces it is `estimated`.
 *
 * @param book The price book.
 * @param options The day and the batch ratio range.
 *
 * @returns The violations and how many entries were checked.
 */
export function checkPriceBook(
  book: PriceBook,
  options: CheckPriceBookOptions = {},
): { checked: number; violations: PriceViolation[] } {
  const entries = book.listPrices(options.date ?? new Date());
  const index = new Map<string, PriceBookEntry>();
  for (const entry of entries) index.set(`${entry.model}|${entry.variant}|${entry.unit}`, entry);
  const violations: PriceViolation[] = [];
  for (const entry of entries) {
    const siblingOf = (variant: string, unit: string) =>
      index.get(`${entry.model}|${variant}|${unit}`);
    const broken = brokenPriceRules(
      { variant: entry.variant, unit: entry.unit, picos: entry.unitPricePicos },
      (variant, unit) => siblingOf(variant, unit)?.unitPricePicos,
      options.batchRatio ?? DEFAULT_BATCH_RATIO,
    );
    for (const {
      rule,
      referenceVariant,
      referenceUnit,
      referencePicos,
      ratio,
      expectation,
    } of broken) {
      violations.push({
        rule,
        model: entry.model,
        unit: entry.unit,
        pricePicos: entry.unitPricePicos,
        referencePicos,
        ratio,
        sources: `${entry.source} vs ${siblingOf(referenceVariant, referenceUnit)?.source}`,
        message: `${entry.model} ${entry.variant} ${entry.unit} is ${ratio.toFixed(3)}× ${referenceVariant} ${referenceUnit}; expected ${expectation}`,
      });
    }
  }
  return { checked: entries.length, violations };
}
