import { createMockApi } from '@usagekit/mock';
import { usageEndpointNames } from '@usagekit/schemas';
import { beforeAll, describe, expect, test } from 'vitest';
import type { DashboardContext } from '../dashboard-context';
import { loadDashboardContext } from '../load-context';
import { type DashboardQuery, parseDashboardQuery } from '../query-params';
import { resolveRange } from '../time-range';
import { buildEndpoints } from './endpoints-view';
import { buildOverview } from './overview-view';
import { buildReconciliation } from './reconciliation-view';
import { buildTimeseries } from './timeseries-view';
import { buildTop } from './top-view';

// A fixed clock makes the demo organization, and so every figure here, deterministic.
const NOW_MS = Date.UTC(2026, 4, 20, 15, 30);
let context: DashboardContext;

function query(search: string): DashboardQuery {
  const parsed = parseDashboardQuery(new URLSearchParams(search));
  if (!parsed.success) throw new Error(parsed.message);
  return parsed.query;
}

async function total(search: string): Promise<number> {
  const answer = await buildTimeseries(context, query(search));
  return answer.series.reduce(
    (sum, series) => sum + series.values.reduce((inner, value) => inner + value, 0),
    0,
  );
}

beforeAll(async () => {
  context = await loadDashboardContext({ historyDays: 35, demoNowMs: NOW_MS });
}, 120_000);

describe('views over the demo organization', () => {
  test('estimated spend is the same whatever the grouping, and equals the overview', async () => {
    // The overview's figure is the engine's exact total, rounded once. A chart's values are
    // rounded once per period and group: at most half a micro-USD each away from exact.
    const exact = (await buildOverview(context, query(''))).estimatedMicros;
    expect(exact).toBeGreaterThan(0);
    for (const by of ['project', 'model', 'user', 'key', 'endpoint', 'batch', 'service_tier']) {
      const chart = await buildTimeseries(context, query(`range=mtd&by=${by}&top=20`));
      const values = chart.series.reduce((count, series) => count + series.values.length, 0);
      expect(Math.abs((await total(`range=mtd&by=${by}&top=20`)) - exact), by).toBeLessThanOrEqual(
        values / 2,
      );
    }
  });

  test("the bill equals the mock's own totals", async () => {
    const mock = createMockApi({ now: NOW_MS });
    const range = resolveRange('30d', context.now);
    const truth = mock.totals('costs', { start_time: range.start, end_time: context.now });
    expect(
      Math.abs((await total('metric=billed&by=project&top=20')) - truth.amount_value * 1e6),
    ).toBeLessThan(5_000);
  });

  test("tokens equal the mock's totals over the window of the chosen zone, cut into any grain", async () => {
    const mock = createMockApi({ now: NOW_MS });
    const truth = (timeZone: string) => {
      const range = resolveRange('7d', context.now, timeZone);
      let sum = 0;
      for (const name of usageEndpointNames) {
        const totals = mock.totals(name, {
          start_time: range.start,
          end_time: context.now,
        }) as Record<string, number>;
        sum += (totals.input_tokens ?? 0) + (totals.output_tokens ?? 0);
      }
      return sum;
    };
    expect(await total('range=7d&metric=tokens&by=model&top=20')).toBe(truth('UTC'));
    const tokyo = truth('Asia/Tokyo');
    expect(tokyo).not.toBe(truth('UTC'));
    expect(await total('range=7d&metric=tokens&by=project&grain=hour&tz=Asia/Tokyo&top=20')).toBe(
      tokyo,
    );
    expect(await total('range=7d&metric=tokens&by=model&grain=day&tz=Asia/Tokyo&top=20')).toBe(
      tokyo,
    );
  });

  test('a project filter keeps exactly that project', async () => {
    const unfiltered = await buildTimeseries(context, query('by=project&top=20'));
    const first = unfiltered.series[0];
    if (first === undefined) throw new Error('no series');
    const filtered = await buildTimeseries(
      context,
      query(`by=project&project=${encodeURIComponent(JSON.parse(first.key))}`),
    );
    expect(filtered.series.map((series) => series.key)).toEqual([first.key]);
    expect(filtered.series[0]?.values).toEqual(first.values);
  });

  test('names replace ids, with the id kept as the title', async () => {
    const top = (await buildTop(context, query('view=top'))).tables.find(
      (table) => table.id === 'top-projects',
    );
    const row = top?.rows[0];
    expect(row?.titles?.[0]).toMatch(/^proj_/);
    expect(row?.cells[0]).not.toMatch(/^proj_/);
  });

  test('every top table accounts for the whole estimate, the rest as "Other"', async () => {
    const exact = (await buildOverview(context, query(''))).estimatedMicros;
    for (const table of (await buildTop(context, query('view=top&range=mtd'))).tables) {
      const spend = table.rows.reduce((sum, row) => sum + (row.cells[1] as number), 0);
      expect(Math.abs(spend - exact), table.id).toBeLessThanOrEqual(table.rows.length);
      expect(table.rows.length, table.id).toBeLessThanOrEqual(51);
    }
  });

  test('reconciliation bills what the bill says and lists reasons', async () => {
    const answer = buildReconciliation(context, query('view=reconcile'));
    const byDay = answer.tables.find((table) => table.id === 'variance-by-day');
    const billed = (byDay?.rows ?? []).reduce((sum, row) => sum + (row.cells[2] as number), 0);
    // Both sides round each Costs row's float dollars to micro-units once; the two roundings
    // (cost package and aggregation engine) may differ by one micro-unit per row, no more.
    const costRows = context.costsBuckets.reduce(
      (sum, bucket) => sum + (bucket.results?.length ?? 0),
      0,
    );
    expect(Math.abs(billed - (await total('metric=billed&by=project&top=20')))).toBeLessThanOrEqual(
      costRows,
    );
    expect(
      answer.tables.find((table) => table.id === 'variance-reasons')?.rows.length,
    ).toBeGreaterThan(0);
  });

  test('every usage endpoint has a table', async () => {
    const ids = (await buildEndpoints(context, query('view=endpoints'))).tables.map(
      (table) => table.id,
    );
    expect(ids).toEqual(usageEndpointNames.map((name) => `endpoint-${name}`));
  });

  test('an organization filter that matches nothing empties the views', async () => {
    expect((await buildTimeseries(context, query('org=org-elsewhere'))).series).toEqual([]);
    expect((await buildOverview(context, query('org=org-elsewhere'))).billedMicros).toBe(0);
  });

  test('"Estimate vs bill" and "Over time" give the same estimate for one window', async () => {
    const reconciliation = buildReconciliation(context, query('view=reconcile&range=30d'));
    const byDay = reconciliation.tables.find((table) => table.id === 'variance-by-day');
    const estimated = (byDay?.rows ?? []).reduce((sum, row) => sum + (row.cells[1] as number), 0);
    const overTime = await total('range=30d&by=project&top=20');
    // The same prices on the same usage; only where each rounds differs (per line, per row).
    expect(Math.abs(estimated - overTime)).toBeLessThan(overTime * 1e-6);
  });

  test('partial periods are flagged: the day in progress, and weeks cut by the range', async () => {
    const daily = await buildTimeseries(context, query('range=30d'));
    expect(daily.partial).toHaveLength(daily.times.length);
    expect(daily.partial.at(-1)).toBe(true);
    expect(daily.partial.slice(0, -1).every((partial) => !partial)).toBe(true);
    const weekly = await buildTimeseries(context, query('range=30d&grain=week'));
    expect(weekly.partial[0]).toBe(true);
    expect(weekly.partial.at(-1)).toBe(true);
    const byDay = buildReconciliation(context, query('view=reconcile')).tables[0];
    expect(byDay?.rows.filter((row) => row.partial).length).toBe(1);
  });

  test('estimates are labelled as estimates, and every metric column has its unit', async () => {
    const spend = await buildTimeseries(context, query(''));
    expect(spend).toMatchObject({ estimated: true, label: 'Estimated spend', unit: 'usd' });
    expect((await buildTimeseries(context, query('metric=billed'))).estimated).toBe(false);
    for (const table of (await buildEndpoints(context, query('view=endpoints'))).tables) {
      const [, cost, ...metrics] = table.columns;
      expect(cost).toMatchObject({ key: 'estimated_spend', estimated: true });
      for (const column of metrics) expect(column.unit, `${table.id} ${column.key}`).toBeTruthy();
    }
  });

  test('stored bytes are averaged over time, never summed', async () => {
    const storage = (await buildEndpoints(context, query('view=endpoints&range=30d'))).tables.find(
      (table) => table.id === 'endpoint-vector_stores',
    );
    const column = storage?.columns.findIndex((each) => each.key === 'usage_bytes') ?? -1;
    const held = (storage?.rows ?? []).reduce((sum, row) => sum + (row.cells[column] as number), 0);
    const daily = await buildTimeseries(
      context,
      query('range=30d&endpoint=vector_stores&metric=usage_bytes'),
    );
    const levels = daily.times.map((_, index) =>
      daily.series.reduce((sum, series) => sum + (series.values[index] ?? 0), 0),
    );
    expect(held).toBeGreaterThan(0);
    expect(held).toBeGreaterThanOrEqual(Math.min(...levels) * 0.999);
    expect(held).toBeLessThanOrEqual(Math.max(...levels) * 1.001);
    expect(daily.label).toBe('Stored bytes (average held)');
  });

  test('rows without a model say what they are', async () => {
    const byModel = await buildTimeseries(context, query('by=model&top=20'));
    const labels = byModel.series.map((series) => series.label);
    expect(labels).toContain('Vector storage');
    expect(labels.some((label) => label.includes('(no model)') || label === '(none)')).toBe(false);
  });
});
