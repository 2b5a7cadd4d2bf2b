import type { RollupResult, RollupRow } from '@usagekit/aggregate';
import { describe, expectTypeOf, test } from 'vitest';
import {
  type AggregateRow,
  type CostEstimate,
  type EstimateInput,
  estimateCost,
  type Money,
  type PricedLine,
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
