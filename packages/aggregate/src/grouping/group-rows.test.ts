import { describe, expect, test, vi } from 'vitest';
import { rollup } from '../rollup';
import { columnarTable, createUsageTable } from '../usage-table';
import { referencePass } from './reference-pass';
import { kernelMemoryBytes } from './wasm-pass';

vi.mock('./reference-pass', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./reference-pass')>();
  return { referencePass: vi.fn(actual.referencePass) };
});

const START = 1_735_689_600;
const MODELS = ['o3', 'gpt-4o', 'gpt-5-mini'];

/** 30,000 results over 30 hours: past the size where passes run in WebAssembly. */
function largeTable() {
  const results = Array.from({ length: 30_000 }, (_, index) => ({
    project_id: `proj_${index % 7}`,
    user_id: `user_${index}`,
    model: MODELS[index % 3],
    batch: index % 5 === 0 ? null : index % 2 === 0,
    input_tokens: (index * 7919) % 100_000,
    output_tokens: index % 4 === 0 ? null : index % 1000,
    num_model_requests: 1 + (index % 4),
  }));
  const table = createUsageTable();
  table.ingestBuckets(
    'completions',
    Array.from({ length: 30 }, (_, hour) => ({
      start_time: START + hour * 3600,
      end_time: START + (hour + 1) * 3600,
      results: results.slice(hour * 1000, (hour + 1) * 1000),
    })),
  );
  return { table, results };
}

describe('groupRows', () => {
  test('a large roll-up (in WebAssembly) with a filter and batch_share equals plain sums', () => {
    const { table, results } = largeTable();
    const result = rollup(table, {
      by: ['project_id', 'model'],
      grain: 'all',
      metrics: ['input_tokens', 'output_tokens'],
      filters: { model: { exclude: ['o3'] } },
      derived: ['batch_share'],
    });
    const expected = new Map<string, number[]>();
    for (const row of results) {
      if (row.model === 'o3') continue;
      const key = `${row.project_id}|${row.model}`;
      const sums = expected.get(key) ?? [0, 0, 0, 0];
      sums[0] = (sums[0] as number) + row.input_tokens;
      sums[1] = (sums[1] as number) + (row.output_tokens ?? 0);
      if (row.batch === true) sums[2] = (sums[2] as number) + row.num_model_requests;
      if (row.batch !== null) sums[3] = (sums[3] as number) + row.num_model_requests;
      expected.set(key, sums);
    }
    expect(result.rows).toHaveLength(expected.size);
    expect(kernelMemoryBytes(columnarTable(table))).toBeGreaterThan(0);
    for (const row of result.rows) {
      const sums = expected.get(`${row.project_id}|${row.model}`) as number[];
      expect([row.input_tokens, row.output_tokens, row.batch_share]).toEqual([
        sums[0],
        sums[1],
        (sums[2] as number) / (sums[3] as number),
      ]);
    }
    expect(result.coverage.output_tokens).toEqual({
      rows: 20_000,
      reported: 15_000,
      absent: 5_000,
    });
    expect(result.warnings).toEqual([
      'batch_share ignores 4000 row(s) not grouped by batch (their requests are neither batch nor non-batch)',
    ]);
  });

  test('a group space too large for a dense block is grouped by the reference pass', () => {
    const { table, results } = largeTable();
    vi.mocked(referencePass).mockClear();
    // 30 hours × 30,003 users × 6 models: past the dense limit of twice the rows.
    const result = rollup(table, {
      by: ['user_id', 'model'],
      grain: 'hour',
      metrics: ['input_tokens'],
    });
    expect(referencePass).toHaveBeenCalled();
    expect(result.rows).toHaveLength(results.length);
    const byUser = new Map(result.rows.map((row) => [row.user_id, row]));
    for (const index of [0, 1, 4_999, 29_999]) {
      expect(byUser.get(`user_${index}`)).toMatchObject({
        model: results[index]?.model,
        input_tokens: results[index]?.input_tokens,
        period_start: START + Math.floor(index / 1000) * 3600,
      });
    }
  });

  test('a small group space is grouped by a fast pass, not the reference', () => {
    const { table } = largeTable();
    vi.mocked(referencePass).mockClear();
    rollup(table, { by: ['project_id', 'model'], grain: 'day', metrics: ['input_tokens'] });
    expect(referencePass).not.toHaveBeenCalled();
  });
});
