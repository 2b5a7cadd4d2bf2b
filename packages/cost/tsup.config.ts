import { defineConfig } from 'tsup';

export default defineConfig({
  // One entry per `exports` subpath: `dist/<name>.{js,cjs,d.ts,d.cts}`.
  entry: {
    index: 'src/index.ts',
    forecast: 'src/forecast/index.ts',
    budgets: 'src/budgets/index.ts',
    anomalies: 'src/anomalies/index.ts',
    allocation: 'src/allocation/index.ts',
  },
  format: ['esm', 'cjs'],
  // Shared modules (errors, money, UTC days) go to chunks for CJS too, so `instanceof CostError`
  // holds across entries.
  splitting: true,
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
});
