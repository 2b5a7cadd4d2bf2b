import { defineProject } from 'vitest/config';

// Resolve workspace deps to src/ via "@usagekit/source"; this list replaces Vite's default server conditions.
const conditions = ['@usagekit/source', 'module', 'node', 'development|production'];

export default defineProject({
  ssr: { resolve: { conditions } },
  test: {
    name: '@usagekit/dashboard',
    include: ['src/**/*.test.ts', 'test/e2e/*.test.ts'],
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
    // The browser tests build the front end, load a year of demo data and drive Chromium.
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // One file at a time: each browser test file builds the front end into the same dist/ and
    // loads a year of data, and the machine is shared.
    fileParallelism: false,
  },
});
