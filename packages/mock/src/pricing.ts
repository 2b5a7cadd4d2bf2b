import type { PriceBook, PriceQuery } from '@usagekit/cost';

/**
 * Where the mock reads list prices from: `@usagekit/cost`'s price book (the default is
 * `createPriceBook()`), so the mock's bill and the cost estimator read the same price data. Pass a
 * book built with overrides to bill the demo organization at other prices.
 */
export type MockPricing = Pick<PriceBook, 'lookup'>;

/** A price the price book does not hold, with where it comes from. */
interface ListedPrice {
  /** Price of one unit. @unit pico-USD (10⁻¹² USD) */
  readonly picos: number;
  /** Where the price comes from. */
  readonly source: string;
}

/**
 * Fine-tuning training prices per trained token, by base model. The price book has no training
 * unit (no usage endpoint reports training), so the mock keeps these few itself.
 */
const TRAINING_PRICES: ReadonlyMap<string, ListedPrice> = new Map([
  [
    'gpt-4o-mini-2024-07-18',
    {
      picos: 3_000_000,
      source:
        'https://openai.com/api/pricing/ (fine-tuning, gpt-4o-mini-2024-07-18: $3.00 / 1M training tokens)',
    },
  ],
]);

/**
 * Reads one unit price from the price book.
 *
 * @param pricing The price book.
 * @param query What to price.
 *
 * @returns The price of one unit. @unit pico-USD (10⁻¹² USD)
 * @throws {Error} when the book has no price: the mock never bills anything at $0 silently.
 */
export function unitPricePicos(pricing: MockPricing, query: PriceQuery): number {
  const found = pricing.lookup(query);
  if (!found.priced) {
    throw new Error(
      `usagekit mock: the price book has no price for ${query.endpoint ?? 'usage'} ${query.model ?? '(no model)'} ${query.unit}: ${found.reason}`,
    );
  }
  return found.unitPricePicos;
}

/**
 * The training price of a fine-tuning base model.
 *
 * @param model The base model (`gpt-4o-mini-2024-07-18`).
 *
 * @returns The price per trained token. @unit pico-USD (10⁻¹² USD)
 * @throws {Error} when the mock has no training price for the model.
 */
export function trainingPicosPerToken(model: string): number {
  const price = TRAINING_PRICES.get(model);
  if (price === undefined) throw new Error(`usagekit mock: no training price for ${model}`);
  return price.picos;
}
