/**
 * Backfill benchmark: 90 days of hourly buckets (daily for costs, its only width) from all twelve
 * endpoints, grouped by every dimension, against the mock server with 50 ms injected latency.
 * Compares the planned, concurrent `all()` with a sequential `next_page` loop like the Cookbook's
 * (limit = max, one request at a time) and with the floor ceil(requests / concurrency) x latency.
 *
 * Run: pnpm --filter @usagekit/client bench   (or: npx tsx --conditions=@usagekit/source bench/backfill.bench.ts)
 */
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
    const limit = (endpoint.bucketWidths as Record<string, { maxLimit: number }>)[params.bucket_width]
      ?.maxLimit;
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
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

function sameBuckets(left: Map<string, Bucket<unknown>[]>, right: Map<string, Bucket<unknown>[]>) {
  return JSON.stringify([...left]) === JSON.stringify([...right]);
}

const server = await startMockServer({ now: NOW_MS, faults: { latencyMs: LATENCY_MS } });
try {
  // Warm-up: the mock computes and caches the series once; both runs then pay the same latency.
  await plannedRun(server.baseURL);
  const planned = await timed(() => plannedRun(server.baseURL));
  const sequential = await timed(() => sequentialLoop(server.baseURL));
  const plannedAgain = await timed(() => plannedRun(server.baseURL));
  const best = Math.min(planned.ms, plannedAgain.ms);
  const requests = planned.value.requests;
  const floorMs = Math.ceil(requests / CONCURRENCY) * LATENCY_MS;
  console.log(`backfill: 12 endpoints, 90 days, hourly (costs daily), every dimension`);
  console.log(`latency ${LATENCY_MS} ms, concurrency ${CONCURRENCY}, node ${process.version}`);
  console.log(`planned all():      ${best.toFixed(0)} ms (runs: ${planned.ms.toFixed(0)}, ${plannedAgain.ms.toFixed(0)}), ${requests} requests`);
  console.log(`sequential loop:    ${sequential.ms.toFixed(0)} ms, ${sequential.value.requests} requests`);
  console.log(`floor:              ${floorMs} ms = ceil(${requests} / ${CONCURRENCY}) x ${LATENCY_MS} ms`);
  console.log(`ratio to floor:     ${(best / floorMs).toFixed(2)}x (target <= 1.3x)`);
  console.log(`speed-up vs loop:   ${(sequential.ms / best).toFixed(1)}x (target >= 6x)`);
  console.log(`same buckets:       ${sameBuckets(planned.value.result, sequential.value.result)}`);
} finally {
  await server.close();
}
