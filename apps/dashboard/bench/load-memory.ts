/**
 * Memory of the one-time load: loads the demo organization's year of hourly data as the server
 * does, then prints the peak resident set size of the process and the bytes the tables hold.
 * Target: at most 300 MB peak RSS.
 *
 * Run: pnpm --filter @usagekit/dashboard bench:memory
 */
import { performance } from 'node:perf_hooks';
import { loadDashboardContext } from '../src/server/load-context';

const TARGET_MEGABYTES = 300;

// Samples where memory is while loading, keeping the sample with the highest resident set.
let peak = process.memoryUsage();
let peakMs = 0;
const started = performance.now();
const sampler = setInterval(() => {
  const sample = process.memoryUsage();
  if (sample.rss <= peak.rss) return;
  peak = sample;
  peakMs = performance.now() - started;
}, 50);
const context = await loadDashboardContext({});
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
const megabytes = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
console.log(
  `At the sampled peak (${(peakMs / 1000).toFixed(1)} s in): RSS ${megabytes(peak.rss)} = V8 heap ${megabytes(peak.heapTotal)} (${megabytes(peak.heapUsed)} used) + array buffers ${megabytes(peak.arrayBuffers)} + the rest (code, stacks, allocator) ${megabytes(peak.rss - peak.heapTotal - peak.arrayBuffers)}`,
);
const peakMegabytes = process.resourceUsage().maxRSS / 1024;
for (const [name, table] of Object.entries({ usage: context.usage, billing: context.billing })) {
  console.log(
    `  ${name.padEnd(8)} ${(table.memoryBytes() / 1e6).toFixed(1)} MB (${table.rowCount} rows)`,
  );
}
global.gc?.();
const heapMegabytes = process.memoryUsage().heapUsed / 1e6;
console.log(
  `Loaded the demo year in ${seconds.toFixed(1)} s; peak RSS ${peakMegabytes.toFixed(0)} MB (target ${TARGET_MEGABYTES} MB); heap after load ${heapMegabytes.toFixed(0)} MB`,
);
