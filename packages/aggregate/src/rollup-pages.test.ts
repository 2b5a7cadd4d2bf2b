import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { DerivedMetric } from './derived-metrics';
import { type Dimension, type GroupDimension, type MetricName, metricFieldsOf } from './fields';
import type { Grain } from './period-calendar';
import { rollup } from './rollup';
import { rollupPages } from './rollup-pages';
import type { RollupQuery } from './rollup-query';
import type { RollupResult } from './rollup-result';
import { createUsageTable } from './usage-table';
import type { PageInput } from './usage-table-api';

/** 2025-03-29T00:00Z: the pages span Europe's daylight-saving change. */
const FIRST_HOUR = 1_743_206_400 / 3600;
const METRICS: MetricName[] = [
  'input_tokens',
  'output_tokens',
  'input_cached_tokens',
  'num_model_requests',
  'input_audio_tokens',
  'output_audio_tokens',
];

const resultArbitrary = fc.record(
  {
    project_id: fc.constantFrom<string | null>('proj_a', 'proj_b', 'true', '__proto__', null),
    model: fc.constantFrom<string | null>('gpt-4o', 'o3', 'gpt-4.1-mini', null),
    batch: fc.constantFrom<boolean | null>(true, false, null),
    user_id: fc.constantFrom<string | null>('user-1', 'user-2', null),
    input_tokens: fc.integer({ min: 0, max: 2 ** 31 }),
    output_tokens: fc.integer({ min: 0, max: 5_000_000_000 }),
    input_cached_tokens: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
    num_model_requests: fc.integer({ min: 0, max: 1000 }),
    input_audio_tokens: fc.integer({ min: 0, max: 1000 }),
  },
  // Some results lack fields: absent counters, and a field first seen in a later result.
  { requiredKeys: ['input_tokens', 'num_model_requests'] },
);

const bucketArbitrary = fc.record({
  hour: fc.integer({ min: 0, max: 24 * 40 }),
  width: fc.constantFrom(3600, 3600, 86_400),
  results: fc.array(resultArbitrary, { maxLength: 5 }),
});

/** Pages of buckets; the same bucket may come again (in one page or a later one). */
const pagesArbitrary = fc.array(fc.array(bucketArbitrary, { maxLength: 6 }), { maxLength: 5 });

const queryArbitrary = fc.record(
  {
    by: fc.shuffledSubarray<GroupDimension>(
      ['project_id', 'model', 'batch', 'user_id', 'endpoint'],
      { maxLength: 5 },
    ),
    grain: fc.constantFrom<Grain>('hour', 'day', 'week', 'month', 'all'),
    timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'Asia/Kolkata'),
    metrics: fc.shuffledSubarray(METRICS, { minLength: 1 }),
    range: fc.option(
      fc
        .tuple(fc.integer({ min: 0, max: 240 }), fc.integer({ min: 1, max: 240 }))
        .map(([from, length]) => ({
          start: (FIRST_HOUR + from) * 3600,
          end: (FIRST_HOUR + from + length) * 3600,
        })),
      { nil: undefined },
    ),
    fill: fc.boolean(),
    subtotals: fc.boolean(),
    top: fc.option(
      fc.record({
        n: fc.integer({ min: 1, max: 3 }),
        metric: fc.constant('input_tokens' as const),
      }),
      {
        nil: undefined,
      },
    ),
    // Filters and batch_share need rows (no folding): in a fifth of the cases each.
    derived: fc.oneof(
      {
        arbitrary: fc.shuffledSubarray<DerivedMetric>(['cache_hit_ratio', 'tokens_per_request']),
        weight: 4,
      },
      { arbitrary: fc.constant<DerivedMetric[]>(['batch_share']), weight: 1 },
    ),
    filters: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 4 },
      { arbitrary: fc.constant({ model: { exclude: ['o3'] } }), weight: 1 },
    ),
  },
  { requiredKeys: ['by', 'grain'] },
);

type GeneratedPages = typeof pagesArbitrary extends fc.Arbitrary<infer Pages> ? Pages : never;

function toPages(pages: GeneratedPages): PageInput[] {
  return pages.map((buckets) => ({
    data: buckets.map(({ hour, width, results }) => {
      // Daily buckets are UTC days.
      const start =
        width === 86_400
          ? Math.floor((FIRST_HOUR + hour) / 24) * 86_400
          : (FIRST_HOUR + hour) * 3600;
      return { start_time: start, end_time: start + width, results };
    }),
  }));
}

/** What rollupPages reads: the query's dimensions and metrics only (a partial table). */
function partialTableFor(query: RollupQuery) {
  const derived = query.derived ?? [];
  const dimensions = query.by.filter((name) => name !== 'endpoint') as Dimension[];
  if (query.filters?.model !== undefined && !dimensions.includes('model')) dimensions.push('model');
  if (derived.includes('batch_share') && !dimensions.includes('batch')) dimensions.push('batch');
  const metrics = new Set(query.metrics);
  if (derived.includes('cache_hit_ratio')) {
    metrics.add('input_cached_tokens');
    metrics.add('input_tokens');
  }
  if (derived.includes('tokens_per_request')) {
    metrics.add('input_tokens');
    metrics.add('output_tokens');
    metrics.add('num_model_requests');
  }
  if (derived.includes('batch_share')) metrics.add('num_model_requests');
  if (query.top !== undefined) metrics.add(query.top.metric);
  return createUsageTable({ dimensions, metrics: [...metrics] });
}

/** Everything a caller can see of a result. */
function visible(result: RollupResult) {
  return {
    rows: result.rows,
    columns: result.columns,
    warnings: result.warnings,
    coverage: result.coverage,
    metrics: result.metrics,
  };
}

describe('rollupPages', () => {
  test('equals a roll-up of a table holding every page', () => {
    fc.assert(
      fc.property(pagesArbitrary, queryArbitrary, (generated, query) => {
        const pages = toPages(generated);
        // Without metrics, rollupPages sums every metric of the endpoint.
        const full = {
          ...query,
          endpoints: ['completions'],
          metrics: query.metrics ?? metricFieldsOf('completions').map((field) => field.name),
        } as RollupQuery;
        const table = partialTableFor(full);
        for (const page of pages) table.ingestPage('completions', page);
        const expected = rollup(table, full);
        const actual = rollupPages('completions', pages, query as RollupQuery);
        expect(visible(actual)).toEqual(visible(expected));
      }),
      { seed: 20_261_126, numRuns: 150 },
    );
  });

  test('groups with the reference pass when zero-filled periods outgrow the dense space', () => {
    const start = FIRST_HOUR * 3600;
    const pages = [
      {
        data: [
          {
            start_time: start,
            end_time: start + 60,
            results: [
              { model: 'o3', input_tokens: 5, num_model_requests: 1 },
              { model: 'gpt-4o', input_tokens: 7, num_model_requests: 2 },
            ],
          },
          {
            start_time: start + 86_400 * 50,
            end_time: start + 86_400 * 50 + 60,
            results: [{ model: 'o3', input_tokens: 3, num_model_requests: 1 }],
          },
        ],
      },
    ];
    // 50 days of minutes: 72,000 periods, past the 65,536-group dense space.
    const query: RollupQuery = {
      by: ['model'],
      grain: 'minute',
      fill: true,
      metrics: ['input_tokens'],
      range: { start, end: start + 86_400 * 50 },
    };
    const table = createUsageTable({ dimensions: ['model'], metrics: ['input_tokens'] });
    for (const page of pages) table.ingestPage('completions', page);
    const result = rollupPages('completions', pages, query);
    const expected = rollup(table, { ...query, endpoints: ['completions'] });
    // Columns hold the same data as rows and compare much faster than 144,000 row objects.
    expect(result.columns).toEqual(expected.columns);
    expect(result.warnings).toEqual(expected.warnings);
    expect(result.coverage).toEqual(expected.coverage);
    expect(result.columns.period_start).toHaveLength(72_000 * 2);
    expect(result.rows.slice(0, 2)).toMatchObject([
      { model: 'gpt-4o', input_tokens: 7 },
      { model: 'o3', input_tokens: 5 },
    ]);
  });

  test('reads pages from any iterable, once', () => {
    const pages = [
      {
        data: [
          {
            start_time: FIRST_HOUR * 3600,
            end_time: FIRST_HOUR * 3600 + 3600,
            results: [{ model: 'o3', input_tokens: 5, num_model_requests: 1 }],
          },
        ],
      },
    ];
    function* generate() {
      yield* pages;
    }
    const result = rollupPages('completions', generate(), {
      by: ['model'],
      grain: 'day',
      metrics: ['input_tokens'],
    });
    expect(result.rows).toMatchObject([{ model: 'o3', input_tokens: 5 }]);
  });
});
