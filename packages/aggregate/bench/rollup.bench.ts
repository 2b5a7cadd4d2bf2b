/**
 * Benchmark of @usagekit/aggregate against its peers (see peers.ts), in one process. Workload:
 * hourly completions results (grouped by project, user, key, model, batch) in parsed pages,
 * rolled up to (day, project, model) summing four metrics. Contenders run in interleaved rounds
 * (measure.ts), so each ratio is printed of the best runs and as the median of per-round ratios.
 * Run with:
 *   pnpm --filter @usagekit/aggregate bench [result counts, default 1000000 4000000]
 */

import { kernelMemoryBytes } from '../src/grouping/wasm-pass';
import {
  createUsageTable,
  type ResultPricer,
  type RollupQuery,
  type RollupResult,
  rollup,
  rollupPages,
  type UsageTable,
} from '../src/index';
import { columnarTable } from '../src/usage-table';
import { createCompletionsWorkload } from './completions-workload';
import {
  backToBack,
  canCollectGarbage,
  heapBytes,
  measureInRounds,
  ratioOf,
  type Timing,
} from './measure';
import {
  arqueroFromFields,
  arqueroFromResults,
  checkAgainstMap,
  columnarPass,
  METRICS,
  mapLoop,
  readingFloor,
} from './peers';

const QUERY: RollupQuery = { by: ['project_id', 'model'], grain: 'day', metrics: [...METRICS] };

/** Rounds (runs of each contender): fewer for the larger workloads, whose peers take seconds. */
function roundsFor(resultCount: number): number {
  return resultCount > 1_000_000 ? 5 : 10;
}

function format(milliseconds: number): string {
  return `${milliseconds.toFixed(1).padStart(8)} ms`;
}

/**
 * Runs `compute` where no WebAssembly memory can be had (the constructor throws the RangeError a
 * runtime throws when it has none), so the grouping passes of tables without a kernel memory yet
 * run in generated JavaScript: the kernel's gain on re-rolls, end to end. (`rollupPages` never
 * uses the kernel: its column copies made the first answer 0.52x as fast on 2026-12-04.)
 */
function withoutWebAssembly<TResult>(compute: () => TResult): TResult {
  const { Memory } = WebAssembly;
  WebAssembly.Memory = function noMemory() {
    throw new RangeError('no WebAssembly memory (benchmark)');
  } as unknown as typeof WebAssembly.Memory;
  try {
    return compute();
  } finally {
    WebAssembly.Memory = Memory;
  }
}

/** A pricer that does the least a real one does: read two counters, multiply, write. */
const linearPricer: ResultPricer = {
  price(_endpoint, _start, _end, result, out) {
    out[0] =
      (result.input_tokens as number) * 2_500_000 + (result.output_tokens as number) * 10_000_000;
    out[1] = 0;
  },
};

function ingestAll(
  pages: ReturnType<typeof createCompletionsWorkload>,
  pricer?: ResultPricer,
): UsageTable {
  const table = createUsageTable({ pricer });
  for (const page of pages) table.ingestPage('completions', page);
  return table;
}

async function run(resultCount: number): Promise<void> {
  console.log(`\n=== ${resultCount.toLocaleString('en-US')} hourly completions results ===`);
  const rounds = roundsFor(resultCount);
  const before = heapBytes();
  const pages = createCompletionsWorkload(resultCount);
  const jsonBytes = heapBytes() - before;

  const [map, arquero, arqueroWhole, first, ingest, reading, ingestPriced] = (await measureInRounds(
    [
      { name: 'Map loop (peer)', run: () => mapLoop(pages) },
      { name: 'Arquero 7, needed fields (peer)', run: () => arqueroFromFields(pages) },
      { name: 'Arquero 7, whole results (peer)', run: () => arqueroFromResults(pages) },
      {
        name: 'rollupPages: first answer from pages',
        run: () => rollupPages('completions', pages, QUERY),
      },
      { name: 'createUsageTable + ingest every field', run: () => ingestAll(pages) },
      { name: 'loads the query needs', run: () => readingFloor(pages) },
      { name: 'ingest every field, priced', run: () => ingestAll(pages, linearPricer) },
    ],
    rounds,
  )) as [Timing, Timing, Timing, Timing, Timing, Timing, Timing];

  const beforeTable = heapBytes();
  const table = ingestAll(pages);
  const tableBytes = heapBytes() - beforeTable;
  // A second table whose roll-ups never get a WebAssembly memory.
  const javaScriptTable = ingestAll(pages);

  const [floor, reroll, rerollRows, rerollWeekUser, rerollFiltered, rerollJs] =
    (await measureInRounds(
      [
        { name: 'columnar pass over encoded columns', run: () => columnarPass(table) },
        { name: 're-roll (day, project, model), columns', run: () => rollup(table, QUERY) },
        { name: 're-roll (day, project, model) + rows', run: () => rollup(table, QUERY).rows },
        {
          name: 're-roll (week Berlin, user)',
          run: () =>
            rollup(table, {
              by: ['user_id'],
              grain: 'week',
              timeZone: 'Europe/Berlin',
              metrics: [...METRICS],
            }),
        },
        {
          name: 're-roll (month, model, batch, filters)',
          run: () =>
            rollup(table, {
              by: ['model', 'batch'],
              grain: 'month',
              metrics: [...METRICS],
              filters: { batch: { include: [false] }, model: { exclude: ['gpt-image-1'] } },
            }),
        },
        {
          name: 're-roll, JavaScript pass only',
          run: () => withoutWebAssembly(() => rollup(javaScriptTable, QUERY)),
        },
      ],
      rounds,
    )) as [Timing, Timing, Timing, Timing, Timing, Timing];
  const [rerollWarm, floorWarm] = backToBack([
    () => rollup(table, QUERY),
    () => columnarPass(table),
  ]) as [number, number];

  // Same answer as the Map loop, checked group by group, from pages and from the table.
  const expected = map.result as Map<string, number[]>;
  checkAgainstMap(first.result as RollupResult, expected);
  checkAgainstMap(rerollJs.result as RollupResult, expected);
  const groups = checkAgainstMap(reroll.result as RollupResult, expected);
  for (const peer of [arquero, arqueroWhole]) {
    if (peer.result !== expected.size) throw new Error(`${peer.name} found ${peer.result} groups`);
  }

  const rows = table.rowCount;
  const perSecond = (milliseconds: number) =>
    `${(((rows / milliseconds) * 1000) / 1e6).toFixed(0)} M rows/s`;
  console.log(`time (first run / best of ${rounds} interleaved rounds):`);
  for (const timing of [map, arquero, arqueroWhole, first, ingest, ingestPriced, reading]) {
    const note = timing === reading ? '  (peer: the floor of reading pages)' : '';
    console.log(
      `  ${timing.name.padEnd(39)}${format(timing.first)} / ${format(timing.best)}${note}`,
    );
  }
  for (const timing of [floor, reroll, rerollJs, rerollRows, rerollWeekUser, rerollFiltered]) {
    const note = timing === floor ? ' (peer: the floor)' : '';
    console.log(
      `  ${timing.name.padEnd(39)}${format(timing.first)} / ${format(timing.best)}  ${perSecond(timing.best)}${note}`,
    );
  }
  console.log(
    `  re-roll (day, project, model) and hand pass alternating back to back, medians of 21: ${format(rerollWarm)} (${perSecond(rerollWarm)}) and ${format(floorWarm)} (${perSecond(floorWarm)})`,
  );
  const ratio = (peer: Timing, ours: Timing, target: string) => {
    const { best, paired } = ratioOf(peer, ours);
    return `${best.toFixed(2)}x best, ${paired.toFixed(2)}x paired (target ${target})`;
  };
  console.log('ratios (> 1 means usagekit is faster; paired: median of per-round ratios):');
  console.log(`  first answer vs Map loop                  ${ratio(map, first, '>= 1.5x')}`);
  console.log(`  first answer vs Arquero, needed fields    ${ratio(arquero, first, '>= 6x')}`);
  console.log(
    `  first answer vs Arquero, whole results    ${ratio(arqueroWhole, first, 'none: context, the target is on the peer above')}`,
  );
  const ingestTime = ratioOf(ingest, map);
  console.log(
    `  full ingest time / Map loop time           ${ingestTime.best.toFixed(2)}x best, ${ingestTime.paired.toFixed(2)}x paired (target <= 1.2x)`,
  );
  const pricedTime = ratioOf(ingestPriced, ingest);
  console.log(
    `  priced ingest time / ingest time           ${pricedTime.best.toFixed(2)}x best, ${pricedTime.paired.toFixed(2)}x paired (the cost column: one pricer call a result)`,
  );
  console.log(
    `  WebAssembly kernel, re-roll end to end    ${ratio(rerollJs, reroll, '>= 1.3x to keep it')}`,
  );
  const readingRatio = ratioOf(first, reading);
  console.log(
    `  first answer vs the loads it needs        ${readingRatio.best.toFixed(2)}x their time best, ${readingRatio.paired.toFixed(2)}x paired (the rest: turning strings into codes, grouping, the result)`,
  );
  console.log(
    `  re-roll throughput                        ${perSecond(reroll.best)} columns, ${perSecond(rerollRows.best)} with rows (target >= 100 M rows/s; the floor: ${perSecond(floor.best)})`,
  );
  const floorRatio = ratioOf(reroll, floor);
  console.log(
    `  re-roll vs hand pass                      ${floorRatio.best.toFixed(2)}x its time best, ${floorRatio.paired.toFixed(2)}x paired (1.00x = at the JavaScript floor; below it, WebAssembly)`,
  );
  console.log('memory:');
  console.log(`  parsed JSON pages   ${(jsonBytes / resultCount).toFixed(0)} bytes/result`);
  console.log(
    `  ingested table      ${(tableBytes / rows).toFixed(0)} bytes/row measured, ${(table.memoryBytes() / rows).toFixed(0)} estimated (ratio ${(jsonBytes / resultCount / (tableBytes / rows)).toFixed(1)}x smaller, target >= 3x)`,
  );
  console.log(
    `  WebAssembly copies  ${(kernelMemoryBytes(columnarTable(table)) / rows).toFixed(0)} bytes/row (columns the re-rolls read, kept until the table changes)`,
  );
  console.log(
    `  groups: ${groups}, rollupPages, rollup and both Arquero runs agree with the Map loop`,
  );
}

if (!canCollectGarbage) console.log('(run node with --expose-gc for memory figures)');
// Once any ArrayBuffer in a process has been detached (transferred), V8 checks every typed-array
// access for detachment; Node's fetch (web streams) and Arquero both detach buffers, so a real
// process that fetched usage over HTTP runs in this state. Enter it up front, so every contender
// is measured in it whatever the order of the runs.
const detached = new ArrayBuffer(8);
structuredClone(detached, { transfer: [detached] });
const counts = process.argv.slice(2).map(Number);
for (const count of counts.length > 0 ? counts : [1_000_000, 4_000_000]) await run(count);
