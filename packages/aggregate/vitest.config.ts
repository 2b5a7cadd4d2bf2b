import { defineProject } from 'vitest/config';

// Resolve workspace deps to src/ via "@usagekit/source"; this list replaces Vite's default server conditions.
const conditions = ['@usagekit/source', 'module', 'node', 'development|production'];

export default defineProject({
  ssr: { resolve: { conditions } },
  test: {
    name: '@usagekit/aggregate',
    include: ['src/**/*.test.ts'],
    // Property tests run hundreds of roll-ups: a loaded machine can take seconds for them.
    testTimeout: 30_000,
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
  },
});
