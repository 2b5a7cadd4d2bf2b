/**
 * Backfill benchmark: 90 days of hourly buckets (daily for costs, its only width) from all twelve
 * endpoints, grouped by every dimension, against the mock with 50 ms injected latency. Compares
 * the planned, concurrent `all()` with a sequential `next_page` loop like the Cookbook's (limit =
 * the width's maximum, one request at a time, every page validated the same way) and with the
 * floor ceil(requests / concurrency) x latency.
 *
 * The server runs in its own process (`mock-server-process.ts`) so its CPU time never shares the
 * client's thread. Two servers are measured:
 * - live: the mock's server, building every answer on request (its CPU time is in the figure);
 * - replay: each answer recorded once, then replayed after exactly the latency (the client's
 *   cost alone, which is what the floor formula assumes).
 *
 * Run: pnpm --filter @usagekit/client bench
 *   (or: npx tsx --conditions=@usagekit/source bench/backfill.bench.ts)
 * Environment: CONCURRENCY (default 8), BENCH_SERVERS=live,replay (default both),
 * BENCH_SERVER_CPU_PROFILE=<folder> (write a `--cpu-prof` profile of each server process there).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { DEMO_ADMIN_KEY } from '@usagekit/mock';
import {
  type Bucket,
  type BucketWidthLimits,
  type EndpointName,
  encodeQuery,
  endpointNames,
  endpoints,
  parsePage,
} from '@usagekit/schemas';
import { createUsageClient } from '../src/index';

const LATENCY_MS = 50;
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);
const SERVERS = (process.env.BENCH_SERVERS ?? 'live,replay').split(',');
const SERVER_PROFILE_FOLDER = process.env.BENCH_SERVER_CPU_PROFILE;
const NOW_MS = Date.UTC(2026, 6, 1, 9, 30);
const END = Date.UTC(2026, 6, 1) / 1000;
const START = END - 90 * 86_400;

type Buckets = Map<string, Bucket<unknown>[]>;

function paramsFor(name: EndpointName) {
  const endpoint = endpoints[name];
  const width = endpoint.kind === 'costs' ? '1d' : '1h';
  return {
    start_time: START,
    end_time: END,
    bucket_width: width,
    group_by: [...endpoint.dimensions],
  };
}

/**
 * The Cookbook's loop: one request at a time, `limit` = the width's maximum, following
 * `next_page` while `has_more`. Each page is validated like the client's (tolerant mode), so the
 * comparison is like for like; the loop has no planning, concurrency or retries.
 */
async function sequentialLoop(baseURL: string) {
  const result: Buckets = new Map();
  let requests = 0;
  for (const name of endpointNames) {
    const endpoint = endpoints[name];
    const params = paramsFor(name);
    const widths = endpoint.bucketWidths as Readonly<Record<string, BucketWidthLimits>>;
    const limit = widths[params.bucket_width]?.maxLimit;
    const buckets: Bucket<unknown>[] = [];
    let cursor: string | undefined;
    do {
      const query = encodeQuery({ ...params, limit, page: cursor } as never);
      const response = await fetch(`${baseURL}${endpoint.path}?${query}`, {
        headers: { authorization: `Bearer ${DEMO_ADMIN_KEY}`, accept: 'application/json' },
      });
      requests++;
      if (!response.ok) throw new Error(`${response.status} from ${endpoint.path}`);
      const parsed = parsePage(name, JSON.parse(await response.text()), { mode: 'tolerant' });
      if (!parsed.success) throw new Error(`invalid page from ${endpoint.path}`);
      for (const bucket of parsed.output.data) buckets.push(bucket);
      cursor = parsed.output.has_more ? (parsed.output.next_page ?? undefined) : undefined;
    } while (cursor !== undefined);
    result.set(name, buckets);
  }
  return { result, requests };
}

async function plannedRun(baseURL: string) {
  let requests = 0;
  const client = createUsageClient({
    adminKey: DEMO_ADMIN_KEY,
    baseURL,
    concurrency: CONCURRENCY,
    now: () => NOW_MS,
    onEvent: (event) => {
      if (event.type === 'request-started') requests++;
    },
  });
  const lists = await Promise.all(
    endpointNames.map((name) => client.endpoint(name).all(paramsFor(name) as never)),
  );
  const result: Buckets = new Map(endpointNames.map((name, index) => [name, lists[index] ?? []]));
  return { result, requests };
}

interface ServerProcess {
  readonly baseURL: string;
  /** The server process's CPU time so far. @unit milliseconds */
  cpuMs(): Promise<number>;
  close(): Promise<void>;
}

async function timed<TValue>(server: ServerProcess, run: () => Promise<TValue>) {
  const serverCpu = await server.cpuMs();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await run();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const serverCpuMs = (await server.cpuMs()) - serverCpu;
  return { value, ms, cpuMs: (used.user + used.system) / 1000, serverCpuMs };
}

/** Starts the server process in `mode` and resolves once it listens. */
async function startServerProcess(mode: 'live' | 'replay'): Promise<ServerProcess> {
  const child: ChildProcess = fork(
    new URL('./mock-server-process.ts', import.meta.url),
    [mode, String(NOW_MS), String(LATENCY_MS)],
    {
      // From the package folder, so `--import tsx` resolves wherever the bench was started.
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      execArgv: [
        '--conditions=@usagekit/source',
        '--import',
        'tsx',
        ...(SERVER_PROFILE_FOLDER ? ['--cpu-prof', '--cpu-prof-dir', SERVER_PROFILE_FOLDER] : []),
      ],
      stdio: 'inherit',
    },
  );
  const [message] = (await once(child, 'message')) as [{ baseURL: string }];
  return {
    baseURL: message.baseURL,
    cpuMs: async () => {
      const answer = once(child, 'message');
      child.send({ type: 'cpu' });
      const [reply] = (await answer) as [{ cpuMs: number }];
      return reply.cpuMs;
    },
    close: async () => {
      const exited = once(child, 'exit');
      child.disconnect();
      await exited;
    },
  };
}

async function measure(label: string, server: ServerProcess) {
  const { baseURL } = server;
  // Warm-up: the mock computes and caches its series, the replay server records every answer.
  await plannedRun(baseURL);
  await sequentialLoop(baseURL);
  // The sequential loop's buckets are the reference; each planned run is checked against them
  // and then dropped, so earlier results do not weigh on the heap (and the GC) of later runs.
  const { value: loop, ...sequential } = await timed(server, () => sequentialLoop(baseURL));
  const reference = JSON.stringify([...loop.result]);
  const sequentialRequests = loop.requests;
  loop.result.clear();
  const plannedRuns = [];
  let allSame = true;
  for (let run = 0; run < 3; run++) {
    const { value, ...figures } = await timed(server, () => plannedRun(baseURL));
    allSame &&= JSON.stringify([...value.result]) === reference;
    value.result.clear();
    plannedRuns.push({ ...figures, requests: value.requests });
  }
  const sorted = [...plannedRuns].sort((left, right) => left.ms - right.ms);
  const best = sorted[0] as (typeof plannedRuns)[number];
  const median = sorted[1] as (typeof plannedRuns)[number];
  const requests = best.requests;
  const floorMs = Math.ceil(requests / CONCURRENCY) * LATENCY_MS;
  const ratio = best.ms / floorMs;
  const speedUp = sequential.ms / best.ms;
  console.log(`\n${label}`);
  console.log(
    `  planned all():    ${best.ms.toFixed(0)} ms best of ${plannedRuns.length} (median ${median.ms.toFixed(0)} ms), ${requests} requests, CPU: client ${best.cpuMs.toFixed(0)} ms, server ${best.serverCpuMs.toFixed(0)} ms`,
  );
  console.log(
    `  sequential loop:  ${sequential.ms.toFixed(0)} ms, ${sequentialRequests} requests, CPU: client ${sequential.cpuMs.toFixed(0)} ms, server ${sequential.serverCpuMs.toFixed(0)} ms`,
  );
  console.log(
    `  floor:            ${floorMs} ms = ceil(${requests} / ${CONCURRENCY}) x ${LATENCY_MS} ms`,
  );
  console.log(
    `  ratio to floor:   ${ratio.toFixed(2)}x (target <= 1.3x: ${ratio <= 1.3 ? 'met' : 'missed'}; median run ${(median.ms / floorMs).toFixed(2)}x)`,
  );
  console.log(
    `  speed-up vs loop: ${speedUp.toFixed(2)}x (target >= 6x: ${speedUp >= 6 ? 'met' : 'missed'}; median run ${(sequential.ms / median.ms).toFixed(2)}x)`,
  );
  console.log(`  same buckets:     ${allSame} (every planned run equals the sequential loop)`);
}

console.log('backfill: 12 endpoints, 90 days, hourly (costs daily), grouped by every dimension');
console.log(`latency ${LATENCY_MS} ms, concurrency ${CONCURRENCY}, node ${process.version}`);
const labels = {
  live: 'live mock server, separate process (its CPU time per answer included)',
  replay: 'replayed mock answers, separate process (exactly 50 ms each: the client cost alone)',
} as const;
for (const mode of ['live', 'replay'] as const) {
  if (!SERVERS.includes(mode)) continue;
  const server = await startServerProcess(mode);
  try {
    await measure(labels[mode], server);
  } finally {
    await server.close();
  }
}
