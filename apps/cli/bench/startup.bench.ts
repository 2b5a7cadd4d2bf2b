// Start-up time of `usagekit --help`: builds once with tsup, then times `node dist/cli.js --help`
// over N runs next to `node -e 0` (the floor: Node's own start-up). Target: p50 under 300 ms.
// Run: pnpm --filter usagekit bench   (RUNS=40 to change the count)
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.RUNS ?? 30);

execFileSync('npx', ['tsup'], { cwd: packageDirectory, stdio: 'ignore' });

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

function once(args: string[]): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: packageDirectory, stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${result.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const cases = [
  { label: 'node -e 0 (floor)', args: ['-e', '0'] },
  { label: 'node dist/cli.js --help', args: ['dist/cli.js', '--help'] },
  { label: 'node dist/cli.js report -h', args: ['dist/cli.js', 'report', '--help'] },
];
// Interleaved, so load on the shared machine hits every case alike; two warm-up rounds first.
const samples = cases.map(() => [] as number[]);
for (let round = 0; round < runs + 2; round += 1) {
  cases.forEach((item, index) => {
    const elapsedMs = once(item.args);
    if (round >= 2) samples[index]?.push(elapsedMs);
  });
}

console.log(`usagekit start-up, ${runs} interleaved runs each (Node ${process.version})`);
const results = cases.map((item, index) => {
  const sorted = [...(samples[index] ?? [])].sort((left, right) => left - right);
  const p50 = percentile(sorted, 0.5);
  const p95 = percentile(sorted, 0.95);
  console.log(
    `${item.label.padEnd(28)} p50 ${p50.toFixed(1).padStart(7)} ms   p95 ${p95.toFixed(1).padStart(7)} ms`,
  );
  return { p50, p95 };
});
const [floor = { p50: Number.NaN }, help = { p50: Number.NaN }, report = { p50: Number.NaN }] =
  results;
console.log(
  `--help over floor: +${(help.p50 - floor.p50).toFixed(1)} ms (x${(help.p50 / floor.p50).toFixed(2)})`,
);
console.log(
  `report --help over floor: +${(report.p50 - floor.p50).toFixed(1)} ms (x${(report.p50 / floor.p50).toFixed(2)})`,
);
console.log(`target --help p50 < 300 ms: ${help.p50 < 300 ? 'met' : 'NOT met'}`);
