import type { PriceBook, PriceBookEntry } from './price-book';

/** A sanity rule of {@link checkPriceBook}. */
export type PriceRule =
  | 'batch_about_half'
  | 'cached_below_input'
  | 'priority_above_standard'
  | 'priority_within_3x'
  | 'flex_below_standard';

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
 * example a priority price 50× the standard one), so callers report rather than fail.
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
  const [batchLow, batchHigh] = options.batchRatio ?? [0.4, 0.6];
  const index = new Map<string, PriceBookEntry>();
  for (const entry of entries) index.set(`${entry.model}|${entry.variant}|${entry.unit}`, entry);
  const violations: PriceViolation[] = [];
  const compare = (
    rule: PriceRule,
    entry: PriceBookEntry,
    reference: PriceBookEntry | undefined,
    passes: (ratio: number) => boolean,
    expectation: string,
  ) => {
    if (reference === undefined || reference.unitPricePicos === 0) return;
    const ratio = entry.unitPricePicos / reference.unitPricePicos;
    if (passes(ratio)) return;
    violations.push({
      rule,
      model: entry.model,
      unit: entry.unit,
      pricePicos: entry.unitPricePicos,
      referencePicos: reference.unitPricePicos,
      ratio,
      sources: `${entry.source} vs ${reference.source}`,
      message: `${entry.model} ${entry.variant} ${entry.unit} is ${ratio.toFixed(3)}× ${reference.variant} ${reference.unit}; expected ${expectation}`,
    });
  };
  for (const entry of entries) {
    const standard = index.get(`${entry.model}|standard|${entry.unit}`);
    if (entry.variant === 'batch') {
      compare(
        'batch_about_half',
        entry,
        standard,
        (ratio) => ratio >= batchLow && ratio <= batchHigh,
        `${batchLow}–${batchHigh}`,
      );
    } else if (entry.variant === 'flex') {
      compare('flex_below_standard', entry, standard, (ratio) => ratio < 1, '< 1');
    } else if (entry.variant === 'priority') {
      compare('priority_above_standard', entry, standard, (ratio) => ratio > 1, '> 1');
      compare('priority_within_3x', entry, standard, (ratio) => ratio <= 3, '≤ 3');
    }
    if (entry.unit === 'cached_input_tokens') {
      compare(
        'cached_below_input',
        entry,
        index.get(`${entry.model}|${entry.variant}|input_tokens`),
        (ratio) => ratio < 1,
        '< 1',
      );
    }
  }
  return { checked: entries.length, violations };
}
