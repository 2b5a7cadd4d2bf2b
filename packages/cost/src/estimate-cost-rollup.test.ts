import { createUsageTable, rollup } from '@usagekit/aggregate';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InvalidCostInputError } from './errors';
import { type CostEstimate, estimateCost } from './estimate-cost';
import { createPriceBook } from './price-book';
import { loadPriceOverrides } from './price-overrides';

const book = createPriceBook();
/** 2025-08-01T00:00:00Z. */
const START = 1_754_006_400;
const HOURS = 72;
const projects = ['proj_a', 'proj_b', 'proj_c'];
const users = ['user_1', 'user_2', null];
const models = ['gpt-4o-2024-08-06', 'gpt-4o-mini-2024-07-18', 'gpt-realtime', 'brand-new-model'];
const tiers = ['default', 'priority', 'flex'];

/**
 * Hourly completions buckets grouped by project, user, model, batch and tier, as the Usage API
 * returns them: older rows lack the newer counters, newer ones carry the full breakdown.
 */
function hourlyBuckets() {
  return Array.from({ length: HOURS }, (_, hour) => ({
    start_time: START + hour * 3600,
    end_time: START + (hour + 1) * 3600,
    results: Array.from({ length: 18 }, (_, index) => {
      const input = 1_000 + ((hour * 37 + index * 101) % 5_000);
      const cached = Math.floor(input / 5);
      const result: Record<string, unknown> = {
        object: 'organization.usage.completions.result',
        project_id: projects[index % projects.length],
        user_id: users[(index + hour) % users.length],
        model: models[index % models.length],
        batch: index % 5 === 0,
        service_tier: tiers[(index + hour) % tiers.length],
        input_tokens: input,
        input_cached_tokens: cached,
        output_tokens: 300 + index * 7 + hour,
        num_model_requests: 1 + (index % 4),
      };
      if (hour >= 24) {
        // The newer breakdown: 10 cache-write tokens, 20 uncached audio tokens, 5 audio out.
        Object.assign(result, {
          input_cache_write_tokens: 10,
          input_cache_write_12h_tokens: 4,
          input_uncached_tokens: input - cached - 10,
          input_text_tokens: input - cached - 30,
          input_audio_tokens: 20,
          input_cached_text_tokens: cached,
          output_audio_tokens: 5,
        });
      }
      return result;
    }),
  }));
}

/** Quantities and exact totals by (date, project, model, batch, tier, unit). */
function quantitiesBy(estimate: CostEstimate): Map<string, number> {
  const sums = new Map<string, number>();
  for (const line of estimate.lines) {
    const { project_id, model, batch, service_tier } = line.dimensions;
    const key = JSON.stringify([line.date, project_id, model, batch, service_tier, line.unit]);
    sums.set(key, (sums.get(key) ?? 0) + line.quantity);
  }
  return sums;
}

/** Unpriced quantities by (endpoint, model, unit, reason), in a stable order. */
function unpricedOf(estimate: CostEstimate): string[] {
  return estimate.unpriced
    .map((item) =>
      JSON.stringify([item.endpoint, item.model, item.unit, item.reason, item.quantity]),
    )
    .sort();
}

describe('estimateCost on @usagekit/aggregate roll-ups', () => {
  const buckets = hourlyBuckets();
  const raw = estimateCost({ endpoint: 'completions', buckets }, { priceBook: book });
  const table = createUsageTable();
  table.ingestBuckets('completions', buckets);

  test('a daily roll-up by project, model, batch and tier prices exactly like the raw buckets', () => {
    const result = rollup(table, {
      by: ['project_id', 'model', 'batch', 'service_tier'],
      grain: 'day',
      subtotals: true,
    });
    expect(result.rows.some((row) => row.row_kind !== 'detail')).toBe(true);
    const fromRows = estimateCost(
      { endpoint: 'completions', rows: result.rows },
      { priceBook: book },
    );
    expect(fromRows.total).toBe(raw.total);
    expect(fromRows.total).toBeGreaterThan(0);
    expect(fromRows.skippedRows).toBe(
      result.rows.filter((row) => row.row_kind !== 'detail').length,
    );
    expect(quantitiesBy(fromRows)).toEqual(quantitiesBy(raw));
    expect(unpricedOf(fromRows)).toEqual(unpricedOf(raw));
    expect(fromRows.byConfidence.unpriced.lines).toBeGreaterThan(0);
    // The whole result object fits too, with the endpoint given in the options.
    expect(estimateCost(result, { priceBook: book, endpoint: 'completions' }).total).toBe(
      raw.total,
    );
  });

  test('rows grouped by endpoint carry their endpoint', () => {
    const mixed = createUsageTable();
    mixed.ingestBuckets('completions', buckets);
    const embeddings = [
      {
        start_time: START,
        end_time: START + 86_400,
        results: [
          {
            object: 'organization.usage.embeddings.result',
            project_id: 'proj_a',
            model: 'text-embedding-3-small',
            input_tokens: 2_000_000,
            num_model_requests: 9,
          },
        ],
      },
    ];
    mixed.ingestBuckets('embeddings', embeddings);
    const result = rollup(mixed, {
      by: ['endpoint', 'project_id', 'model', 'batch', 'service_tier'],
      grain: 'day',
    });
    const fromRows = estimateCost(result, { priceBook: book });
    const fromRaw = estimateCost(
      [
        { endpoint: 'completions', buckets },
        { endpoint: 'embeddings', buckets: embeddings },
      ],
      { priceBook: book },
    );
    expect(fromRows.total).toBe(fromRaw.total);
    expect(fromRows.lines.find((line) => line.endpoint === 'embeddings')?.amount).toBe(40_000);
  });

  test('refuses rows it cannot price safely, naming the field', () => {
    const topOne = rollup(table, {
      by: ['model'],
      grain: 'day',
      top: { n: 1, metric: 'input_tokens' },
    });
    expect(() =>
      estimateCost({ endpoint: 'completions', rows: topOne.rows }, { priceBook: book }),
    ).toThrow(/rows\[\d+\]\.row_kind: a top-N "other" row/);
    const daily = rollup(table, { by: ['model'], grain: 'day' });
    expect(() => estimateCost(daily, { priceBook: book })).toThrow(/rows\[0\]\.endpoint: missing/);
    const requestsOnly = rollup(table, {
      by: ['model'],
      grain: 'day',
      metrics: ['num_model_requests'],
    });
    expect(() => estimateCost(requestsOnly, { priceBook: book, endpoint: 'completions' })).toThrow(
      InvalidCostInputError,
    );
    expect(() =>
      estimateCost(
        { rows: [{ period_start: Number.NaN, endpoint: 'embeddings', input_tokens: 1 }] },
        { priceBook: book },
      ),
    ).toThrow(/rows\[0\]\.period_start: must be Unix seconds/);
  });

  test('a monthly row spanning a price change is estimated and says why', () => {
    const changing = createPriceBook({
      overrides: loadPriceOverrides([
        { model: 'm', usdPerMillion: { input_tokens: 1 } },
        { model: 'm', effectiveFrom: '2025-08-15', usdPerMillion: { input_tokens: 2 } },
      ]),
    });
    const row = {
      endpoint: 'embeddings',
      period_start: START,
      period_end: START + 31 * 86_400,
      row_kind: 'detail',
      model: 'm',
      input_tokens: 1_000,
    } as const;
    const [line] = estimateCost([row], { priceBook: changing }).lines;
    expect(line).toMatchObject({ date: '2025-08-01', amount: 1_000, confidence: 'estimated' });
    expect(line?.assumption).toMatch(/price changed within the period 2025-08-01\.\.2025-08-31/);
    const [steady] = estimateCost([{ ...row, period_end: START + 10 * 86_400 }], {
      priceBook: changing,
    }).lines;
    expect(steady?.confidence).toBe('exact');
  });

  test('any daily roll-up grouped by model, batch and tier totals exactly what the raw buckets do', () => {
    // One bucket per hour, as the API returns them (the table treats a repeated bucket as a re-fetch).
    const counter = fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined });
    const result = fc.record({
      project_id: fc.constantFrom('p1', 'p2', null),
      user_id: fc.constantFrom('u1', 'u2', null),
      model: fc.constantFrom(...models),
      batch: fc.boolean(),
      service_tier: fc.constantFrom(...tiers),
      cached: fc.integer({ min: 0, max: 3_000 }),
      uncached: fc.integer({ min: 0, max: 30_000 }),
      write: counter,
      audio: counter,
      output: fc.integer({ min: 0, max: 20_000 }),
      outputAudio: counter,
    });
    const bucketsArbitrary = fc.uniqueArray(
      fc.record({
        hour: fc.integer({ min: 0, max: 71 }),
        results: fc.array(result, { maxLength: 6 }),
      }),
      { maxLength: 12, selector: (bucket) => bucket.hour },
    );
    fc.assert(
      fc.property(
        bucketsArbitrary,
        fc.subarray(['project_id', 'user_id'] as const),
        fc.boolean(),
        (drawn, extra, subtotals) => {
          const buckets = drawn.map(({ hour, results }) => ({
            start_time: START + hour * 3600,
            end_time: START + (hour + 1) * 3600,
            results: results.map((item) => ({
              object: 'organization.usage.completions.result',
              project_id: item.project_id,
              user_id: item.user_id,
              model: item.model,
              batch: item.batch,
              service_tier: item.service_tier,
              input_tokens: item.cached + (item.write ?? 0) + item.uncached + (item.audio ?? 0),
              input_cached_tokens: item.cached,
              ...(item.write === undefined ? {} : { input_cache_write_tokens: item.write }),
              ...(item.audio === undefined ? {} : { input_audio_tokens: item.audio }),
              output_tokens: item.output + (item.outputAudio ?? 0),
              ...(item.outputAudio === undefined ? {} : { output_audio_tokens: item.outputAudio }),
              num_model_requests: 1,
            })),
          }));
          const propertyTable = createUsageTable();
          propertyTable.ingestBuckets('completions', buckets);
          const rolled = rollup(propertyTable, {
            by: [...extra, 'model', 'batch', 'service_tier'],
            grain: 'day',
            subtotals,
          });
          const fromRows = estimateCost(
            { endpoint: 'completions', rows: rolled.rows },
            { priceBook: book },
          );
          const fromRaw = estimateCost({ endpoint: 'completions', buckets }, { priceBook: book });
          expect(fromRows.total).toBe(fromRaw.total);
          expect(unpricedOf(fromRows)).toEqual(unpricedOf(fromRaw));
        },
      ),
      { numRuns: 60 },
    );
  });

  test('vector storage: daily rows price like daily buckets; longer rows price on their byte-time', () => {
    const vectorBuckets = [0, 1, 2].map((day) => ({
      start_time: START + day * 86_400,
      end_time: START + (day + 1) * 86_400,
      results: [
        {
          object: 'organization.usage.vector_stores.result',
          project_id: 'p1',
          usage_bytes: 2 * 1024 ** 3,
        },
        {
          object: 'organization.usage.vector_stores.result',
          project_id: 'p2',
          usage_bytes: (day + 1) * 1024 ** 3,
        },
      ],
    }));
    const vectorTable = createUsageTable();
    vectorTable.ingestBuckets('vector_stores', vectorBuckets);
    const daily = rollup(vectorTable, { by: ['project_id'], grain: 'day' });
    const fromRows = estimateCost(
      { endpoint: 'vector_stores', rows: daily.rows },
      { priceBook: book },
    );
    const fromRaw = estimateCost(
      { endpoint: 'vector_stores', buckets: vectorBuckets },
      { priceBook: book },
    );
    expect(fromRows.lines).toEqual(fromRaw.lines);
    // (2 + 1) + (2 + 2) + (2 + 3) GiB held a day each: 12 GiB-days at $0.10.
    expect(fromRaw.total).toBe(1_200_000);
    const gib = 1024 ** 3;
    const week = { endpoint: 'vector_stores', period_start: START, period_end: START + 7 * 86_400 };
    const weekly = [
      {
        ...week,
        project_id: 'p1',
        usage_bytes: 2 * gib,
        usage_bytes_seconds: 3 * 86_400 * 2 * gib,
      },
      { ...week, project_id: 'p2', usage_bytes: 2 * gib, usage_bytes_seconds: 86_400 * 6 * gib },
    ];
    expect(estimateCost(weekly, { priceBook: book }).total).toBe(1_200_000);
    const withoutByteTime = weekly.map(({ usage_bytes_seconds, ...row }) => row);
    expect(() => estimateCost(withoutByteTime, { priceBook: book })).toThrow(
      /usage_bytes_seconds: missing; a vector_stores row longer than a day is priced on its byte-time/,
    );
  });
});
