import type { RollupResult, RollupRow } from '@usagekit/aggregate';
import { describe, expectTypeOf, test } from 'vitest';
import {
  type AggregateRow,
  type CostEstimate,
  type EstimateInput,
  estimateCost,
  type Money,
  type PricedLine,
  type PriceLookup,
  type PriceUnit,
} from './index';
import { createPriceBook } from './price-book';

const priceBook = createPriceBook();

describe('estimateCost types', () => {
  test('accepts raw buckets, roll-up rows and whole roll-up results', () => {
    expectTypeOf(estimateCost).parameter(0).toEqualTypeOf<EstimateInput>();
    expectTypeOf<{ endpoint: 'completions'; buckets: [] }>().toExtend<EstimateInput>();
    expectTypeOf<{ endpoint: 'completions'; rows: RollupRow[] }>().toExtend<EstimateInput>();
    expectTypeOf<RollupResult>().toExtend<EstimateInput>();
    expectTypeOf<RollupRow>().toExtend<AggregateRow>();
    expectTypeOf<RollupRow[]>().toExtend<EstimateInput>();
  });

  test('refuses unknown endpoints and a missing price book', () => {
    // @ts-expect-error: not a registry endpoint
    estimateCost({ endpoint: 'chat', buckets: [] }, { priceBook });
    // @ts-expect-error: the price book is required
    estimateCost({ endpoint: 'completions', buckets: [] }, {});
    // @ts-expect-error: a row needs period_start
    estimateCost([{ endpoint: 'completions', input_tokens: 1 }], { priceBook });
  });

  test('returns exact money and nullable amounts for unpriced lines', () => {
    const estimate = estimateCost({ endpoint: 'completions', buckets: [] }, { priceBook });
    expectTypeOf(estimate).toEqualTypeOf<CostEstimate>();
    expectTypeOf(estimate.total).toEqualTypeOf<Money>();
    expectTypeOf(estimate.roundingDifference).toEqualTypeOf<Money>();
    expectTypeOf<PricedLine['amount']>().toEqualTypeOf<Money | null>();
    expectTypeOf<PricedLine['unit']>().toEqualTypeOf<PriceUnit>();
    expectTypeOf<PricedLine['confidence']>().toEqualTypeOf<'exact' | 'estimated' | 'unpriced'>();
  });
});

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
