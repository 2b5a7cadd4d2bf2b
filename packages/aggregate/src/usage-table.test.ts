import { afterEach, describe, expect, test, vi } from 'vitest';
import completionsPage from './__fixtures__/completions.spec-example.json';
import costsPage from './__fixtures__/costs.spec-example.json';
import { recentSet } from './dimension-dictionary';
import { UsageDataError } from './errors';
import { rollup } from './rollup';
import { createUsageTable } from './usage-table';

const HOUR = 1_730_419_200;

// Some tests run where code generation is forbidden (a strict Content-Security-Policy).
const codeGeneration = vi.hoisted(() => ({ allowed: true }));
vi.mock('./code-generation', () => ({ codeGenerationAllowed: () => codeGeneration.allowed }));
afterEach(() => {
  codeGeneration.allowed = true;
});

function bucket(start: number, results: unknown[]) {
  return { start_time: start, end_time: start + 3600, results };
}

function completion(fields: Record<string, unknown>) {
  return {
    object: 'organization.usage.completions.result',
    input_tokens: 0,
    output_tokens: 0,
    num_model_requests: 0,
    ...fields,
  };
}

describe('createUsageTable', () => {
  test('ingests the spec examples and keeps money exact in micro-units', () => {
    const table = createUsageTable();
    table.ingestPage('completions', completionsPage);
    table.ingestPage('costs', costsPage);
    expect(table.rowCount).toBe(2);
    expect(table.endpoints()).toEqual(['completions', 'costs']);
    const costs = rollup(table, {
      endpoints: ['costs'],
      by: [],
      grain: 'all',
      metrics: ['amount_value'],
    });
    expect(costs.rows[0]?.amount_value).toBe(0.06);
    expect(table.coverage('costs', 'quantity')).toEqual({ rows: 1, reported: 0, absent: 1 });
    expect(table.coverage('completions', 'input_cache_write_30m_tokens')).toEqual({
      rows: 1,
      reported: 0,
      absent: 1,
    });
    expect(table.coverage('completions', 'input_cached_tokens')).toEqual({
      rows: 1,
      reported: 1,
      absent: 0,
    });
  });

  test('sums money exactly where floats would drift', () => {
    const table = createUsageTable();
    const results = Array.from({ length: 10 }, () => ({
      object: 'organization.costs.result',
      amount: { value: 0.1, currency: 'usd' },
    }));
    table.ingestBuckets('costs', [{ start_time: HOUR, end_time: HOUR + 86_400, results }]);
    expect(
      rollup(table, { by: [], grain: 'all', metrics: ['amount_value'] }).rows[0]?.amount_value,
    ).toBe(1);
  });

  test('tells apart ids that share a set of the recent-string cache', () => {
    // Same length and the same characters at every position the set hash reads.
    const ids = ['a', 'b', 'c', 'd', 'e'].map((first) => `${first}xxxxSxxxMMxxxxxxxLL`);
    const setOf = new Function('v', `return ${recentSet('v')};`) as (value: string) => number;
    expect(new Set(ids.map(setOf)).size).toBe(1);
    const order = [0, 1, 2, 0, 3, 4, 0, 1, 4, 4, 2, 3, 1, 0, 2];
    const expected = new Map<string, number>();
    const results = order.map((index, position) => {
      const id = ids[index] as string;
      expected.set(id, (expected.get(id) ?? 0) + 2 ** position);
      // A fresh string each time, as JSON.parse gives.
      return completion({
        project_id: JSON.parse(JSON.stringify(id)),
        num_model_requests: 2 ** position,
      });
    });
    const table = createUsageTable();
    table.ingestBuckets('completions', [bucket(HOUR, results)]);
    const rows = rollup(table, {
      by: ['project_id'],
      grain: 'all',
      metrics: ['num_model_requests'],
    }).rows;
    expect(new Map(rows.map((row) => [row.project_id, row.num_model_requests]))).toEqual(expected);
  });

  test('keeps null, flags and look-alike strings apart', () => {
    const table = createUsageTable();
    table.ingestBuckets('completions', [
      bucket(HOUR, [
        completion({ batch: true, project_id: 'true', num_model_requests: 1 }),
        completion({ batch: false, project_id: null, num_model_requests: 2 }),
        completion({ batch: null, project_id: '__proto__', num_model_requests: 4 }),
      ]),
    ]);
    expect(table.dimensionValues('batch')).toEqual([null, false, true]);
    expect(table.dimensionValues('project_id')).toEqual([null, 'true', '__proto__']);
    const byBatch = rollup(table, { by: ['batch'], grain: 'all', metrics: ['num_model_requests'] });
    expect(byBatch.rows.map((row) => [row.batch, row.num_model_requests])).toEqual([
      [null, 4],
      [false, 2],
      [true, 1],
    ]);
  });

  test('tells apart ids that share a slot of the recent-string cache', () => {
    // Same length, same middle and last characters: the cache slot is the same for all three.
    const ids = ['a-mid-xy', 'b-mid-xy', 'c-mid-xy'];
    const results = Array.from({ length: 30 }, (_, index) =>
      completion({ project_id: ids[index % 3], input_tokens: index + 1 }),
    );
    const table = createUsageTable();
    table.ingestBuckets('completions', [bucket(HOUR, results), bucket(HOUR + 3600, results)]);
    expect(table.dimensionValues('project_id')).toEqual(ids);
    const totals = rollup(table, { by: ['project_id'], grain: 'all', metrics: ['input_tokens'] });
    const expected = ids.map((_, position) =>
      results.reduce<number>(
        (sum, result, index) => (index % 3 === position ? sum + result.input_tokens : sum),
        0,
      ),
    );
    expect(totals.rows.map((row) => [row.project_id, row.input_tokens])).toEqual(
      ids.map((id, position) => [id, 2 * (expected[position] as number)]),
    );
  });

  test('re-ingesting a bucket replaces its groups instead of counting twice', () => {
    const table = createUsageTable();
    table.ingestBuckets('completions', [
      bucket(HOUR, [
        completion({ model: 'a', input_tokens: 5 }),
        completion({ model: 'b', input_tokens: 7 }),
      ]),
    ]);
    const summary = table.ingestBuckets('completions', [
      bucket(HOUR, [
        completion({ model: 'a', input_tokens: 6 }),
        completion({ model: 'c', input_tokens: 1 }),
      ]),
    ]);
    expect(summary).toMatchObject({ replaced: 1, appended: 1 });
    expect(table.rowCount).toBe(3);
    const rows = rollup(table, { by: ['model'], grain: 'all', metrics: ['input_tokens'] }).rows;
    expect(rows.map((row) => [row.model, row.input_tokens])).toEqual([
      ['a', 6],
      ['b', 7],
      ['c', 1],
    ]);
  });

  test("replace: 'buckets' drops groups that vanished from a re-fetch", () => {
    const table = createUsageTable({ replace: 'buckets' });
    table.ingestBuckets('completions', [
      bucket(HOUR, [
        completion({ model: 'a', input_tokens: 5 }),
        completion({ model: 'b', input_tokens: 7 }),
      ]),
    ]);
    table.ingestBuckets('completions', [
      bucket(HOUR, [completion({ model: 'a', input_tokens: 6 })]),
    ]);
    expect(table.rowCount).toBe(1);
    expect(
      rollup(table, { by: [], grain: 'all', metrics: ['input_tokens'] }).rows[0]?.input_tokens,
    ).toBe(6);
  });

  test('keeps two results with the same group key from one response', () => {
    const table = createUsageTable();
    table.ingestBuckets('costs', [
      {
        start_time: HOUR,
        end_time: HOUR + 86_400,
        results: [
          { object: 'organization.costs.result', line_item: 'x', amount: { value: 1 } },
          { object: 'organization.costs.result', line_item: 'x', amount: { value: 2 } },
        ],
      },
    ]);
    expect(
      rollup(table, { by: ['line_item'], grain: 'all', metrics: ['amount_value'] }).rows[0]
        ?.amount_value,
    ).toBe(3);
  });

  test('warns when the same bucket is ingested under two groupings', () => {
    const table = createUsageTable();
    table.ingestBuckets('completions', [bucket(HOUR, [completion({ input_tokens: 3 })])], {
      groupBy: [],
    });
    table.ingestBuckets(
      'completions',
      [bucket(HOUR, [completion({ model: 'a', input_tokens: 3 })])],
      { groupBy: ['model'] },
    );
    expect(rollup(table, { by: [], grain: 'all' }).warnings.join()).toMatch(/different groupings/);
  });

  test('reads a result whose fields differ from its bucket’s first result', () => {
    const table = createUsageTable();
    table.ingestBuckets('completions', [
      bucket(HOUR, [
        completion({ input_tokens: 1 }),
        completion({ input_tokens: 2, input_cached_tokens: 9, model: 'm' }),
      ]),
    ]);
    const rows = rollup(table, {
      by: ['model'],
      grain: 'all',
      metrics: ['input_cached_tokens'],
    }).rows;
    expect(rows.map((row) => [row.model, row.input_cached_tokens])).toEqual([
      [null, 0],
      ['m', 9],
    ]);
    expect(table.coverage('completions', 'input_cached_tokens')).toEqual({
      rows: 2,
      reported: 1,
      absent: 1,
    });
  });

  test.each([
    ['generated', false],
    ['keyed', true],
  ])('widens 1-byte codes to 2 and 4 bytes as a dictionary grows (%s reader)', (_, keyedReader) => {
    const users = 70_000;
    // The first result lacks user_id: results need not share their keys.
    const results = [
      completion({ model: 'm', input_tokens: 1 }),
      ...Array.from({ length: users }, (__, index) =>
        completion({ model: 'm', user_id: `user-${index}`, input_tokens: index }),
      ),
    ];
    codeGeneration.allowed = !keyedReader;
    const table = createUsageTable();
    table.ingestBuckets('completions', [bucket(HOUR, results.slice(0, 200))]);
    table.ingestBuckets('completions', [bucket(HOUR + 3600, results.slice(200))]);
    expect(table.dimensionValues('user_id')).toHaveLength(users + 1);
    const rows = rollup(table, { by: ['user_id'], grain: 'all', metrics: ['input_tokens'] }).rows;
    expect(rows).toHaveLength(users + 1);
    const byUser = new Map(rows.map((row) => [row.user_id, row.input_tokens]));
    expect(byUser.get(null)).toBe(1);
    for (const index of [0, 254, 255, 300, 65_532, 65_533, 69_999]) {
      expect(byUser.get(`user-${index}`)).toBe(index);
    }
  });

  test('the keyed reader and reference pass give what the generated ones give', () => {
    const buckets = [
      bucket(HOUR, [
        completion({ model: 'a', input_tokens: 2 ** 33, input_cached_tokens: null }),
        completion({ model: 'b', batch: true, input_tokens: 4 }),
      ]),
    ];
    const generated = createUsageTable();
    generated.ingestBuckets('completions', buckets);
    const query = { by: ['model', 'batch'] as const, grain: 'all' as const };
    const expected = rollup(generated, { ...query, by: [...query.by] });
    // Where code cannot be generated, both the reader and the grouping pass are plain code.
    codeGeneration.allowed = false;
    const keyed = createUsageTable();
    keyed.ingestBuckets('completions', buckets);
    expect(rollup(keyed, { ...query, by: [...query.by] })).toEqual(expected);
    expect(
      rollup(keyed, { by: [], grain: 'all', metrics: ['input_tokens'] }).rows[0]?.input_tokens,
    ).toBe(2 ** 33 + 4);
  });

  test.each([
    ['generated', false],
    ['keyed', true],
  ])('a column widens mid-bucket and keeps every value exact (%s reader)', (_, keyedReader) => {
    const tokens = [3, 300, 0, 70_000, 2 ** 32 + 5, 12];
    codeGeneration.allowed = !keyedReader;
    const table = createUsageTable();
    table.ingestBuckets('completions', [
      bucket(
        HOUR,
        tokens.map((input_tokens, index) => completion({ model: `m${index}`, input_tokens })),
      ),
    ]);
    const rows = rollup(table, { by: ['model'], grain: 'all', metrics: ['input_tokens'] }).rows;
    expect(rows.map((row) => row.input_tokens)).toEqual(tokens);
  });

  test.each([
    ['a string counter', { input_tokens: '5' }, 'data[0].results[0].input_tokens'],
    ['a fractional token count', { input_tokens: 1.5 }, 'data[0].results[0].input_tokens'],
    ['an object as grouping value', { model: { name: 'x' } }, 'data[0].results[0].model'],
  ])('rejects %s with its path', (_, fields, path) => {
    const table = createUsageTable();
    const page = { data: [bucket(HOUR, [completion(fields)])] };
    expect(() => table.ingestPage('completions', page)).toThrow(UsageDataError);
    try {
      table.ingestPage('completions', page);
    } catch (error) {
      expect((error as UsageDataError).path).toBe(path);
    }
  });

  test.each([
    ['generated', false],
    ['keyed', true],
  ])('rejects a result that is not an object and leaves no trace (%s reader)', (_, keyedReader) => {
    codeGeneration.allowed = !keyedReader;
    const table = createUsageTable();
    const bad = { data: [bucket(HOUR, [completion({ input_cached_tokens: null }), null])] };
    expect(() => table.ingestPage('completions', bad)).toThrow(
      expect.objectContaining({ path: 'data[0].results[1]' }),
    );
    table.ingestPage('completions', {
      data: [bucket(HOUR + 3600, [completion({ input_cached_tokens: 3 })])],
    });
    expect(table.rowCount).toBe(1);
    expect(table.coverage('completions', 'input_cached_tokens')).toEqual({
      rows: 1,
      reported: 1,
      absent: 0,
    });
  });

  test('rejects buckets without integer bounds', () => {
    const table = createUsageTable();
    expect(() =>
      table.ingestBuckets('completions', [{ start_time: 10, end_time: 5, results: [] }]),
    ).toThrow(/end_time/);
  });

  test('a partial table stores fewer bytes and refuses other dimensions', () => {
    const table = createUsageTable({ dimensions: ['model'], metrics: ['input_tokens'] });
    table.ingestBuckets('completions', [
      bucket(HOUR, [completion({ model: 'a', project_id: 'p', input_tokens: 3 })]),
    ]);
    expect(() => rollup(table, { by: ['project_id'], grain: 'all' })).toThrow(/not stored/);
    expect(table.memoryBytes()).toBeGreaterThan(0);
  });
});
