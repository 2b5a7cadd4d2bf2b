/**
 * Benchmark of @usagekit/aggregate against its peers, in one process:
 * - a Map-of-string-keys loop that touches only the four fields it needs;
 * - Arquero 7 (from objects, derive day, groupby, rollup sum).
 * Workload: hourly completions results (grouped by project, user, key, model, batch) in parsed
 * pages, rolled up to (day, project, model) summing four metrics. Run with:
 *   pnpm --filter @usagekit/aggregate bench
 */
import { op, from as tableFromObjects } from 'arquero';
import { createUsageTable, type RollupQuery, rollup, rollupPages } from '../src/index';
import { createCompletionsWorkload, type WorkloadPage } from './completions-workload';

const METRICS = [
  'input_tokens',
  'output_tokens',
  'input_cached_tokens',
  'num_model_requests',
] as const;
const QUERY: RollupQuery = { by: ['project_id', 'model'], grain: 'day', metrics: [...METRICS] };
const REPEATS = 3;

const collectGarbage = (globalThis as { gc?: () => void }).gc;

function heapBytes(): number {
  collectGarbage?.();
  collectGarbage?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** Runs a function REPEATS times; returns the first (cold) and the best time. */
function measure<TResult>(run: () => TResult): { first: number; best: number; result: TResult } {
  let first = 0;
  let best = Number.POSITIVE_INFINITY;
  let result: TResult | undefined;
  for (let attempt = 0; attempt < REPEATS; attempt += 1) {
    collectGarbage?.();
    const started = performance.now();
    result = run();
    const elapsed = performance.now() - started;
    if (attempt === 0) first = elapsed;
    best = Math.min(best, elapsed);
  }
  return { first, best, result: result as TResult };
}

function mapLoop(pages: readonly WorkloadPage[]): Map<string, number[]> {
  const sums = new Map<string, number[]>();
  for (const page of pages) {
    for (const bucket of page.data) {
      const day = Math.floor(bucket.start_time / 86_400);
      for (const result of bucket.results) {
        const key = `${day}|${result.project_id}|${result.model}`;
        let entry = sums.get(key);
        if (entry === undefined) {
          entry = [0, 0, 0, 0];
          sums.set(key, entry);
        }
        const totals = entry as [number, number, number, number];
        totals[0] += result.input_tokens as number;
        totals[1] += result.output_tokens as number;
        totals[2] += (result.input_cached_tokens as number | undefined) ?? 0;
        totals[3] += result.num_model_requests as number;
      }
    }
  }
  return sums;
}

function arqueroRollup(pages: readonly WorkloadPage[]): number {
  const rows: Array<Record<string, unknown>> = [];
  for (const page of pages) {
    for (const bucket of page.data) {
      for (const result of bucket.results) {
        rows.push({
          start_time: bucket.start_time,
          project_id: result.project_id,
          model: result.model,
          input_tokens: result.input_tokens,
          output_tokens: result.output_tokens,
          input_cached_tokens: result.input_cached_tokens ?? 0,
          num_model_requests: result.num_model_requests,
        });
      }
    }
  }
  const rolled = tableFromObjects(rows)
    .derive({ day: (row: { start_time: number }) => op.floor(row.start_time / 86_400) })
    .groupby('day', 'project_id', 'model')
    .rollup({
      input_tokens: op.sum('input_tokens'),
      output_tokens: op.sum('output_tokens'),
      input_cached_tokens: op.sum('input_cached_tokens'),
      num_model_requests: op.sum('num_model_requests'),
    });
  return rolled.numRows();
}

function format(milliseconds: number): string {
  return `${milliseconds.toFixed(1).padStart(8)} ms`;
}

function run(resultCount: number): void {
  console.log(`\n=== ${resultCount.toLocaleString('en-US')} hourly completions results ===`);
  const before = heapBytes();
  const pages = createCompletionsWorkload(resultCount);
  const jsonBytes = heapBytes() - before;

  const map = measure(() => mapLoop(pages));
  const arquero = measure(() => arqueroRollup(pages));
  const first = measure(() => rollupPages('completions', pages, QUERY));

  const ingest = measure(() => {
    const table = createUsageTable();
    for (const page of pages) table.ingestPage('completions', page);
    return table;
  });
  const beforeTable = heapBytes();
  const table = createUsageTable();
  for (const page of pages) table.ingestPage('completions', page);
  const tableBytes = heapBytes() - beforeTable;

  const reroll = measure(() => rollup(table, QUERY));
  const rerollWeekUser = measure(() =>
    rollup(table, {
      by: ['user_id'],
      grain: 'week',
      timeZone: 'Europe/Berlin',
      metrics: [...METRICS],
    }),
  );
  const rerollFiltered = measure(() =>
    rollup(table, {
      by: ['model', 'batch'],
      grain: 'month',
      metrics: [...METRICS],
      filters: { batch: { include: [false] }, model: { exclude: ['gpt-image-1'] } },
    }),
  );

  // Same answer as the Map loop, checked group by group.
  let mismatches = 0;
  for (const row of reroll.result.rows) {
    const key = `${Math.floor(row.period_start / 86_400)}|${row.project_id}|${row.model}`;
    const expected = map.result.get(key);
    if (!expected || METRICS.some((name, index) => row[name] !== expected[index])) mismatches += 1;
  }
  if (mismatches > 0 || reroll.result.rows.length !== map.result.size) {
    throw new Error(`roll-up differs from the Map loop in ${mismatches} groups`);
  }

  const rows = table.rowCount;
  const perSecond = (milliseconds: number) =>
    `${(((rows / milliseconds) * 1000) / 1e6).toFixed(0)} M rows/s`;
  console.log('time (first run / best of 3):');
  console.log(
    `  Map loop (peer)                        ${format(map.first)} / ${format(map.best)}`,
  );
  console.log(
    `  Arquero ${'7'} (peer)                      ${format(arquero.first)} / ${format(arquero.best)}`,
  );
  console.log(
    `  rollupPages: first answer from pages   ${format(first.first)} / ${format(first.best)}`,
  );
  console.log(
    `  createUsageTable + ingest every field  ${format(ingest.first)} / ${format(ingest.best)}`,
  );
  console.log(
    `  re-roll (day, project, model)          ${format(reroll.first)} / ${format(reroll.best)}  ${perSecond(reroll.best)}`,
  );
  console.log(
    `  re-roll (week Berlin, user)            ${format(rerollWeekUser.first)} / ${format(rerollWeekUser.best)}  ${perSecond(rerollWeekUser.best)}`,
  );
  console.log(
    `  re-roll (month, model, batch, filters) ${format(rerollFiltered.first)} / ${format(rerollFiltered.best)}  ${perSecond(rerollFiltered.best)}`,
  );
  console.log('ratios (best of 3; > 1 means usagekit is faster):');
  console.log(
    `  first answer vs Map loop   ${(map.best / first.best).toFixed(2)}x (target >= 1.5x)`,
  );
  console.log(
    `  first answer vs Arquero    ${(arquero.best / first.best).toFixed(2)}x (target >= 10x)`,
  );
  console.log(
    `  full ingest vs Map loop    ${(map.best / ingest.best).toFixed(2)}x (target >= 1x)`,
  );
  console.log(`  re-roll throughput         ${perSecond(reroll.best)} (target >= 100 M rows/s)`);
  console.log('memory:');
  console.log(`  parsed JSON pages   ${(jsonBytes / resultCount).toFixed(0)} bytes/result`);
  console.log(
    `  ingested table      ${(tableBytes / rows).toFixed(0)} bytes/row measured, ${(table.memoryBytes() / rows).toFixed(0)} estimated (ratio ${(jsonBytes / resultCount / (tableBytes / rows)).toFixed(1)}x smaller, target >= 3x)`,
  );
  console.log(`  groups: ${reroll.result.rows.length}, Map loop agrees`);
}

if (!collectGarbage) console.log('(run node with --expose-gc for memory figures)');
for (const count of [1_000_000, 4_000_000]) run(count);
