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

function time(label: string, args: string[]): { p50: number; p95: number } {
  const samples: number[] = [];
  for (let run = 0; run < runs + 2; run += 1) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { cwd: packageDirectory, stdio: 'ignore' });
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0) throw new Error(`${label} exited with ${result.status}`);
    if (run >= 2) samples.push(elapsedMs); // two warm-up runs fill the file cache
  }
  samples.sort((left, right) => left - right);
  const p50 = percentile(samples, 0.5);
  const p95 = percentile(samples, 0.95);
  console.log(`${label.padEnd(28)} p50 ${p50.toFixed(1).padStart(7)} ms   p95 ${p95.toFixed(1).padStart(7)} ms`);
  return { p50, p95 };
}

console.log(`usagekit start-up, ${runs} runs each (Node ${process.version})`);
const floor = time('node -e 0 (floor)', ['-e', '0']);
const help = time('node dist/cli.js --help', ['dist/cli.js', '--help']);
const report = time('node dist/cli.js report -h', ['dist/cli.js', 'report', '--help']);
console.log(`--help over floor: +${(help.p50 - floor.p50).toFixed(1)} ms (x${(help.p50 / floor.p50).toFixed(2)})`);
console.log(`report --help over floor: +${(report.p50 - floor.p50).toFixed(1)} ms`);
console.log(`target: --help p50 < 300 ms: ${help.p50 < 300 ? 'met' : 'NOT met'}`);
