import { defineProject } from 'vitest/config';

// Resolve workspace deps to src/ via "@usagekit/source"; this list replaces Vite's default server conditions.
const conditions = ['@usagekit/source', 'module', 'node', 'development|production'];

export default defineProject({
  ssr: { resolve: { conditions } },
  test: {
    name: '@usagekit/store',
    include: ['src/**/*.test.ts'],
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
  },
});
