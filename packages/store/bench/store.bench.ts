/**
 * Store benchmark.
 *
 * 1. Ingest: 90 days of every endpoint as `usagekit sync` stores them (usage hourly, grouped by
 *    every dimension; costs daily by project and line item), from the mock's pages. Prints the
 *    rows per second of JSON.parse of those pages (the floor: a sync must parse them anyway)
 *    beside the rows per second of writing the parsed buckets into DuckDB and ClickHouse (a
 *    private server; skipped with a note when clickhouse-server is not installed), each chunk
 *    a replace-and-cover write, committed one by one (the sync before) and batched up to
 *    RESULTS_PER_COMMIT results as `usagekit sync` commits them. Then the store source answers
 *    89 days by project x model x day from the DuckDB file, grouped in SQL and in JavaScript.
 * 2. Roll-up: a year of hourly completions rows (10M rows, 10 projects x 12 models x ...) in a
 *    DuckDB file, rolled up by project x model x day in SQL over the `current_results` view.
 *
 * Run: pnpm --filter @usagekit/store bench
 *   (or: npx tsx --conditions=@usagekit/source bench/store.bench.ts)
 * Environment: ROLLUP_ROWS (default 10000000), BENCH_PARTS=ingest,rollup (default both).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMockApi, DEMO_ADMIN_KEY } from '@usagekit/mock';
import {
  type Bucket,
  type BucketWidth,
  type EndpointName,
  encodeQuery,
  endpointNames,
  getEndpoint,
} from '@usagekit/schemas';
import {
  createStoreSource,
  openDuckDBStore,
  openStore,
  RESULTS_PER_COMMIT,
  type StoreGrouping,
  type UsageStore,
  type WriteBucketsInput,
} from '../src/index';
import { startClickHouseTestServer } from '../src/testing';

const PARTS = (process.env.BENCH_PARTS ?? 'ingest,rollup').split(',');
const ROLLUP_ROWS = Number(process.env.ROLLUP_ROWS ?? 10_000_000);
const NOW_MS = Date.UTC(2026, 6, 1, 9, 30);
const HOUR_END = Date.UTC(2026, 6, 1, 9) / 1000;
const DAY_END = Date.UTC(2026, 6, 1) / 1000;
const DAYS = 90;

interface Chunk {
  readonly endpoint: EndpointName;
  readonly bucketWidth: BucketWidth;
  readonly startTime: number;
  readonly endTime: number;
  /** The raw page texts of the chunk. */
  readonly pages: string[];
}

async function collectPages(): Promise<Chunk[]> {
  const api = createMockApi({ now: NOW_MS });
  const chunks: Chunk[] = [];
  for (const endpoint of endpointNames) {
    const costs = endpoint === 'costs';
    const bucketWidth: BucketWidth = costs ? '1d' : '1h';
    const seconds = costs ? 86_400 : 3600;
    const span = (costs ? 31 : 168) * seconds;
    const end = costs ? DAY_END : HOUR_END;
    const groupBy = costs
      ? ['project_id', 'line_item']
      : (getEndpoint(endpoint).dimensions as readonly string[]);
    for (let start = end - DAYS * 86_400; start < end; start += span) {
      const chunkEnd = Math.min(start + span, end);
      const pages: string[] = [];
      let page: string | undefined;
      do {
        const query = encodeQuery({
          start_time: start,
          end_time: chunkEnd,
          bucket_width: bucketWidth,
          group_by: [...groupBy],
          limit: (chunkEnd - start) / seconds,
          ...(page === undefined ? {} : { page }),
        });
        const response = await api.fetch(`${api.baseURL}${getEndpoint(endpoint).path}?${query}`, {
          headers: { authorization: `Bearer ${DEMO_ADMIN_KEY}` },
        });
        const text = await response.text();
        if (!response.ok) throw new Error(`${endpoint}: ${response.status} ${text}`);
        pages.push(text);
        page = (JSON.parse(text) as { next_page: string | null }).next_page ?? undefined;
      } while (page !== undefined);
      chunks.push({ endpoint, bucketWidth, startTime: start, endTime: chunkEnd, pages });
    }
  }
  return chunks;
}

function parseChunks(chunks: readonly Chunk[]) {
  return chunks.map((chunk) => ({
    ...chunk,
    buckets: chunk.pages.flatMap((text) => (JSON.parse(text) as { data: Bucket<unknown>[] }).data),
  }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Wall and CPU time (every thread of the process, DuckDB's included) of some work. */
async function timed<T>(work: () => Promise<T> | T) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

function rate(rows: number, ms: number): string {
  return `${Math.round((rows / ms) * 1000).toLocaleString('en-US')} rows/s`;
}

/**
 * Writes the chunks as a sync does: `perChunk` commits each chunk alone (the sync before this
 * round); otherwise chunks of a series are committed together up to RESULTS_PER_COMMIT results.
 */
async function ingest(
  store: UsageStore,
  parsed: ReturnType<typeof parseChunks>,
  commits: 'perChunk' | 'batched',
) {
  let rows = 0;
  let transactions = 0;
  let pending: WriteBucketsInput[] = [];
  let pendingRows = 0;
  const commit = async () => {
    if (pending.length === 0) return;
    rows += (await store.writeBatch(pending)).rows;
    transactions += 1;
    pending = [];
    pendingRows = 0;
  };
  for (const [index, chunk] of parsed.entries()) {
    pending.push({
      organization: 'bench',
      endpoint: chunk.endpoint,
      bucketWidth: chunk.bucketWidth,
      startTime: chunk.startTime,
      endTime: chunk.endTime,
      buckets: chunk.buckets,
    });
    pendingRows += chunk.buckets.reduce((sum, bucket) => sum + bucket.results.length, 0);
    const seriesEnds = parsed[index + 1]?.endpoint !== chunk.endpoint;
    if (commits === 'perChunk' || seriesEnds || pendingRows >= RESULTS_PER_COMMIT) await commit();
  }
  return { rows, transactions };
}

async function benchIngest(): Promise<void> {
  console.log(`collecting ${DAYS} days of every endpoint from the mock...`);
  const chunks = await collectPages();
  const bytes = chunks.reduce(
    (sum, chunk) => sum + chunk.pages.reduce((pageSum, text) => pageSum + text.length, 0),
    0,
  );
  const parsed = parseChunks(chunks);
  const rows = parsed.reduce(
    (sum, chunk) => sum + chunk.buckets.reduce((bucketSum, b) => bucketSum + b.results.length, 0),
    0,
  );
  const pageCount = chunks.reduce((sum, chunk) => sum + chunk.pages.length, 0);
  console.log(
    `${pageCount} pages, ${(bytes / 1e6).toFixed(1)} MB, ${rows.toLocaleString('en-US')} result rows in ${chunks.length} chunks`,
  );
  const parseRuns: { ms: number; cpuMs: number }[] = [];
  for (let run = 0; run < 5; run += 1) parseRuns.push(await timed(() => parseChunks(chunks)));
  const parse = {
    ms: median(parseRuns.map((run) => run.ms)),
    cpuMs: median(parseRuns.map((run) => run.cpuMs)),
  };
  // Wall time moves with the machine's load; CPU time (all threads) much less, so both print.
  const report = (label: string, time: { ms: number; cpuMs: number }) =>
    console.log(
      `${label.padEnd(40)} ${time.ms.toFixed(0).padStart(6)} ms  ${rate(rows, time.ms)}  (${(time.ms / parse.ms).toFixed(2)}x JSON.parse)  cpu ${time.cpuMs.toFixed(0)} ms (${(time.cpuMs / parse.cpuMs).toFixed(2)}x)`,
    );
  report('floor: JSON.parse of the pages', parse);

  const directory = await mkdtemp(join(tmpdir(), 'usagekit-store-bench-'));
  try {
    // A first sync (backfill into an empty store), then the same chunks again (every bucket
    // replaced: a worst case, a real re-sync replaces only its lookback); one commit per chunk
    // (the sync before this round) and batched as `usagekit sync` commits now.
    for (const commits of ['perChunk', 'batched'] as const) {
      const store = await openDuckDBStore({ path: join(directory, `ingest-${commits}.duckdb`) });
      const backfill = await timed(() => ingest(store, parsed, commits));
      report(`DuckDB backfill, ${commits} (${backfill.value.transactions} commits)`, backfill);
      report(`DuckDB re-sync, ${commits}`, await timed(() => ingest(store, parsed, commits)));
      // The checkpoint a sync's close runs (the store defers checkpoints to it): part of the cost.
      report(`DuckDB close, ${commits}`, await timed(() => store.close()));
    }
    await benchSource(join(directory, 'ingest-batched.duckdb'));
  } finally {
    await rm(directory, { recursive: true, force: true });
  }

  let server: Awaited<ReturnType<typeof startClickHouseTestServer>> | undefined;
  try {
    server = await startClickHouseTestServer({ database: 'usagekit_bench' });
  } catch (error) {
    console.log(`ClickHouse: skipped (${(error as Error).message})`);
  }
  if (server !== undefined) {
    try {
      const store = await openStore(server.storeUrl);
      for (const commits of ['perChunk', 'batched'] as const) {
        report(
          `ClickHouse backfill, ${commits}`,
          await timed(() => ingest(store, parsed, commits)),
        );
        report(`ClickHouse re-sync, ${commits}`, await timed(() => ingest(store, parsed, commits)));
      }
      await store.close();
    } finally {
      await server.stop();
    }
  }
}

/**
 * The store source answering what `usagekit report` asks for 89 whole days (every usage endpoint by
 * project and model where it has one, daily), grouped in SQL and in JavaScript.
 */
async function benchSource(path: string): Promise<void> {
  const store = await openDuckDBStore({ path });
  // The whole days the sync holds (its usage starts at HOUR_END - DAYS days, mid-day).
  const start = DAY_END - (DAYS - 1) * 86_400;
  try {
    for (const grouping of ['sql', 'javascript'] as StoreGrouping[]) {
      const source = createStoreSource(store, { organization: 'bench', grouping });
      const times: number[] = [];
      let buckets = 0;
      for (let run = 0; run < 3; run += 1) {
        const started = performance.now();
        buckets = 0;
        for (const endpoint of endpointNames) {
          const dimensions = getEndpoint(endpoint).dimensions as readonly string[];
          const params = {
            start_time: start,
            end_time: DAY_END,
            bucket_width: '1d',
            group_by: ['project_id', 'model'].filter((name) => dimensions.includes(name)),
          };
          for await (const batch of source.fetch(endpoint, params)) buckets += batch.length;
        }
        times.push(performance.now() - started);
      }
      console.log(
        `${`store source, 89 days by project x model x day, grouped in ${grouping}`.padEnd(34)} median ${median(times).toFixed(0)} ms (runs ${times.map((time) => time.toFixed(0)).join(', ')} ms), ${buckets} buckets`,
      );
    }
  } finally {
    await store.close();
  }
}

async function benchRollup(): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'usagekit-store-rollup-'));
  try {
    const store = await openDuckDBStore({ path: join(directory, 'rollup.duckdb') });
    const hours = 365 * 24;
    const start = HOUR_END - hours * 3600;
    const perHour = Math.ceil(ROLLUP_ROWS / hours);
    console.log(
      `generating ${ROLLUP_ROWS.toLocaleString('en-US')} hourly completions rows (${hours} hours x ${perHour} groups)...`,
    );
    const generateStarted = performance.now();
    // Rows as a sync writes them: one per hour and group (project x model x user x key).
    await store.query(`INSERT INTO results (organization, endpoint, bucket_width, start_time, end_time,
        row_index, group_key, group_index, generation, fetched_at, project_id, user_id, api_key_id,
        model, batch, input_tokens, output_tokens, num_model_requests, input_cached_tokens, result)
      SELECT 'bench', 'completions', '1h', ${start} + (i // ${perHour}) * 3600,
        ${start} + (i // ${perHour} + 1) * 3600, i % ${perHour}, '[]', i, 1, 1,
        'proj_' || (i % 10), 'user-' || ((i // 10) % 8), 'key_' || ((i // 80) % 18),
        'model-' || ((i // 7) % 12), 'false', (i * 7919) % 100000, (i * 104729) % 20000,
        1 + i % 50, (i * 31) % 5000, '{}'
      FROM range(${ROLLUP_ROWS}) t(i)`);
    console.log(`generated in ${((performance.now() - generateStarted) / 1000).toFixed(1)} s`);
    const sql = `SELECT project_id, model, start_time // 86400 * 86400 AS day,
        sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
        sum(num_model_requests) AS requests
      FROM current_results
      WHERE organization = 'bench' AND endpoint = 'completions' AND bucket_width = '1h'
        AND start_time >= ${start} AND start_time < ${HOUR_END}
      GROUP BY ALL`;
    const times: number[] = [];
    let groups = 0;
    for (let run = 0; run < 5; run += 1) {
      const started = performance.now();
      groups = (await store.query(sql)).length;
      times.push(performance.now() - started);
    }
    console.log(
      `DuckDB roll-up project x model x day of ${ROLLUP_ROWS.toLocaleString('en-US')} rows: median ${median(times).toFixed(0)} ms (runs ${times.map((time) => time.toFixed(0)).join(', ')} ms), ${groups.toLocaleString('en-US')} groups`,
    );
    await store.close();
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

if (PARTS.includes('ingest')) await benchIngest();
if (PARTS.includes('rollup')) await benchRollup();
