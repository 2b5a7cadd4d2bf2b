import { describe, expect, test } from 'vitest';
import { pricingDimensions } from './pricing-dimensions';

describe('pricingDimensions', () => {
  test.each([
    ['completions', ['model', 'batch', 'service_tier']],
    ['images', ['model', 'size']],
    ['web_search_calls', ['model', 'context_level']],
    ['vector_stores', []],
  ] as const)('%s prices by %j', (endpoint, expected) => {
    expect(pricingDimensions(endpoint)).toEqual(expected);
  });

  test('without an endpoint, lists what any usage endpoint prices by', () => {
    expect(pricingDimensions()).toEqual([
      'model',
      'batch',
      'service_tier',
      'size',
      'context_level',
    ]);
  });
});
