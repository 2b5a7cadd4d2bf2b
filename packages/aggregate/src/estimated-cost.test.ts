import type { EndpointName } from '@usagekit/schemas';
import { describe, expect, test } from 'vitest';
import { comparePeriods } from './compare-periods';
import { pivot } from './pivot';
import type { ResultPricer } from './result-pricer';
import { rollup } from './rollup';
import { rollupPages } from './rollup-pages';
import { createUsageTable } from './usage-table';

const DAY = 1_733_011_200; // 2024-12-01T00:00Z

/**
 * A linear test pricer: 400,001 pico-USD per input token (0.400001 micro-USD, so a result's
 * amount almost never lands on a whole micro) and 1 per output token; a result without a model
 * has no price (unpriced, 0 pico).
 */
const pricer: ResultPricer = {
  price(_endpoint, _start, _end, result, out) {
    if (result.model === null || result.model === undefined) {
      out[0] = 0;
      out[1] = 1;
      return;
    }
    out[0] = (result.input_tokens as number) * 400_001 + (result.output_tokens as number);
    out[1] = 0;
  },
};

function completion(project: string, model: string | null, input: number, output = 0) {
  return {
    object: 'organization.usage.completions.result',
    input_tokens: input,
    output_tokens: output,
    num_model_requests: 1,
    project_id: project,
    model,
  };
}

/** The same usage as 24 hourly buckets or as one daily bucket holding the day's sums. */
function ingestDay(width: '1h' | '1d', perHour: ReturnType<typeof completion>[]) {
  const table = createUsageTable({ pricer });
  const groupBy = ['project_id', 'model'] as const;
  if (width === '1h') {
    table.ingestBuckets(
      'completions',
      Array.from({ length: 24 }, (_, hour) => ({
        start_time: DAY + hour * 3600,
        end_time: DAY + (hour + 1) * 3600,
        results: perHour,
      })),
      { groupBy },
    );
  } else {
    const results = perHour.map((result) => ({
      ...result,
      input_tokens: result.input_tokens * 24,
      output_tokens: result.output_tokens * 24,
      num_model_requests: 24,
    }));
    table.ingestBuckets('completions', [{ start_time: DAY, end_time: DAY + 86_400, results }], {
      groupBy,
    });
  }
  return table;
}

describe('estimated_cost', () => {
  // Per hour: a = 1 token (400,001 pico: 0.4 micro, rounds to 0 alone), b = 2 tokens (0.800002
  // micro), c = 5 tokens and 499,995 output tokens (2,500,000 pico: exactly 2.5 micro, the
  // half-up boundary), d = unpriced.
  const perHour = [
    completion('proj_a', 'gpt-4o', 1),
    completion('proj_b', 'gpt-4o', 2),
    completion('proj_c', 'o3', 5, 499_995),
    completion('proj_d', null, 7),
  ];

  test('is the same to the micro-USD from 24 hourly buckets and from one daily bucket', () => {
    const hourly = rollup(ingestDay('1h', perHour), {
      by: ['project_id'],
      grain: 'day',
      subtotals: true,
    });
    const daily = rollup(ingestDay('1d', perHour), {
      by: ['project_id'],
      grain: 'day',
      subtotals: true,
    });
    const costs = (result: typeof hourly) =>
      result.rows.map((row) => [row.row_kind, row.project_id, row.estimated_cost]);
    // a: 24 * 400,001 = 9,600,024 pico -> 10 micro; b: 19,200,048 -> 19; c: 60,000,000 -> 60;
    // total 88,800,072 pico -> 89 micro (the rounded rows would add to 89 by chance: see below).
    expect(costs(hourly)).toEqual([
      ['detail', 'proj_a', 10],
      ['detail', 'proj_b', 19],
      ['detail', 'proj_c', 60],
      ['detail', 'proj_d', 0],
      ['total', null, 89],
    ]);
    expect(costs(daily)).toEqual(costs(hourly));
    expect(hourly.rows.map((row) => row.unpriced_results)).toEqual([0, 0, 0, 24, 24]);
    expect(daily.rows.map((row) => row.unpriced_results)).toEqual([0, 0, 0, 1, 1]);
  });

  test('rounds each row once from its own exact sum, never adding rounded rows', () => {
    const table = createUsageTable({ pricer });
    // Two groups of 0.400001 micro in one hour: each row shows 0, their total 0.800002 -> 1.
    table.ingestBuckets('completions', [
      {
        start_time: DAY,
        end_time: DAY + 3600,
        results: [completion('proj_a', 'gpt-4o', 1), completion('proj_b', 'gpt-4o', 1)],
      },
    ]);
    const result = rollup(table, { by: ['project_id'], grain: 'hour', subtotals: true });
    expect(result.rows.map((row) => row.estimated_cost)).toEqual([0, 0, 1]);
    // One result of exactly 2.5 micro rounds half up; 2.499999 rounds down.
    const boundary = createUsageTable({ pricer });
    boundary.ingestBuckets('completions', [
      {
        start_time: DAY,
        end_time: DAY + 3600,
        results: [
          completion('proj_a', 'gpt-4o', 5, 499_995),
          completion('proj_b', 'o3', 5, 499_994),
        ],
      },
    ]);
    const rows = rollup(boundary, { by: ['project_id'], grain: 'all' }).rows;
    expect(rows.map((row) => row.estimated_cost)).toEqual([3, 2]);
  });

  test('ranks top-N on the exact sum and prices the folded row from its own sum', () => {
    const table = createUsageTable({ pricer });
    // proj_a 1 + 2 tokens over two hours (1.200003 micro), proj_b 3 tokens and 1 output token in
    // one (1.200004): both show 1, and the exact sums rank proj_b first.
    table.ingestBuckets('completions', [
      {
        start_time: DAY,
        end_time: DAY + 3600,
        results: [
          completion('proj_a', 'gpt-4o', 1),
          completion('proj_b', 'gpt-4o', 3, 1),
          completion('proj_c', 'gpt-4o', 1),
          completion('proj_d', 'gpt-4o', 1),
        ],
      },
      {
        start_time: DAY + 3600,
        end_time: DAY + 7200,
        results: [completion('proj_a', 'gpt-4o', 2)],
      },
    ]);
    const result = rollup(table, {
      by: ['project_id'],
      grain: 'all',
      top: { n: 1, metric: 'estimated_cost' },
    });
    expect(result.rows.map((row) => [row.project_id, row.estimated_cost])).toEqual([
      ['proj_b', 1],
      // a (1.200003) + c + d (0.400001 each): 2.000005 micro -> 2, not 1 + 0 + 0.
      ['other', 2],
    ]);
  });

  test('is null for endpoints it does not price, and absent without a pricer', () => {
    const table = createUsageTable({ pricer });
    table.ingestBuckets('completions', [
      { start_time: DAY, end_time: DAY + 86_400, results: [completion('proj_a', 'gpt-4o', 10)] },
    ]);
    table.ingestBuckets('costs', [
      {
        start_time: DAY,
        end_time: DAY + 86_400,
        results: [{ object: 'organization.costs.result', amount: { value: 1.5, currency: 'usd' } }],
      },
    ]);
    const rows = rollup(table, { by: ['endpoint'], grain: 'all' }).rows;
    expect(rows.map((row) => [row.endpoint, row.estimated_cost, row.amount_value])).toEqual([
      ['completions', 4, null],
      ['costs', null, 1.5],
    ]);
    const unpriced = createUsageTable();
    expect(() => rollup(unpriced, { by: [], grain: 'all', metrics: ['estimated_cost'] })).toThrow(
      /create it with a pricer/,
    );
    expect(() => createUsageTable({ metrics: ['estimated_cost'] })).toThrow(/needs a pricer/);
  });

  test('pivot folds cells from exact parts; comparePeriods compares rounded sides', () => {
    const table = ingestDay('1h', perHour);
    const byHour = rollup(table, { by: ['project_id', 'model'], grain: 'day' });
    const wide = pivot(byHour, {
      rowsBy: ['period_start'],
      columnsBy: ['model'],
      metric: 'estimated_cost',
    });
    // gpt-4o: a + b = 28,800,072 pico -> 29 micro (the rows show 10 + 19 = 29 by chance);
    // rows of one cell fold from parts: compare with a cell whose rows round apart.
    expect(wide.columnKeys).toEqual([['gpt-4o'], ['o3'], [null]]);
    expect(wide.rows[0]?.cells).toEqual([29, 60, 0]);
    const twoRows = createUsageTable({ pricer });
    twoRows.ingestBuckets('completions', [
      {
        start_time: DAY,
        end_time: DAY + 3600,
        results: [completion('proj_a', 'gpt-4o', 1), completion('proj_b', 'gpt-4o', 1)],
      },
    ]);
    const folded = pivot(rollup(twoRows, { by: ['project_id', 'model'], grain: 'day' }), {
      rowsBy: ['period_start'],
      columnsBy: ['model'],
      metric: 'estimated_cost',
    });
    expect(folded.rows[0]?.cells).toEqual([1]);
    const change = comparePeriods(twoRows, {
      current: { start: DAY, end: DAY + 3600 },
      metrics: ['estimated_cost'],
    });
    expect(change.rows).toEqual([
      { values: [], metric: 'estimated_cost', current: 1, previous: 0, delta: 1, percent: null },
    ]);
  });

  test('a pricer that fails or gives no number leaves the table as it was', () => {
    let calls = 0;
    const failing: ResultPricer = {
      price(_endpoint, _start, _end, _result, out) {
        calls += 1;
        if (calls === 3) throw new Error('no price book');
        out[0] = calls === 4 ? Number.NaN : 1_000_000;
      },
    };
    const table = createUsageTable({ pricer: failing });
    const bucket = (hour: number) => ({
      start_time: DAY + hour * 3600,
      end_time: DAY + (hour + 1) * 3600,
      results: [completion('proj_a', 'gpt-4o', 1), completion('proj_b', 'gpt-4o', 1)],
    });
    table.ingestBuckets('completions', [bucket(0)]);
    expect(() => table.ingestBuckets('completions', [bucket(1)])).toThrow('no price book');
    expect(() => table.ingestBuckets('completions', [bucket(2)])).toThrow(
      /pricer gave NaN pico-USD for buckets\[0\]\.results\[0\]/,
    );
    expect(table.rowCount).toBe(2);
    expect(table.dimensionValues('project_id')).toEqual(['proj_a', 'proj_b']);
    const rows = rollup(table, { by: [], grain: 'all', metrics: ['estimated_cost'] }).rows;
    expect(rows.map((row) => row.estimated_cost)).toEqual([2]);
  });

  test('rollupPages prices with the pricer it is given', () => {
    const page = {
      data: [{ start_time: DAY, end_time: DAY + 3600, results: perHour }],
    };
    const result = rollupPages(
      'completions' as EndpointName,
      [page],
      { by: [], grain: 'all' },
      {
        pricer,
      },
    );
    // 400,001 + 800,002 + 2,500,000 pico = 3.700003 micro -> 4.
    expect(result.rows[0]?.estimated_cost).toBe(4);
    expect(result.rows[0]?.unpriced_results).toBe(1);
  });
});

describe('rollup', () => {
  test('changes neither the table nor the query', () => {
    const table = ingestDay('1h', [completion('proj_a', 'gpt-4o', 3)]);
    const query = Object.freeze({
      by: Object.freeze(['project_id'] as const),
      grain: 'day' as const,
      metrics: Object.freeze(['input_tokens', 'estimated_cost'] as const),
      top: Object.freeze({ n: 1, metric: 'estimated_cost' as const }),
      subtotals: true,
      fill: true,
      filters: Object.freeze({ model: Object.freeze({ exclude: Object.freeze(['o3']) }) }),
    });
    const before = {
      rows: table.rowCount,
      bytes: table.memoryBytes(),
      query: structuredClone(query),
    };
    const first = rollup(table, query);
    const second = rollup(table, query);
    expect(second.rows).toEqual(first.rows);
    expect({ rows: table.rowCount, bytes: table.memoryBytes(), query }).toEqual(before);
    expect(Object.isFrozen(first.rows)).toBe(true);
  });
});
