import { describe, expect, test } from 'vitest';
import { ExitCode } from '../exit-codes';
import { runCommand } from './run-command';

const env = { USAGEKIT_NOW: '2025-03-15T12:00:00Z' };
// A window that starts and ends mid-day in Tokyo, read from daily buckets: the engine and the
// report layer have things to say about buckets, days and edges.
const TOKYO = [
  '--since',
  '2025-03-01T08:00',
  '--until',
  '2025-03-10T08:30',
  '--tz',
  'Asia/Tokyo',
  '--json',
];
// Unix seconds of these years: ten digits starting 17.
const UNIX_SECONDS = /\b1[6-8]\d{8}\b/;

describe('warnings', () => {
  test('say times in the chosen zone, never as Unix seconds', async () => {
    const runs = await Promise.all([
      runCommand(['report', ...TOKYO, '--bucket-width', '1d', '--grain', 'week'], env),
      runCommand(['costs', ...TOKYO], env),
      runCommand(['reconcile', ...TOKYO], env),
    ]);
    const warnings = runs.flatMap((run) => {
      expect(run.code, run.stderr).toBe(ExitCode.ok);
      return (JSON.parse(run.stdout) as { warnings: string[] }).warnings;
    });
    expect(warnings.length).toBeGreaterThan(0);
    for (const warning of warnings) expect(warning).not.toMatch(UNIX_SECONDS);
  });
});
