import { calcPrice } from '@pydantic/genai-prices';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { estimateCost } from './estimate-cost';
import { createPriceBook } from './price-book';

const book = createPriceBook();
const DAY = 1_754_006_400; // 2025-08-01T00:00:00Z

function completions(result: Record<string, unknown>) {
  return {
    endpoint: 'completions' as const,
    buckets: [
      {
        start_time: DAY,
        end_time: DAY + 86_400,
        results: [
          { object: 'organization.usage.completions.result', num_model_requests: 1, ...result },
        ],
      },
    ],
  };
}

describe('estimateCost', () => {
  test('equals genai-prices calcPrice for token-priced models, converted to micro-units the same way', () => {
    const models = [
      'gpt-4o-2024-08-06',
      'gpt-4o-mini',
      'gpt-4.1-nano',
      'o3',
      'gpt-5-mini',
      'text-embedding-3-small',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...models),
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 200_000 }),
        (model, input, cachedPercent, output) => {
          const cached = Math.floor((input * cachedPercent) / 100);
          const estimate = estimateCost(
            completions({
              model,
              input_tokens: input,
              input_cached_tokens: cached,
              output_tokens: output,
            }),
            { priceBook: book },
          );
          const peer = calcPrice(
            { input_tokens: input, cache_read_tokens: cached, output_tokens: output },
            model,
            { providerId: 'openai', timestamp: new Date(DAY * 1000) },
          );
          if (peer === null) throw new Error(`genai-prices has no ${model}`);
          const exactPicos = estimate.lines.reduce(
            (sum, line) => sum + BigInt(line.quantity) * BigInt(line.unitPricePicos ?? 0),
            0n,
          );
          const ours = Number((exactPicos + 500_000n) / 1_000_000n);
          const theirs = Math.round(peer.total_price * 1e6);
          // The peer's float can land either side of a half micro-unit; everything else is equal.
          expect(Math.abs(ours - theirs)).toBeLessThanOrEqual(1);
          expect(estimate.total).toBe(ours);
          expect(
            estimate.lines.reduce((sum, line) => sum + (line.amount ?? 0), 0) +
              estimate.roundingDifference,
          ).toBe(estimate.total);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('splits tokens by modality and cache state without double counting', () => {
    const estimate = estimateCost(
      completions({
        model: 'gpt-realtime',
        input_tokens: 5000,
        input_cached_tokens: 1800,
        input_cache_write_tokens: 200,
        input_uncached_tokens: 3000,
        input_text_tokens: 1000,
        input_audio_tokens: 1500,
        input_image_tokens: 500,
        input_cached_text_tokens: 800,
        input_cached_audio_tokens: 1000,
        output_tokens: 700,
        output_audio_tokens: 600,
      }),
      { priceBook: book },
    );
    const quantities = Object.fromEntries(estimate.lines.map((line) => [line.unit, line.quantity]));
    expect(quantities).toEqual({
      input_tokens: 1000,
      cached_input_tokens: 800,
      cache_write_tokens: 200,
      audio_input_tokens: 1500,
      cached_audio_input_tokens: 1000,
      image_input_tokens: 500,
      output_tokens: 100,
      audio_output_tokens: 600,
    });
  });

  test('reports unpriced usage next to the total instead of pricing it at $0', () => {
    const estimate = estimateCost(
      completions({ model: 'brand-new-model', input_tokens: 10, output_tokens: 5 }),
      { priceBook: book },
    );
    expect(estimate.total).toBe(0);
    expect(
      estimate.lines.every((line) => line.amount === null && line.confidence === 'unpriced'),
    ).toBe(true);
    expect(estimate.unpriced).toHaveLength(2);
    expect(estimate.byConfidence.unpriced.lines).toBe(2);
  });

  test('prices aggregation-engine rows of every endpoint', () => {
    const rows = [
      {
        endpoint: 'images',
        period_start: DAY,
        row_kind: 'detail',
        model: 'dall-e-2',
        size: '256x256',
        images: 10,
      },
      {
        endpoint: 'audio_speeches',
        period_start: DAY,
        model: 'tts-1',
        characters: 1_000_000,
      },
      {
        endpoint: 'audio_transcriptions',
        period_start: DAY,
        model: 'whisper-1',
        seconds: 600,
      },
      {
        endpoint: 'code_interpreter_sessions',
        period_start: DAY,
        project_id: 'p',
        num_sessions: 3,
      },
      { endpoint: 'file_search_calls', period_start: DAY, num_requests: 1000 },
      {
        endpoint: 'web_search_calls',
        period_start: DAY,
        model: 'gpt-4o-search-preview',
        context_level: 'high',
        num_requests: 10,
      },
      {
        endpoint: 'vector_stores',
        period_start: DAY,
        period_end: DAY + 86_400,
        usage_bytes: 3 * 1024 ** 3,
      },
      {
        endpoint: 'moderations',
        period_start: DAY,
        model: 'omni-moderation-latest',
        input_tokens: 999,
      },
    ] as const;
    const estimate = estimateCost(rows, { priceBook: book });
    const amounts = Object.fromEntries(estimate.lines.map((line) => [line.endpoint, line.amount]));
    expect(amounts).toEqual({
      images: 160_000,
      audio_speeches: 15_000_000,
      audio_transcriptions: 60_000,
      code_interpreter_sessions: 90_000,
      file_search_calls: 2_500_000,
      web_search_calls: 500_000,
      vector_stores: 300_000, // 3 GiB held one day at $0.10 per GiB-day
      moderations: 0,
    });
    expect(estimate.unpriced).toEqual([]);
  });

  test('rejects costs buckets with a clear error', () => {
    expect(() => estimateCost({ endpoint: 'costs', buckets: [] }, { priceBook: book })).toThrow(
      /reconcile/,
    );
  });
});

describe('estimateCost details', () => {
  test('prices long-context models at their base rate as exact, noting the tier in the source', () => {
    const estimate = estimateCost(
      completions({ model: 'gpt-5.4', input_tokens: 1_000_000, output_tokens: 0 }),
      { priceBook: book },
    );
    expect(estimate.lines).toHaveLength(1);
    expect(estimate.lines[0]).toMatchObject({ confidence: 'exact', amount: 2_500_000 });
    expect(estimate.lines[0]?.sourceDetail).toMatch(/base rate; its long-context tier/);
  });

  test('rounds the total once from exact pico-units and reports what line rounding moved', () => {
    // gpt-4o-mini input costs 0.15 micro-units a token: four lines of 2 tokens round to 0 each.
    const estimate = estimateCost(
      {
        endpoint: 'embeddings',
        buckets: [
          {
            start_time: DAY,
            results: ['p1', 'p2', 'p3', 'p4'].map((project_id) => ({
              object: 'organization.usage.embeddings.result',
              project_id,
              model: 'gpt-4o-mini',
              input_tokens: 2,
              num_model_requests: 1,
            })),
          },
        ],
      },
      { priceBook: book },
    );
    expect(estimate.lines.map((line) => line.amount)).toEqual([0, 0, 0, 0]);
    expect(estimate.total).toBe(1);
    expect(estimate.roundingDifference).toBe(1);
  });
});
