/**
 * Backfill benchmark: 90 days of hourly buckets (daily for costs, its only width) from all twelve
 * endpoints, grouped by every dimension, against the mock server with 50 ms injected latency.
 * Compares the planned, concurrent `all()` with a sequential `next_page` loop like the Cookbook's
 * (limit = max, one request at a time) and with the floor ceil(requests / concurrency) x latency.
 *
 * Run: pnpm --filter @usagekit/client bench   (or: npx tsx --conditions=@usagekit/source bench/backfill.bench.ts)
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_ADMIN_KEY } from '@usagekit/mock';
import { startMockServer } from '@usagekit/mock/server';
import {
  type Bucket,
  type EndpointName,
  encodeQuery,
  endpointNames,
  endpoints,
  type Page,
} from '@usagekit/schemas';
import { createUsageClient } from '../src/index';

const LATENCY_MS = 50;
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);
const NOW_MS = Date.UTC(2026, 6, 1, 9, 30);
const END = Date.UTC(2026, 6, 1) / 1000;
const START = END - 90 * 86_400;

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

/** The Cookbook's loop: one request at a time, following next_page, with limit = max. */
async function sequentialLoop(baseURL: string) {
  const result = new Map<string, Bucket<unknown>[]>();
  let requests = 0;
  for (const name of endpointNames) {
    const endpoint = endpoints[name];
    const params = paramsFor(name);
    const limit = (endpoint.bucketWidths as Record<string, { maxLimit: number }>)[
      params.bucket_width
    ]?.maxLimit;
    const buckets: Bucket<unknown>[] = [];
    let cursor: string | null = null;
    do {
      const query = encodeQuery({ ...params, limit, page: cursor });
      const response = await fetch(`${baseURL}${endpoint.path}?${query}`, {
        headers: { authorization: `Bearer ${DEMO_ADMIN_KEY}` },
      });
      requests++;
      const page = (await response.json()) as Page<unknown>;
      buckets.push(...page.data);
      cursor = page.next_page;
    } while (cursor);
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
  const result = new Map<string, Bucket<unknown>[]>(
    endpointNames.map((name, index) => [name, lists[index] ?? []]),
  );
  return { result, requests };
}

async function timed<TValue>(run: () => Promise<TValue>) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await run();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

function sameBuckets(left: Map<string, Bucket<unknown>[]>, right: Map<string, Bucket<unknown>[]>) {
  return JSON.stringify([...left]) === JSON.stringify([...right]);
}

/**
 * Serves the mock's answers from memory after exactly `LATENCY_MS`: each distinct URL is fetched
 * from the mock once, then replayed. This takes the mock's own CPU time (grouping every
 * dimension hourly makes 2.4 MB completions pages) out of the figure, leaving the client's.
 */
async function startReplayServer(upstream: string) {
  const bodies = new Map<string, Buffer>();
  const server = createServer((message, reply) => {
    const url = message.url ?? '/';
    void (async () => {
      let body = bodies.get(url);
      if (body === undefined) {
        const response = await fetch(`${upstream}${url}`, {
          headers: { authorization: message.headers.authorization ?? '' },
        });
        body = Buffer.from(await response.arrayBuffer());
        bodies.set(url, body);
      }
      await new Promise((resolve) => setTimeout(resolve, LATENCY_MS));
      reply.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      reply.end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function measure(label: string, baseURL: string, warmSequential: boolean) {
  // Warm-up: the mock computes and caches its series once (and the replay server records).
  await plannedRun(baseURL);
  if (warmSequential) await sequentialLoop(baseURL);
  const planned = await timed(() => plannedRun(baseURL));
  const sequential = await timed(() => sequentialLoop(baseURL));
  const plannedAgain = await timed(() => plannedRun(baseURL));
  const best = Math.min(planned.ms, plannedAgain.ms);
  const requests = planned.value.requests;
  const floorMs = Math.ceil(requests / CONCURRENCY) * LATENCY_MS;
  console.log(`\n${label}`);
  console.log(
    `  planned all():    ${best.toFixed(0)} ms (runs ${planned.ms.toFixed(0)}, ${plannedAgain.ms.toFixed(0)}), ${requests} requests, process CPU ${planned.cpuMs.toFixed(0)} ms`,
  );
  console.log(
    `  sequential loop:  ${sequential.ms.toFixed(0)} ms, ${sequential.value.requests} requests`,
  );
  console.log(
    `  floor:            ${floorMs} ms = ceil(${requests} / ${CONCURRENCY}) x ${LATENCY_MS} ms`,
  );
  console.log(`  ratio to floor:   ${(best / floorMs).toFixed(2)}x (target <= 1.3x)`);
  console.log(`  speed-up vs loop: ${(sequential.ms / best).toFixed(1)}x (target >= 6x)`);
  console.log(`  same buckets:     ${sameBuckets(planned.value.result, sequential.value.result)}`);
}

console.log('backfill: 12 endpoints, 90 days, hourly (costs daily), grouped by every dimension');
console.log(`latency ${LATENCY_MS} ms, concurrency ${CONCURRENCY}, node ${process.version}`);
const live = await startMockServer({ now: NOW_MS, faults: { latencyMs: LATENCY_MS } });
try {
  await measure('mock server (its CPU time included)', live.baseURL, false);
} finally {
  await live.close();
}
const upstream = await startMockServer({ now: NOW_MS });
const replay = await startReplayServer(upstream.url);
try {
  await measure('replayed mock answers (50 ms each, client cost only)', replay.baseURL, true);
} finally {
  await replay.close();
  await upstream.close();
}
