import { endpoints } from '@usagekit/schemas';
import { describe, expect, test } from 'vitest';
import { estimateCost } from '../estimate-cost';
import { createPriceBook } from '../price-book';
import { loadPriceOverrides } from '../price-overrides';
import { ENDPOINT_PRICING } from './endpoint-pricing';
import { createUnitRates } from './unit-rates';
import type { UsageEndpointName } from './usage-endpoint';

const DAY = 1_754_006_400; // 2025-08-01T00:00:00Z

/** A book where `test-model` has a distinct price per unit, so a token counted twice shows. */
function bookWith(usdPerMillion: Record<string, number>, extra: object[] = []) {
  return createPriceBook({
    supplement: [],
    overrides: loadPriceOverrides({
      prices: [{ model: 'test-model', usdPerMillion }, ...extra],
    }),
  });
}

function completions(result: Record<string, unknown>) {
  return {
    endpoint: 'completions' as const,
    buckets: [
      {
        start_time: DAY,
        end_time: DAY + 86_400,
        results: [{ model: 'test-model', num_model_requests: 1, ...result }],
      },
    ],
  };
}

const quantitiesOf = (estimate: ReturnType<typeof estimateCost>) =>
  Object.fromEntries(estimate.lines.map((line) => [line.unit, line.quantity]));

describe('cache writes', () => {
  const priceBook = bookWith({
    input_tokens: 1,
    cached_input_tokens: 0.1,
    cache_write_tokens: 2,
    cache_write_12h_tokens: 3,
    cache_write_30m_tokens: 4,
    output_tokens: 5,
  });

  test('12h and 30m parts are priced once, at their own rates, and not again as cache writes', () => {
    const estimate = estimateCost(
      completions({
        input_tokens: 10_000,
        input_cached_tokens: 2_000,
        input_cache_write_tokens: 1_500,
        input_cache_write_12h_tokens: 600,
        input_cache_write_30m_tokens: 400,
        output_tokens: 1_000,
      }),
      { priceBook },
    );
    expect(quantitiesOf(estimate)).toEqual({
      input_tokens: 6_500, // 10,000 − 2,000 cached − 1,500 written
      cached_input_tokens: 2_000,
      cache_write_tokens: 500, // writes whose retention is not reported
      cache_write_12h_tokens: 600,
      cache_write_30m_tokens: 400,
      output_tokens: 1_000,
    });
    // $/M × tokens = micro-units: 6,500×1 + 2,000×0.1 + 500×2 + 600×3 + 400×4 + 1,000×5.
    expect(estimate.total).toBe(6_500 + 200 + 1_000 + 1_800 + 1_600 + 5_000);
    expect(estimate.byConfidence.estimated.lines).toBe(0);
  });

  test('writes with no retention split are all priced at the cache-write rate', () => {
    const estimate = estimateCost(
      completions({ input_tokens: 3_000, input_cache_write_tokens: 1_000, output_tokens: 0 }),
      { priceBook },
    );
    expect(quantitiesOf(estimate)).toEqual({ input_tokens: 2_000, cache_write_tokens: 1_000 });
    expect(estimate.total).toBe(2_000 + 2_000);
  });

  test('a retention without its own price falls back to the cache-write rate, then to input, saying so', () => {
    const usage = completions({
      input_tokens: 1_000,
      input_cache_write_tokens: 1_000,
      input_cache_write_12h_tokens: 1_000,
    });
    const [withWrite] = estimateCost(usage, {
      priceBook: bookWith({ input_tokens: 1, cache_write_tokens: 2 }),
    }).lines;
    expect(withWrite).toMatchObject({
      unit: 'cache_write_12h_tokens',
      quantity: 1_000,
      amount: 2_000,
      confidence: 'estimated',
      assumption: 'no 12h cache-write price; priced at the cache-write rate',
    });
    const [inputOnly] = estimateCost(usage, { priceBook: bookWith({ input_tokens: 1 }) }).lines;
    expect(inputOnly).toMatchObject({
      amount: 1_000,
      confidence: 'estimated',
      assumption:
        'no 12h cache-write price; priced at the cache-write rate; no cache-write price; cache writes priced as uncached input',
    });
  });
});

describe('tier fallbacks', () => {
  const priceBook = bookWith({ input_tokens: 2 }, [
    { model: 'test-model', tier: 'batch', usdPerMillion: { input_tokens: 0.8 } },
  ]);
  const lookup = (serviceTier: string) =>
    priceBook.lookup({
      model: 'test-model',
      unit: 'input_tokens',
      date: '2025-08-01',
      serviceTier,
    });

  test.each([
    ['flex', 800_000, 'no flex price; priced at the batch rate'],
    ['priority', 2_000_000, 'no priority price; priced at the standard rate (lower bound)'],
    [
      'scale',
      2_000_000,
      'Scale Tier usage priced at the pay-as-you-go rate; the bill charges Scale Tier at organization level',
    ],
  ])('%s without its own price', (tier, picos, assumption) => {
    expect(lookup(tier)).toMatchObject({
      priced: true,
      unitPricePicos: picos,
      confidence: 'estimated',
      assumption,
    });
  });

  test('flex without a batch price is half the standard rate', () => {
    const standardOnly = bookWith({ input_tokens: 2 });
    expect(
      standardOnly.lookup({
        model: 'test-model',
        unit: 'input_tokens',
        date: '2025-08-01',
        serviceTier: 'flex',
      }),
    ).toMatchObject({ unitPricePicos: 1_000_000, confidence: 'estimated' });
  });
});

describe('ENDPOINT_PRICING', () => {
  test('has one strategy per usage endpoint, reading only registry metrics and dimensions', () => {
    for (const [name, strategy] of Object.entries(ENDPOINT_PRICING)) {
      const endpoint = endpoints[name as UsageEndpointName];
      const metrics = (endpoint.metrics as readonly { name: string }[]).map((field) => field.name);
      for (const metric of strategy.metrics) expect(metrics, name).toContain(metric);
      if (strategy.qualifierDimension !== undefined) {
        expect(endpoint.dimensions as readonly string[], name).toContain(
          strategy.qualifierDimension,
        );
      }
      for (const metric of strategy.requiredMetrics) expect(strategy.metrics).toContain(metric);
    }
  });

  test('a strategy prices usage groups given directly as its one input type', () => {
    const strategy = ENDPOINT_PRICING.embeddings;
    const lines = strategy.price({
      endpoint: 'embeddings',
      groups: [
        {
          dayIndex: DAY / 86_400,
          lastDayIndex: DAY / 86_400,
          dimensions: { project_id: 'p', model: 'test-model', user_id: null, api_key_id: null },
          sums: [1_000],
        },
      ],
      rates: createUnitRates(
        bookWith({ input_tokens: 3 }),
        'embeddings',
        strategy.units,
        strategy.qualifierDimension,
      ),
    });
    expect(lines).toMatchObject([
      { date: '2025-08-01', unit: 'input_tokens', quantity: 1_000, amount: 3_000 },
    ]);
  });

  test('vector storage is priced on byte-time: hourly buckets like the daily average', () => {
    const gib = 1024 ** 3;
    // Project a holds (hour + 1) GiB in hour h; project b holds 2 GiB all day.
    const hourly = Array.from({ length: 24 }, (_, hour) => ({
      start_time: DAY + hour * 3_600,
      end_time: DAY + (hour + 1) * 3_600,
      results: [
        { project_id: 'a', usage_bytes: (hour + 1) * gib },
        { project_id: 'b', usage_bytes: 2 * gib },
      ],
    }));
    const daily = [
      {
        start_time: DAY,
        end_time: DAY + 86_400,
        results: [
          { project_id: 'a', usage_bytes: 12.5 * gib },
          { project_id: 'b', usage_bytes: 2 * gib },
        ],
      },
    ];
    const priceBook = createPriceBook();
    const byHour = estimateCost({ endpoint: 'vector_stores', buckets: hourly }, { priceBook });
    const byDay = estimateCost({ endpoint: 'vector_stores', buckets: daily }, { priceBook });
    // 300 GiB-hours = 12.5 GiB-days for a, 2 GiB-days for b.
    expect(byHour.lines.map((line) => [line.dimensions.project_id, line.quantity])).toEqual([
      ['a', 12.5],
      ['b', 2],
    ]);
    // 14.5 GiB-days at $0.10 per GiB-day.
    expect(byHour.total).toBe(1_450_000);
    expect(byDay.lines).toEqual(byHour.lines);
  });
});
