/**
 * Benchmark of @usagekit/aggregate against its peers, in one process:
 * - a Map-of-string-keys loop that touches only the four fields it needs;
 * - Arquero 7 (from objects, derive day, groupby, rollup sum).
 * - a hand-written columnar pass over the table's already-encoded columns (the floor a re-roll
 *   can reach: no planning, no result).
 * Workload: hourly completions results (grouped by project, user, key, model, batch) in parsed
 * pages, rolled up to (day, project, model) summing four metrics. Run with:
 *   pnpm --filter @usagekit/aggregate bench [result counts, default 1000000 4000000]
 */
import { op, from as tableFromObjects } from 'arquero';
import type { CodeArray } from '../src/code-array';
import { dimensionSlot, metricSlot } from '../src/fields';
import {
  createUsageTable,
  type RollupQuery,
  type RollupResult,
  rollup,
  rollupPages,
  type UsageTable,
} from '../src/index';
import { columnarTable } from '../src/usage-table';
import { createCompletionsWorkload, type WorkloadPage } from './completions-workload';

const METRICS = [
  'input_tokens',
  'output_tokens',
  'input_cached_tokens',
  'num_model_requests',
] as const;
const QUERY: RollupQuery = { by: ['project_id', 'model'], grain: 'day', metrics: [...METRICS] };
/** Runs per measurement: the first includes compiling; the best is what the ratios use. */
const REPEATS = 10;

const collectGarbage = (globalThis as { gc?: () => void }).gc;

function heapBytes(): number {
  collectGarbage?.();
  collectGarbage?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** Time after a forced collection for the engine's background sweeping to finish. */
const SETTLE_MS = 250;

/**
 * Runs a function REPEATS times, each after a forced collection and a pause (the collection's
 * background sweeping would otherwise compete with the run for the CPU, which hurts short runs
 * most); returns the first (cold) and the best time.
 */
async function measure<TResult>(
  run: () => TResult,
): Promise<{ first: number; best: number; result: TResult }> {
  let first = 0;
  let best = Number.POSITIVE_INFINITY;
  let result: TResult | undefined;
  for (let attempt = 0; attempt < REPEATS; attempt += 1) {
    collectGarbage?.();
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const started = performance.now();
    result = run();
    const elapsed = performance.now() - started;
    if (attempt === 0) first = elapsed;
    best = Math.min(best, elapsed);
  }
  return { first, best, result: result as TResult };
}

/**
 * Runs a function back to back, without collections or pauses between runs (a user re-slicing
 * one chart after another), and returns the median time.
 */
function backToBack(run: () => unknown, count = 21): number {
  const times: number[] = [];
  for (let attempt = 0; attempt < count; attempt += 1) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((left, right) => left - right);
  return times[count >> 1] as number;
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

/**
 * The floor: the best simple loop over the encoded columns, knowing the layout and building no
 * result. Rows of a bucket are contiguous, so it walks bucket by bucket with the bucket's day
 * offset hoisted out of the row loop (no row-to-bucket lookup), and adds the four metrics into
 * one interleaved sums block (a row's four updates share a cache line).
 */
function columnarPass(table: UsageTable): number {
  const columns = columnarTable(table);
  const projectSlot = dimensionSlot.get('project_id') as number;
  const modelSlot = dimensionSlot.get('model') as number;
  const projectCodes = columns.codes[projectSlot] as CodeArray;
  const modelCodes = columns.codes[modelSlot] as CodeArray;
  const projects = columns.dictionaries[projectSlot]?.size ?? 1;
  const models = columns.dictionaries[modelSlot]?.size ?? 1;
  const [input, output, cached, requests] = METRICS.map(
    (name) => columns.metrics[metricSlot.get(name) as number]?.values as Uint32Array,
  ) as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = 0;
  for (let bucket = 0; bucket < columns.bucketCount; bucket += 1) {
    const day = Math.floor((columns.bucketStart[bucket] as number) / 86_400);
    firstDay = Math.min(firstDay, day);
    lastDay = Math.max(lastDay, day);
  }
  const space = (lastDay - firstDay + 1) * projects * models;
  const sums = new Float64Array(space * 4);
  for (let bucket = 0; bucket < columns.bucketCount; bucket += 1) {
    const offset =
      (Math.floor((columns.bucketStart[bucket] as number) / 86_400) - firstDay) * projects;
    const ranges = columns.bucketRanges[bucket] as number[];
    for (let range = 0; range < ranges.length; range += 2) {
      const end = ranges[range + 1] as number;
      for (let row = ranges[range] as number; row < end; row += 1) {
        const at =
          ((offset + (projectCodes[row] as number)) * models + (modelCodes[row] as number)) * 4;
        sums[at] = (sums[at] as number) + (input[row] as number);
        sums[at + 1] = (sums[at + 1] as number) + (output[row] as number);
        sums[at + 2] = (sums[at + 2] as number) + (cached[row] as number);
        sums[at + 3] = (sums[at + 3] as number) + (requests[row] as number);
      }
    }
  }
  return space;
}

/** Checks a roll-up against the Map loop group by group; returns the group count. */
function checkAgainstMap(result: RollupResult, expected: Map<string, number[]>): number {
  let mismatches = 0;
  for (const row of result.rows) {
    const key = `${Math.floor(row.period_start / 86_400)}|${row.project_id}|${row.model}`;
    const sums = expected.get(key);
    if (!sums || METRICS.some((name, index) => row[name] !== sums[index])) mismatches += 1;
  }
  if (mismatches > 0 || result.rows.length !== expected.size) {
    throw new Error(`roll-up differs from the Map loop in ${mismatches} groups`);
  }
  return result.rows.length;
}

function format(milliseconds: number): string {
  return `${milliseconds.toFixed(1).padStart(8)} ms`;
}

async function run(resultCount: number): Promise<void> {
  console.log(`\n=== ${resultCount.toLocaleString('en-US')} hourly completions results ===`);
  const before = heapBytes();
  const pages = createCompletionsWorkload(resultCount);
  const jsonBytes = heapBytes() - before;

  const map = await measure(() => mapLoop(pages));
  const arquero = await measure(() => arqueroRollup(pages));
  const first = await measure(() => rollupPages('completions', pages, QUERY));

  const ingest = await measure(() => {
    const table = createUsageTable();
    for (const page of pages) table.ingestPage('completions', page);
    return table;
  });
  const beforeTable = heapBytes();
  const table = createUsageTable();
  for (const page of pages) table.ingestPage('completions', page);
  const tableBytes = heapBytes() - beforeTable;

  const floor = await measure(() => columnarPass(table));
  const reroll = await measure(() => rollup(table, QUERY));
  const rerollRows = await measure(() => rollup(table, QUERY).rows);
  const rerollWarm = backToBack(() => rollup(table, QUERY));
  const floorWarm = backToBack(() => columnarPass(table));
  const rerollWeekUser = await measure(() =>
    rollup(table, {
      by: ['user_id'],
      grain: 'week',
      timeZone: 'Europe/Berlin',
      metrics: [...METRICS],
    }),
  );
  const rerollFiltered = await measure(() =>
    rollup(table, {
      by: ['model', 'batch'],
      grain: 'month',
      metrics: [...METRICS],
      filters: { batch: { include: [false] }, model: { exclude: ['gpt-image-1'] } },
    }),
  );

  // Same answer as the Map loop, checked group by group, from pages and from the table.
  checkAgainstMap(first.result, map.result);
  const groups = checkAgainstMap(reroll.result, map.result);

  const rows = table.rowCount;
  const perSecond = (milliseconds: number) =>
    `${(((rows / milliseconds) * 1000) / 1e6).toFixed(0)} M rows/s`;
  console.log(`time (first run / best of ${REPEATS}, each after a collection and a pause):`);
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
    `  columnar pass over encoded columns     ${format(floor.first)} / ${format(floor.best)}  ${perSecond(floor.best)} (peer: the floor)`,
  );
  console.log(
    `  re-roll (day, project, model), columns ${format(reroll.first)} / ${format(reroll.best)}  ${perSecond(reroll.best)}`,
  );
  console.log(
    `  re-roll (day, project, model) + rows   ${format(rerollRows.first)} / ${format(rerollRows.best)}  ${perSecond(rerollRows.best)}`,
  );
  console.log(
    `  re-roll (day, project, model) and hand pass back to back, median of 21: ${format(rerollWarm)} (${perSecond(rerollWarm)}) and ${format(floorWarm)} (${perSecond(floorWarm)})`,
  );
  console.log(
    `  re-roll (week Berlin, user)            ${format(rerollWeekUser.first)} / ${format(rerollWeekUser.best)}  ${perSecond(rerollWeekUser.best)}`,
  );
  console.log(
    `  re-roll (month, model, batch, filters) ${format(rerollFiltered.first)} / ${format(rerollFiltered.best)}  ${perSecond(rerollFiltered.best)}`,
  );
  console.log(`ratios (best of ${REPEATS}; > 1 means usagekit is faster):`);
  console.log(
    `  first answer vs Map loop   ${(map.best / first.best).toFixed(2)}x (target >= 1.5x)`,
  );
  console.log(
    `  first answer vs Arquero    ${(arquero.best / first.best).toFixed(2)}x (target >= 10x)`,
  );
  console.log(
    `  full ingest vs Map loop    ${(map.best / ingest.best).toFixed(2)}x (target >= 1x)`,
  );
  console.log(
    `  re-roll throughput         ${perSecond(reroll.best)} columns, ${perSecond(rerollRows.best)} with rows (target >= 100 M rows/s)`,
  );
  console.log(
    `  re-roll vs hand pass       ${perSecond(reroll.best)} vs ${perSecond(floor.best)}: ${(reroll.best / floor.best).toFixed(2)}x the hand-written pass's time (1.00x = at the floor)`,
  );
  console.log('memory:');
  console.log(`  parsed JSON pages   ${(jsonBytes / resultCount).toFixed(0)} bytes/result`);
  console.log(
    `  ingested table      ${(tableBytes / rows).toFixed(0)} bytes/row measured, ${(table.memoryBytes() / rows).toFixed(0)} estimated (ratio ${(jsonBytes / resultCount / (tableBytes / rows)).toFixed(1)}x smaller, target >= 3x)`,
  );
  console.log(`  groups: ${groups}, rollupPages and rollup agree with the Map loop`);
}

if (!collectGarbage) console.log('(run node with --expose-gc for memory figures)');
// Once any ArrayBuffer in a process has been detached (transferred), V8 checks every typed-array
// access for detachment; Node's fetch (web streams) and Arquero both detach buffers, so a real
// process that fetched usage over HTTP runs in this state. Enter it up front, so every contender
// is measured in it whatever the order of the runs.
const detached = new ArrayBuffer(8);
structuredClone(detached, { transfer: [detached] });
const counts = process.argv.slice(2).map(Number);
for (const count of counts.length > 0 ? counts : [1_000_000, 4_000_000]) await run(count);
