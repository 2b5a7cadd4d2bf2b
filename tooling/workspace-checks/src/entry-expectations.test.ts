import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listEntryExpectations } from './release-rehearsal';
import { listPublishedPackages } from './workspace';

/** Reading exports builds a TypeScript program per entry: seconds each on a busy machine. */
const typeCheckerTimeoutMs = 120_000;

/**
 * The release rehearsal and the packaging checks cover every `exports` entry, subpaths included.
 * This fast check (no build) pins what `@usagekit/cost` splits into subpaths: each is an entry of
 * its own with a source file and runtime exports, and the root entry exports none of them, so a
 * user who only estimates never loads forecasts, budgets, anomalies or allocation.
 */
describe('@usagekit/cost subpaths', () => {
  it(
    'are entries of their own, so the root never loads them',
    () => {
      const cost = listPublishedPackages().find(
        (workspacePackage) => workspacePackage.manifest.name === '@usagekit/cost',
      );
      if (cost === undefined) throw new Error('@usagekit/cost is not published');
      const expectations = listEntryExpectations(cost);
      for (const entry of expectations)
        expect(existsSync(entry.sourceFile), entry.sourceFile).toBe(true);
      const entries = new Map(expectations.map((entry) => [entry.specifier, entry.names]));
      expect([...entries.keys()]).toEqual([
        '@usagekit/cost',
        '@usagekit/cost/forecast',
        '@usagekit/cost/budgets',
        '@usagekit/cost/anomalies',
        '@usagekit/cost/allocation',
      ]);
      expect(entries.get('@usagekit/cost/forecast')).toContain('forecast');
      expect(entries.get('@usagekit/cost/budgets')).toContain('evaluateBudgets');
      expect(entries.get('@usagekit/cost/anomalies')).toContain('detectAnomalies');
      expect(entries.get('@usagekit/cost/allocation')).toContain('allocate');
      for (const name of ['forecast', 'evaluateBudgets', 'detectAnomalies', 'allocate']) {
        expect(entries.get('@usagekit/cost'), name).not.toContain(name);
      }
    },
    typeCheckerTimeoutMs,
  );
});
