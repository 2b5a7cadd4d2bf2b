/**
 * Throughput of the mock server over loopback.
 * Run: `pnpm --filter @usagekit/mock bench` (tsx --conditions=@usagekit/source bench/server.bench.ts)
 */
import { endpointNames, getEndpoint } from '@usagekit/schemas';
import { DEMO_ADMIN_KEY } from '../src/index';
import { startMockServer } from '../src/server';

const headers = { authorization: `Bearer ${DEMO_ADMIN_KEY}` };
const server = await startMockServer({ now: Date.UTC(2026, 8, 15, 12, 30) });
const today = Math.floor(server.api.organization.now / 86_400) * 86_400;

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] as number;
}

async function timed(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${response.status} for ${url}`);
  return performance.now() - started;
}

// 1. A 168-bucket hourly completions page grouped by project and model.
const weekly = `${server.baseURL}/organization/usage/completions?start_time=${today - 7 * 86_400}&end_time=${today}&bucket_width=1h&limit=168&group_by[]=project_id&group_by[]=model`;
const coldMs = await timed(weekly);
for (let index = 0; index < 30; index++) await timed(weekly);
const samples: number[] = [];
for (let index = 0; index < 200; index++) samples.push(await timed(weekly));
samples.sort((left, right) => left - right);
const p50 = percentile(samples, 0.5);
const p95 = percentile(samples, 0.95);
console.log(
  `168 x 1h completions page, group_by project_id+model: cold ${coldMs.toFixed(1)} ms, p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms (target < 20 ms: ${p95 < 20 ? 'met' : 'NOT met'})`,
);

// The same page in process (no sockets, no HTTP client): the server's own share of the time.
const inProcess: number[] = [];
for (let index = 0; index < 200; index++) {
  const started = performance.now();
  const response = await server.api.handle(new Request(weekly, { headers }));
  await response.arrayBuffer();
  inProcess.push(performance.now() - started);
}
inProcess.sort((left, right) => left - right);
console.log(
  `same page in process (api.handle): p50 ${percentile(inProcess, 0.5).toFixed(2)} ms, p95 ${percentile(inProcess, 0.95).toFixed(2)} ms; loopback/in-process p50 ratio ${(p50 / percentile(inProcess, 0.5)).toFixed(2)}`,
);

// The same page grouped by every dimension, in process: warm (its buckets cached) and uncached (a
// filter naming every project plus one unused id gives the same answer under a new cache key, so
// every bucket is built again from the cached hourly splits).
const everyDimension = getEndpoint('completions')
  .dimensions.map((dimension) => `&group_by[]=${dimension}`)
  .join('');
const everyProject = server.api.organization.projects
  .map((project) => `&project_ids[]=${project.id}`)
  .join('');
const allGroups = `${server.baseURL}/organization/usage/completions?start_time=${today - 7 * 86_400}&end_time=${today}&bucket_width=1h&limit=168${everyDimension}`;
async function inProcessMs(url: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const response = await server.api.handle(new Request(url, { headers }));
  const bytes = (await response.arrayBuffer()).byteLength;
  if (response.status !== 200) throw new Error(`${response.status} for ${url}`);
  return { ms: performance.now() - started, bytes };
}
const warmAll: number[] = [];
const uncachedAll: number[] = [];
let allBytes = 0;
for (let index = 0; index < 100; index++) {
  const warm = await inProcessMs(allGroups);
  warmAll.push(warm.ms);
  allBytes = warm.bytes;
  uncachedAll.push(
    (await inProcessMs(`${allGroups}${everyProject}&project_ids[]=proj_unused${index}`)).ms,
  );
}
warmAll.sort((left, right) => left - right);
uncachedAll.sort((left, right) => left - right);
const uncachedP50 = percentile(uncachedAll, 0.5);
console.log(
  `168 x 1h completions page grouped by every dimension (${(allBytes / 1e6).toFixed(1)} MB) in process: warm p50 ${percentile(warmAll, 0.5).toFixed(2)} ms, p95 ${percentile(warmAll, 0.95).toFixed(2)} ms; uncached p50 ${uncachedP50.toFixed(2)} ms, p95 ${percentile(uncachedAll, 0.95).toFixed(2)} ms; uncached/warm p50 ratio ${(uncachedP50 / percentile(warmAll, 0.5)).toFixed(2)}`,
);

// 2. A mixed workload: every endpoint, every width, several groupings, 4 requests in flight.
const mixed: string[] = [];
for (const name of endpointNames) {
  const endpoint = getEndpoint(name);
  const path = name === 'costs' ? '/organization/costs' : `/organization/usage/${name}`;
  for (const [width, limits] of Object.entries(endpoint.bucketWidths)) {
    const span = Math.min(limits.defaultLimit, 31) * limits.seconds;
    for (const groupBy of [[], endpoint.dimensions.slice(0, 1), endpoint.dimensions.slice(0, 2)]) {
      const groups = groupBy.map((dimension) => `&group_by[]=${dimension}`).join('');
      mixed.push(
        `${server.baseURL}${path}?start_time=${today - span}&bucket_width=${width}${groups}`,
      );
    }
  }
}
mixed.push(
  `${server.baseURL}/organization/projects?include_archived=true`,
  `${server.baseURL}/organization/users`,
);
for (const url of mixed) await timed(url);
const concurrency = 4;
const rounds = 10;
const started = performance.now();
let done = 0;
await Promise.all(
  Array.from({ length: concurrency }, async (_, worker) => {
    for (let index = worker; index < mixed.length * rounds; index += concurrency) {
      await timed(mixed[index % mixed.length] as string);
      done++;
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
console.log(
  `mixed workload: ${done} requests (${mixed.length} distinct URLs x ${rounds}) in ${seconds.toFixed(2)} s = ${(done / seconds).toFixed(0)} requests/s over loopback, ${concurrency} in flight`,
);
console.log(
  `ratio: weekly page p50 / mixed mean latency = ${(p50 / ((seconds * 1000 * concurrency) / done)).toFixed(2)}`,
);
await server.close();
