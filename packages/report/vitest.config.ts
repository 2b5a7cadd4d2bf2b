import { defineProject } from 'vitest/config';

// Resolve workspace deps to src/ via "@usagekit/source"; this list replaces Vite's default server conditions.
const conditions = ['@usagekit/source', 'module', 'node', 'development|production'];

export default defineProject({
  ssr: { resolve: { conditions } },
  test: {
    name: '@usagekit/report',
    include: ['src/**/*.test.ts'],
    // Reports against the mock fetch a day of minute buckets: seconds on a loaded machine.
    testTimeout: 60_000,
  },
});
