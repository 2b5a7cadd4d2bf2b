import { describe, expectTypeOf, test } from 'vitest';
import { createPriceBook } from './price-book';
import type { PriceLookup } from './price-types';

const priceBook = createPriceBook();

describe('PriceBook types', () => {
  test('lookup results narrow on priced', () => {
    const found = priceBook.lookup({ model: 'gpt-4o', unit: 'input_tokens', date: '2025-08-01' });
    expectTypeOf(found).toEqualTypeOf<PriceLookup>();
    if (found.priced) {
      expectTypeOf(found.unitPricePicos).toEqualTypeOf<number>();
      expectTypeOf(found.confidence).toEqualTypeOf<'exact' | 'estimated'>();
    } else {
      expectTypeOf(found.reason).toEqualTypeOf<string>();
      // @ts-expect-error: an unpriced answer has no price
      void found.unitPricePicos;
    }
  });

  test('units are a closed union', () => {
    // @ts-expect-error: not a price unit
    priceBook.lookup({ model: 'gpt-4o', unit: 'tokens', date: '2025-08-01' });
  });
});
