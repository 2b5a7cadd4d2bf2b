import { describe, expect, test } from 'vitest';
import { comparePeriods } from './compare-periods';
import { pivot } from './pivot';
import { rollup } from './rollup';
import { createUsageTable } from './usage-table';
import type { BucketInput } from './usage-table-api';

const DAY = 1_733_011_200; // 2024-12-01T00:00Z
const GB = 1_000_000_000;

function stored(project: string, bytes: number) {
  return {
    object: 'organization.usage.vector_stores.result',
    usage_bytes: bytes,
    project_id: project,
  };
}

/** `days` days of one project's stored bytes as hourly buckets: `level(hour)` bytes each hour. */
function hourly(project: string, days: number, level: (hour: number) => number): BucketInput[] {
  return Array.from({ length: days * 24 }, (_, hour) => ({
    start_time: DAY + hour * 3600,
    end_time: DAY + (hour + 1) * 3600,
    results: [stored(project, level(hour))],
  }));
}

describe('a level metric (usage_bytes)', () => {
  test('rolls up to the time-weighted average and its byte-time, alike from 1h and 1d buckets', () => {
    // 1 GB for 12 hours, 3 GB for 12: 2 GB on average, 172,800 GB-seconds.
    const fromHours = createUsageTable();
    fromHours.ingestBuckets(
      'vector_stores',
      hourly('proj_a', 1, (hour) => (hour < 12 ? GB : 3 * GB)),
    );
    const fromDay = createUsageTable();
    fromDay.ingestBuckets('vector_stores', [
      { start_time: DAY, end_time: DAY + 86_400, results: [stored('proj_a', 2 * GB)] },
    ]);
    for (const table of [fromHours, fromDay]) {
      const [row] = rollup(table, { by: ['project_id'], grain: 'day' }).rows;
      expect(row?.usage_bytes).toBe(2 * GB);
      expect(row?.usage_bytes_seconds).toBe(2 * GB * 86_400);
    }
  });

  test('counts buckets without results as time nothing was held', () => {
    // Created at noon: the API answers the morning's hours with empty buckets.
    const table = createUsageTable();
    table.ingestBuckets(
      'vector_stores',
      hourly('proj_a', 1, () => 2 * GB).map((bucket, hour) =>
        hour < 12 ? { ...bucket, results: [] } : bucket,
      ),
    );
    expect(rollup(table, { by: [], grain: 'day' }).rows[0]?.usage_bytes).toBe(GB);
  });

  test('is never summed over time: a week of a constant level averages to that level', () => {
    const table = createUsageTable();
    table.ingestBuckets(
      'vector_stores',
      hourly('proj_a', 7, () => 5 * GB),
    );
    const result = rollup(table, { by: [], grain: 'all' });
    expect(result.metrics).toEqual(['usage_bytes', 'usage_bytes_seconds']);
    expect(result.rows[0]?.usage_bytes).toBe(5 * GB);
    expect(result.rows[0]?.usage_bytes_seconds).toBe(5 * GB * 7 * 86_400);
  });

  test('adds across groups held at the same time, in subtotals, totals and top-N', () => {
    const table = createUsageTable();
    table.ingestBuckets('vector_stores', [
      ...hourly('proj_a', 2, () => GB),
      // proj_b holds 4 GB for the first day only: 2 GB on average over the two days.
      ...hourly('proj_b', 1, () => 4 * GB),
      ...hourly('proj_c', 2, () => 10),
    ]);
    const daily = rollup(table, { by: ['project_id'], grain: 'day', subtotals: true });
    expect(daily.rows.map((row) => [row.row_kind, row.project_id, row.usage_bytes])).toEqual([
      ['detail', 'proj_a', GB],
      ['detail', 'proj_b', 4 * GB],
      ['detail', 'proj_c', 10],
      ['total', null, 5 * GB + 10],
      ['detail', 'proj_a', GB],
      ['detail', 'proj_c', 10],
      ['total', null, GB + 10],
      // Over both days: (5 GB + 1 GB) / 2 + 10 bytes, not the sum of the daily totals.
      ['grand_total', null, 3 * GB + 10],
    ]);
    const top = rollup(table, {
      by: ['project_id'],
      grain: 'all',
      top: { n: 1, metric: 'usage_bytes' },
    });
    expect(top.rows.map((row) => [row.project_id, row.usage_bytes])).toEqual([
      ['proj_b', 2 * GB],
      ['other', GB + 10],
    ]);
    const wide = pivot(daily, { rowsBy: ['project_id'], columnsBy: [], metric: 'usage_bytes' });
    // A cell folding two days averages over both days' time.
    expect(wide.rows.map((row) => [row.keys[0], row.cells[0]])).toEqual([
      ['proj_a', GB],
      ['proj_b', 2 * GB],
      ['proj_c', 10],
    ]);
    const change = comparePeriods(table, {
      current: { start: DAY + 86_400, end: DAY + 2 * 86_400 },
      metrics: ['usage_bytes'],
    });
    expect(change.rows.map((row) => [row.metric, row.current, row.previous])).toEqual([
      ['usage_bytes', GB + 10, 5 * GB + 10],
      ['usage_bytes_seconds', (GB + 10) * 86_400, (5 * GB + 10) * 86_400],
    ]);
  });
});

describe('metrics an endpoint does not measure', () => {
  const table = createUsageTable();
  table.ingestBuckets(
    'completions',
    [
      {
        start_time: DAY,
        end_time: DAY + 86_400,
        results: [
          { input_tokens: 0, output_tokens: 7, num_model_requests: 1, model: 'gpt-4o' },
          { input_tokens: 5, output_tokens: 0, num_model_requests: 1, model: null },
        ],
      },
    ],
    { groupBy: ['model'] },
  );
  table.ingestBuckets('vector_stores', [
    { start_time: DAY, end_time: DAY + 86_400, results: [stored('proj_a', 100)] },
  ]);

  test('are null in rows only other endpoints contribute to; a measured zero stays 0', () => {
    const byEndpoint = rollup(table, {
      by: ['endpoint'],
      grain: 'all',
      metrics: ['input_tokens', 'usage_bytes'],
    });
    expect(byEndpoint.rows.map((row) => [row.endpoint, row.input_tokens, row.usage_bytes])).toEqual(
      [
        ['completions', 5, null],
        ['vector_stores', null, 100],
      ],
    );
    const byModel = rollup(table, {
      by: ['model'],
      grain: 'all',
      metrics: ['input_tokens', 'usage_bytes'],
      subtotals: true,
    });
    // The null-model row has both endpoints' rows; gpt-4o only completions (a zero it measured).
    expect(
      byModel.rows.map((row) => [row.row_kind, row.model, row.input_tokens, row.usage_bytes]),
    ).toEqual([
      ['detail', null, 5, 100],
      ['detail', 'gpt-4o', 0, null],
      ['total', null, 5, 100],
    ]);
    expect(byModel.columns.usage_bytes).toEqual(Float64Array.of(100, Number.NaN, 100));
  });
});
