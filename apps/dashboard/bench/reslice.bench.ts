/**
 * Re-slicing benchmark: loads a year of hourly demo data once (as the server does), then times
 * every view and the chart under many groupings, grains, zones and filters. Target: each answer
 * under 100 ms. The peer figure is what answering by refetching would cost: one hourly backfill
 * of the range from the in-process mock through the client.
 *
 * Run: pnpm --filter @usagekit/dashboard bench
 */
import { performance } from 'node:perf_hooks';
import { createUsageClient } from '@usagekit/client';
import { createMockApi, DEMO_ADMIN_KEY } from '@usagekit/mock';
import { loadDashboardContext } from '../src/server/load-context';
import { type DashboardQuery, parseDashboardQuery } from '../src/server/query-params';
import { buildEndpoints } from '../src/server/views/endpoints-view';
import { buildOverview } from '../src/server/views/overview-view';
import { buildReconciliation } from '../src/server/views/reconciliation-view';
import { buildTimeseries } from '../src/server/views/timeseries-view';
import { buildTop } from '../src/server/views/top-view';
import { GRAINS, GROUPINGS } from '../src/shared/dashboard-query';

const TARGET_MS = 100;
const RUNS = 7;

function query(search: string): DashboardQuery {
  const parsed = parseDashboardQuery(new URLSearchParams(search));
  if (!parsed.success) throw new Error(parsed.message);
  return parsed.query;
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const loadStarted = performance.now();
const context = await loadDashboardContext({});
const loadMs = performance.now() - loadStarted;
console.log(`Loaded a year of hourly demo data in ${(loadMs / 1000).toFixed(1)} s`);
for (const [name, table] of Object.entries({ usage: context.usage, billing: context.billing })) {
  console.log(
    `  ${name.padEnd(8)} ${String(table.rowCount).padStart(8)} rows (${(table.memoryBytes() / 1e6).toFixed(1)} MB)`,
  );
}

const cases: [string, () => unknown][] = [
  ['overview', () => buildOverview(context, query(''))],
  ['top (30d)', () => buildTop(context, query('view=top'))],
  ['top (365d)', () => buildTop(context, query('view=top&range=365d'))],
  ['reconciliation (30d)', () => buildReconciliation(context, query('view=reconcile'))],
  ['endpoints (30d)', () => buildEndpoints(context, query('view=endpoints'))],
  ['endpoints (365d)', () => buildEndpoints(context, query('view=endpoints&range=365d'))],
];
for (const by of GROUPINGS) {
  cases.push([`spend by ${by}, day, UTC, 30d`, () => buildTimeseries(context, query(`by=${by}`))]);
}
for (const grain of GRAINS) {
  // Hourly charts cover at most 31 days (the query validation refuses longer ones).
  const range = grain === 'hour' ? '30d' : '365d';
  cases.push([
    `spend by model, ${grain}, Europe/Berlin, ${range}`,
    () => buildTimeseries(context, query(`grain=${grain}&tz=Europe/Berlin&range=${range}`)),
  ]);
}
cases.push(
  [
    'tokens by project, hour, America/New_York, 30d',
    () =>
      buildTimeseries(
        context,
        query('metric=tokens&by=project&grain=hour&tz=America/New_York&range=30d'),
      ),
  ],
  [
    'billed by project, week, 365d',
    () => buildTimeseries(context, query('metric=billed&by=project&grain=week&range=365d')),
  ],
  [
    'requests by user, day, model filter, 90d',
    () =>
      buildTimeseries(
        context,
        query(
          `metric=requests&by=user&range=90d&model=${encodeURIComponent(context.usage.dimensionValues('model').find((value) => typeof value === 'string') as string)}`,
        ),
      ),
  ],
);

let worst = 0;
console.log(`\nRe-slice timings (median of ${RUNS} runs, first run excluded):`);
for (const [name, run] of cases) {
  run();
  const times: number[] = [];
  for (let index = 0; index < RUNS; index += 1) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  const value = median(times);
  worst = Math.max(worst, value);
  console.log(
    `  ${name.padEnd(48)} ${value.toFixed(1).padStart(7)} ms${value > TARGET_MS ? '  (over target)' : ''}`,
  );
}

// The peer: answering one 30-day chart by refetching hourly usage instead of re-slicing.
const mock = createMockApi({ now: context.now * 1000 });
const client = createUsageClient({
  adminKey: DEMO_ADMIN_KEY,
  baseURL: mock.baseURL,
  fetch: mock.fetch,
  concurrency: 8,
});
const refetchStarted = performance.now();
await client.completions.all({
  start_time: context.now - 30 * 86_400,
  end_time: context.now,
  bucket_width: '1h',
  group_by: ['model'],
});
const refetchMs = performance.now() - refetchStarted;
const chartMs = median(
  Array.from({ length: RUNS }, () => {
    const started = performance.now();
    buildTimeseries(context, query('by=model'));
    return performance.now() - started;
  }),
);
console.log(
  `\nPeer: refetching 30 days of hourly completions by model from the in-process mock: ${refetchMs.toFixed(1)} ms`,
);
console.log(
  `      re-slicing the same chart from the loaded table: ${chartMs.toFixed(1)} ms (${(refetchMs / chartMs).toFixed(0)}x faster)`,
);
console.log(
  `\nWorst re-slice: ${worst.toFixed(1)} ms (target ${TARGET_MS} ms): ${worst <= TARGET_MS ? 'met' : 'NOT met'}`,
);
