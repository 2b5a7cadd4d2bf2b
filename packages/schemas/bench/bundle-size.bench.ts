/**
 * What does importing part of `@usagekit/schemas` add to an application bundle?
 *
 * Bundles (esbuild, minified, ESM) one endpoint's result schema, `parsePage`, and the whole
 * registry, and prints each size raw and gzipped, with the share of the whole registry. Run with
 * `ignore-side-effects` as an argument to bundle as a bundler that ignores `"sideEffects": false`.
 *
 * Run: `pnpm --filter @usagekit/schemas bench` (this is its second half).
 */
import { gzipSync } from 'node:zlib';
import { bundleExports } from './bundle';

const honourSideEffectsField = !process.argv.includes('ignore-side-effects');
const selections: [label: string, names: string[]][] = [
  ['CompletionsResultSchema', ['CompletionsResultSchema']],
  ['CostsResultSchema', ['CostsResultSchema']],
  ['VectorStoresResultSchema', ['VectorStoresResultSchema']],
  ['ProjectSchema', ['ProjectSchema']],
  ['assertParams', ['assertParams']],
  ['parsePage', ['parsePage']],
  ['endpoints (whole registry)', ['endpoints']],
];

const sizes = await Promise.all(
  selections.map(async ([label, names]) => {
    const code = await bundleExports(names, { honourSideEffectsField });
    return { label, bytes: code.length, gzipBytes: gzipSync(code).length };
  }),
);
const whole = sizes.at(-1)?.bytes ?? 1;
console.log(
  `bundle sizes (esbuild, minified, ESM; sideEffects field ${honourSideEffectsField ? 'honoured' : 'ignored'}):`,
);
for (const { label, bytes, gzipBytes } of sizes) {
  const share = `${((bytes / whole) * 100).toFixed(0)}%`.padStart(4);
  console.log(
    `  ${label.padEnd(28)} ${String(bytes).padStart(7)} B   gzip ${String(gzipBytes).padStart(6)} B   ${share} of the registry`,
  );
}
