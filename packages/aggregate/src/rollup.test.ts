import { describe, expect, test } from 'vitest';
import { comparePeriods } from './compare-periods';
import { RollupQueryError } from './errors';
import { pivot } from './pivot';
import { rollup } from './rollup';
import { rollupPages } from './rollup-pages';
import type { RollupQuery } from './rollup-query';
import type { RollupRow } from './rollup-result';
import { columnarTable, createUsageTable } from './usage-table';
import type { UsageTable } from './usage-table-api';

/** 2025-03-08T00:00Z, a Saturday; New York springs forward on Sunday 2025-03-09. */
const START = 1_741_392_000;

function completion(
  model: string,
  batch: boolean,
  input: number,
  cached: number | undefined,
  requests: number,
) {
  return {
    object: 'organization.usage.completions.result',
    input_tokens: input,
    output_tokens: input / 2,
    ...(cached === undefined ? {} : { input_cached_tokens: cached }),
    num_model_requests: requests,
    model,
    batch,
    project_id: 'proj_1',
  };
}

function hourlyTable(hours: number): UsageTable {
  const table = createUsageTable();
  const buckets = Array.from({ length: hours }, (_, hour) => ({
    start_time: START + hour * 3600,
    end_time: START + (hour + 1) * 3600,
    results: [completion('gpt-4o', false, 100, 40, 2), completion('o3', true, 10, undefined, 1)],
  }));
  table.ingestBuckets('completions', buckets, { groupBy: ['model', 'batch', 'project_id'] });
  return table;
}

describe('rollup', () => {
  test('re-cuts hourly data into New York days exactly, including the 23-hour day', () => {
    const result = rollup(hourlyTable(72), {
      by: [],
      grain: 'day',
      timeZone: 'America/New_York',
      metrics: ['num_model_requests'],
    });
    expect(result.warnings).toEqual([]);
    expect(
      result.rows.map((row) => [row.period_end - row.period_start, row.num_model_requests]),
    ).toEqual([
      [86_400, 5 * 3],
      [86_400, 24 * 3],
      [23 * 3600, 23 * 3],
      [86_400, 20 * 3],
    ]);
  });

  test('says so when 1h buckets cannot be re-cut into Kolkata days', () => {
    const result = rollup(hourlyTable(48), { by: [], grain: 'day', timeZone: 'Asia/Kolkata' });
    expect(result.warnings.join()).toMatch(
      /1h wide straddle day boundaries in Asia\/Kolkata.*1m buckets/,
    );
  });

  test('says so when UTC daily buckets meet Berlin days', () => {
    const table = createUsageTable();
    table.ingestBuckets('costs', [
      {
        start_time: START,
        end_time: START + 86_400,
        results: [{ object: 'organization.costs.result', amount: { value: 2.5 } }],
      },
    ]);
    const result = rollup(table, { by: [], grain: 'day', timeZone: 'Europe/Berlin' });
    expect(result.warnings.join()).toMatch(/1d wide straddle/);
    expect(result.rows[0]?.amount_value).toBe(2.5);
    // A range cutting the bucket is written in the query's zone, never as Unix seconds.
    const cut = rollup(table, {
      by: [],
      grain: 'all',
      timeZone: 'Asia/Tokyo',
      range: { start: START + 3600, end: START + 7200 },
    });
    expect(cut.warnings.join()).not.toMatch(/\d{9}/);
    expect(cut.warnings.join()).toContain(
      `[${new Date((START + 3600 + 9 * 3600) * 1000).toISOString().slice(0, 19)}+09:00,`,
    );
  });

  test('filters, derived metrics and coverage', () => {
    const result = rollup(hourlyTable(24), {
      by: ['model'],
      grain: 'all',
      metrics: ['input_tokens', 'input_cached_tokens'],
      filters: { batch: { include: [true, false] }, model: { exclude: [null] } },
      derived: [
        'cache_hit_ratio',
        'tokens_per_request',
        'batch_share',
        {
          name: 'cached_per_request',
          numerator: 'input_cached_tokens',
          denominator: ['num_model_requests'],
        },
      ],
    });
    expect(result.rows).toHaveLength(2);
    const [gpt, o3] = result.rows;
    expect(gpt).toMatchObject({
      model: 'gpt-4o',
      cache_hit_ratio: 0.4,
      tokens_per_request: 75,
      batch_share: 0,
      cached_per_request: 20,
    });
    expect(o3).toMatchObject({ model: 'o3', cache_hit_ratio: 0, batch_share: 1 });
    expect(result.coverage.input_cached_tokens).toEqual({ rows: 48, reported: 24, absent: 24 });
    expect(result.columns.cache_hit_ratio).toEqual(new Float64Array([0.4, 0]));
  });

  test('coverage and sums count only buckets inside the range', () => {
    const result = rollup(hourlyTable(24), {
      by: ['model'],
      grain: 'all',
      metrics: ['input_cached_tokens'],
      range: { start: START + 3600, end: START + 4 * 3600 },
    });
    expect(result.coverage.input_cached_tokens).toEqual({ rows: 6, reported: 3, absent: 3 });
    expect(result.rows.map((row) => [row.model, row.input_cached_tokens])).toEqual([
      ['gpt-4o', 120],
      ['o3', 0],
    ]);
  });

  test('a filter on a dimension no row has keeps coverage to the selected rows', () => {
    const table = hourlyTable(2);
    const unfiltered = rollup(table, { by: [], grain: 'all', metrics: ['input_cached_tokens'] });
    const filtered = rollup(table, {
      by: [],
      grain: 'all',
      metrics: ['input_cached_tokens'],
      filters: { user_id: { include: [null] } },
    });
    expect(filtered.coverage).toEqual(unfiltered.coverage);
    expect(filtered.rows[0]?.input_cached_tokens).toBe(80);
  });

  test('rows match columns when more metrics are summed than one pass carries', () => {
    const result = rollup(hourlyTable(3), {
      by: ['batch', 'model'],
      grain: 'hour',
      metrics: [
        'input_tokens',
        'output_tokens',
        'input_cached_tokens',
        'num_model_requests',
        'input_audio_tokens',
      ],
    });
    expect(result.rows).toHaveLength(6);
    expect(result.rows).toBe(result.rows);
    result.rows.forEach((row, index) => {
      expect(row.period_start).toBe(result.columns.period_start[index]);
      expect(row.model).toBe(result.columns.model?.[index]);
      expect(row.num_model_requests).toBe(result.columns.num_model_requests?.[index]);
      expect(row.input_audio_tokens).toBe(0);
    });
    expect(result.rows[0]).toMatchObject({ batch: false, model: 'gpt-4o', input_tokens: 100 });
    expect(result.rows[1]).toMatchObject({ batch: true, model: 'o3', num_model_requests: 1 });
  });

  test('top-N folds the rest into one other row per period; subtotals add levels and totals', () => {
    const result = rollup(hourlyTable(48), {
      by: ['model', 'batch'],
      grain: 'day',
      metrics: ['input_tokens'],
      top: { n: 1, metric: 'input_tokens', otherLabel: 'rest' },
      subtotals: true,
    });
    const firstDay = result.rows.filter(
      (row) => row.period_start === START && row.row_kind !== 'grand_total',
    );
    expect(firstDay.map((row) => [row.row_kind, row.model, row.batch, row.input_tokens])).toEqual([
      ['detail', 'gpt-4o', false, 2400],
      ['other', 'rest', 'rest', 240],
      ['subtotal', 'gpt-4o', null, 2400],
      ['subtotal', 'rest', null, 240],
      ['total', null, null, 2640],
    ]);
    expect(result.rows.at(-1)).toMatchObject({
      row_kind: 'grand_total',
      input_tokens: 5280,
      period_start: START,
      period_end: START + 2 * 86_400,
    });
  });

  test('fill emits zero rows for empty periods of the range', () => {
    const result = rollup(hourlyTable(2), {
      by: ['model'],
      grain: 'hour',
      metrics: ['num_model_requests'],
      range: { start: START, end: START + 4 * 3600 },
      fill: true,
    });
    expect(result.columns.num_model_requests).toEqual(new Float64Array([2, 1, 2, 1, 0, 0, 0, 0]));
    expect(result.columns.model).toEqual([
      'gpt-4o',
      'o3',
      'gpt-4o',
      'o3',
      'gpt-4o',
      'o3',
      'gpt-4o',
      'o3',
    ]);
  });

  test('groups by endpoint and pivots to a wide table', () => {
    const table = hourlyTable(24);
    table.ingestBuckets('embeddings', [
      {
        start_time: START,
        end_time: START + 3600,
        results: [
          {
            object: 'organization.usage.embeddings.result',
            input_tokens: 7,
            num_model_requests: 1,
            model: 'gpt-4o',
          },
        ],
      },
    ]);
    const result = rollup(table, {
      by: ['endpoint', 'model'],
      grain: 'day',
      metrics: ['input_tokens'],
    });
    const wide = pivot(result, {
      rowsBy: ['period_start'],
      columnsBy: ['endpoint', 'model'],
      metric: 'input_tokens',
    });
    expect(wide.columnLabels).toEqual([
      'completions / gpt-4o',
      'completions / o3',
      'embeddings / gpt-4o',
    ]);
    expect(wide.rows).toEqual([{ keys: [START], cells: [2400, 240, 7] }]);
  });

  test('comparePeriods defaults to the same length just before', () => {
    const comparison = comparePeriods(hourlyTable(48), {
      current: { start: START + 86_400, end: START + 2 * 86_400 },
      by: ['model'],
      metrics: ['num_model_requests'],
    });
    expect(comparison.previous).toEqual({ start: START, end: START + 86_400 });
    expect(comparison.rows).toEqual([
      {
        values: ['gpt-4o'],
        metric: 'num_model_requests',
        current: 48,
        previous: 48,
        delta: 0,
        percent: 0,
      },
      {
        values: ['o3'],
        metric: 'num_model_requests',
        current: 24,
        previous: 24,
        delta: 0,
        percent: 0,
      },
    ]);
  });

  test('rollupPages answers from pages with a partial table', () => {
    const pages = [
      {
        data: [
          {
            start_time: START,
            end_time: START + 3600,
            results: [completion('a', false, 5, 1, 1), completion('a', true, 6, 2, 1)],
          },
        ],
      },
    ];
    const result = rollupPages('completions', pages, {
      by: ['model'],
      grain: 'day',
      metrics: ['input_tokens', 'input_cached_tokens'],
    });
    expect(result.rows).toMatchObject([{ model: 'a', input_tokens: 11, input_cached_tokens: 3 }]);
  });

  test.each([
    [{ by: ['colour'], grain: 'day' }, 'by[0]'],
    [{ by: [], grain: 'fortnight' }, 'grain'],
    [{ by: [], grain: 'day', timeZone: 'Nowhere/Land' }, 'timeZone'],
    [{ by: [], grain: 'day', metrics: ['tokens'] }, 'metrics[0]'],
    [{ by: [], grain: 'day', weekStartsOn: 7 }, 'weekStartsOn'],
    [{ by: [], grain: 'day', filters: { colour: { include: ['x'] } } }, 'filters.colour'],
    [
      {
        by: [],
        grain: 'day',
        derived: [{ name: 'model', numerator: 'input_tokens', denominator: 'output_tokens' }],
      },
      'derived[0].name',
    ],
  ])('rejects a bad query naming %o', (query, field) => {
    expect(() => rollup(hourlyTable(1), query as never)).toThrow(RollupQueryError);
    expect(() => rollup(hourlyTable(1), query as never)).toThrow(field);
  });
});

describe('rollup reads only', () => {
  test('never changes its table or its query, and hands out frozen results and tables', () => {
    const table = hourlyTable(30);
    // A re-ingested hour replaces rows: the table settles them before ingestion returns.
    table.ingestBuckets(
      'completions',
      [{ start_time: START, end_time: START + 3600, results: [completion('o3', true, 8, 1, 1)] }],
      { groupBy: ['model', 'batch', 'project_id'] },
    );
    const query: RollupQuery = {
      by: ['model', 'endpoint'],
      grain: 'day',
      timeZone: 'America/New_York',
      filters: { batch: { include: [true, false] } },
      top: { n: 1, metric: 'input_tokens' },
      subtotals: true,
      derived: ['cache_hit_ratio', 'batch_share'],
    };
    const copy = structuredClone(query);
    const columns = columnarTable(table);
    const state = () => ({
      version: columns.version,
      rowCount: table.rowCount,
      models: table.dimensionValues('model'),
      coverage: table.coverage('completions', 'input_cached_tokens'),
      memory: table.memoryBytes(),
      rowBucket: [...columns.rowBucket.subarray(0, table.rowCount)],
    });
    const before = state();
    const first = rollup(table, query);
    expect(rollup(table, query)).toEqual(first);
    expect(query).toEqual(copy);
    expect(state()).toEqual(before);
    for (const frozen of [first, first.rows, first.columns, first.warnings, table]) {
      expect(Object.isFrozen(frozen)).toBe(true);
    }
    expect(() => {
      (table as { rowCount: number }).rowCount = 0;
    }).toThrow(TypeError);
    expect(() => {
      (first.rows as RollupRow[]).pop();
    }).toThrow(TypeError);
  });
});
