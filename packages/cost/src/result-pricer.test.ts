import { describe, expect, test } from 'vitest';
import { estimateCost } from './estimate-cost';
import { createPriceBook, MODEL_UNKNOWN } from './price-book';
import { createResultPricer } from './result-pricer';

const DAY = 1_754_006_400; // 2025-08-01T00:00:00Z
const HOUR = 3_600;
const GIB = 1024 ** 3;
const book = createPriceBook();

/** Prices one result of a daily bucket on 2025-08-01 with a fresh pricer. */
function priceOne(
  endpoint: Parameters<ReturnType<typeof createResultPricer>['price']>[0],
  result: Record<string, unknown>,
  width = 86_400,
) {
  const pricer = createResultPricer(book);
  const out = new Float64Array(2);
  pricer.price(endpoint, DAY, DAY + width, result, out);
  return { picos: out[0], unpriced: out[1], pricer };
}

describe('createResultPricer', () => {
  // Published prices per 1M tokens (OpenAI pricing page; genai-prices and the supplement agree).
  test.each([
    [
      // gpt-4o: $2.50 input, $1.25 cached input, $10 output.
      'completions with cached tokens (gpt-4o)',
      {
        model: 'gpt-4o-2024-08-06',
        input_tokens: 10_000,
        input_cached_tokens: 4_000,
        output_tokens: 2_000,
      },
      6_000 * 2_500_000 + 4_000 * 1_250_000 + 2_000 * 10_000_000, // $0.04
      { list: 40_000_000_000n },
    ],
    [
      // gpt-4o Batch API: $1.25 input, $5 output (published); no published batch cached rate,
      // so cached input is half the standard cached rate, under an assumption.
      'batch (gpt-4o)',
      {
        model: 'gpt-4o-2024-08-06',
        batch: true,
        input_tokens: 1_000_000,
        input_cached_tokens: 100_000,
        output_tokens: 100_000,
      },
      900_000 * 1_250_000 + 100_000 * 625_000 + 100_000 * 5_000_000, // $1.6875
      { supplement: 1_625_000_000_000n, assumed: 62_500_000_000n },
    ],
    [
      // gpt-4o-realtime-preview (2024-12-17): text $5 / $2.50 cached / $20 output; audio $40 /
      // $2.50 cached / $80 output.
      'audio (gpt-4o-realtime-preview-2024-12-17)',
      {
        model: 'gpt-4o-realtime-preview-2024-12-17',
        input_tokens: 10_000,
        input_cached_tokens: 2_000,
        input_audio_tokens: 6_000,
        input_cached_audio_tokens: 1_000,
        output_tokens: 5_000,
        output_audio_tokens: 4_000,
      },
      2_000 * 5_000_000 + // uncached text: 10,000 − 2,000 cached − 6,000 audio
        1_000 * 2_500_000 + // cached text: 2,000 − 1,000 cached audio
        6_000 * 40_000_000 +
        1_000 * 2_500_000 +
        1_000 * 20_000_000 + // text output: 5,000 − 4,000 audio
        4_000 * 80_000_000, // $0.595
      { list: 595_000_000_000n },
    ],
    [
      // A dated snapshot at its base model's published priority prices (gpt-4.1: $3.50 input,
      // $0.875 cached input, $14 output).
      'priority on a dated snapshot (gpt-4.1-2025-04-14)',
      {
        model: 'gpt-4.1-2025-04-14',
        service_tier: 'priority',
        input_tokens: 1_000_000,
        input_cached_tokens: 200_000,
        output_tokens: 100_000,
      },
      800_000 * 3_500_000 + 200_000 * 875_000 + 100_000 * 14_000_000, // $4.375
      { supplement: 4_375_000_000_000n },
    ],
  ])('%s', (_name, result, picos, totals) => {
    const { picos: priced, unpriced, pricer } = priceOne('completions', result);
    expect(priced).toBe(picos);
    expect(unpriced).toBe(0);
    expect(pricer.confidenceTotals()).toMatchObject(totals);
    expect(pricer.unpriced()).toEqual([]);
  });

  test('an image: dall-e-3 1024x1024 at $0.04, quality not reported so assumed standard', () => {
    const { picos, pricer } = priceOne('images', {
      model: 'dall-e-3',
      size: '1024x1024',
      images: 3,
      num_model_requests: 3,
    });
    expect(picos).toBe(3 * 40_000_000_000); // $0.12
    expect(pricer.confidenceTotals().assumed).toBe(120_000_000_000n);
  });

  test('storage on byte-time: 3 GiB held for one hour at $0.10 per GiB-day', () => {
    const { picos } = priceOne('vector_stores', { project_id: 'p1', usage_bytes: 3 * GIB }, HOUR);
    // 3 GiB × 3,600 s / 86,400 s × 10¹¹ pico-USD = 1.25 × 10¹⁰ pico-USD ($0.0125).
    expect(picos).toBe(12_500_000_000);
  });

  test('24 hourly storage buckets price like one daily bucket holding their average, to the pico per result', () => {
    const levels = Array.from({ length: 24 }, (_, hour) => 1_234_567_891 + hour * 7_919_333);
    const pricer = createResultPricer(book);
    const out = new Float64Array(2);
    let hourly = 0;
    levels.forEach((usage_bytes, hour) => {
      pricer.price(
        'vector_stores',
        DAY + hour * HOUR,
        DAY + (hour + 1) * HOUR,
        { usage_bytes },
        out,
      );
      hourly += out[0] as number;
    });
    const average = levels.reduce((sum, level) => sum + level, 0) / 24;
    pricer.price('vector_stores', DAY, DAY + 86_400, { usage_bytes: average }, out);
    expect(Math.abs(hourly - (out[0] as number))).toBeLessThanOrEqual(24);
    // Hand-computed: Σ levels × 3,600 s × 10¹¹ / (2³⁰ × 86,400) pico-USD.
    const byteSeconds = levels.reduce((sum, level) => sum + level, 0) * HOUR;
    expect(out[0]).toBe(Math.round((byteSeconds * 1e11) / (GIB * 86_400)));
  });

  test('hourly token buckets price exactly like the daily bucket of their sums', () => {
    const pricer = createResultPricer(book);
    const out = new Float64Array(2);
    let hourly = 0;
    for (let hour = 0; hour < 24; hour += 1) {
      pricer.price(
        'completions',
        DAY + hour * HOUR,
        DAY + (hour + 1) * HOUR,
        {
          model: 'gpt-4o-mini-2024-07-18',
          input_tokens: 1_000 + hour,
          input_cached_tokens: hour,
          output_tokens: 333 + hour,
        },
        out,
      );
      hourly += out[0] as number;
    }
    const input = 24 * 1_000 + 276;
    pricer.price(
      'completions',
      DAY,
      DAY + 86_400,
      {
        model: 'gpt-4o-mini-2024-07-18',
        input_tokens: input,
        input_cached_tokens: 276,
        output_tokens: 24 * 333 + 276,
      },
      out,
    );
    expect(hourly).toBe(out[0]);
    // gpt-4o-mini: $0.15 input, $0.075 cached, $0.60 output per 1M.
    expect(out[0]).toBe(24_000 * 150_000 + 276 * 75_000 + (24 * 333 + 276) * 600_000);
  });

  test('usage without a model is unpriced, says why, and counts nothing as $0', () => {
    const pricer = createResultPricer(book);
    const out = new Float64Array(2);
    pricer.price('completions', DAY, DAY + 86_400, { input_tokens: 500, output_tokens: 20 }, out);
    pricer.price('completions', DAY + 86_400, DAY + 2 * 86_400, { input_tokens: 100 }, out);
    expect([...out]).toEqual([0, 1]);
    expect(pricer.unpriced()).toEqual([
      {
        endpoint: 'completions',
        model: null,
        unit: 'input_tokens',
        quantity: 600,
        reason: MODEL_UNKNOWN,
        lines: 2,
      },
      {
        endpoint: 'completions',
        model: null,
        unit: 'output_tokens',
        quantity: 20,
        reason: MODEL_UNKNOWN,
        lines: 1,
      },
    ]);
    expect(MODEL_UNKNOWN).toBe('model unknown: fetched without group_by=model');
  });

  test('prices a result as estimateCost prices its bucket, and totals add up to every amount', () => {
    const buckets = [DAY, DAY + 86_400].map((start, day) => ({
      start_time: start,
      end_time: start + 86_400,
      results: [
        { model: 'gpt-4o-2024-08-06', input_tokens: 12_345 + day, output_tokens: 678 },
        { model: 'gpt-4o-mini-2024-07-18', service_tier: 'flex', input_tokens: 9_999 },
        { model: 'no-such-model', input_tokens: 1 },
      ],
    }));
    const pricer = createResultPricer(book);
    const out = new Float64Array(2);
    let picos = 0;
    for (const bucket of buckets) {
      for (const result of bucket.results) {
        pricer.price('completions', bucket.start_time, bucket.end_time, result, out);
        picos += out[0] as number;
      }
    }
    const estimate = estimateCost({ endpoint: 'completions', buckets }, { priceBook: book });
    expect(Math.round(picos / 1e6)).toBe(estimate.total);
    const totals = Object.values(pricer.confidenceTotals()).reduce((sum, part) => sum + part, 0n);
    expect(totals).toBe(BigInt(picos));
    expect(pricer.unpriced().map(({ model, quantity }) => [model, quantity])).toEqual(
      estimate.unpriced.map(({ model, quantity }) => [model, quantity]),
    );
  });

  test('refuses costs: they are the bill, not usage', () => {
    expect(() => priceOne('costs', {})).toThrow(/"costs" is not a usage endpoint/);
  });
});
