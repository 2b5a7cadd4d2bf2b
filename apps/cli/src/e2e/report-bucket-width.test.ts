import { describe, expect, test } from 'vitest';
import { ExitCode } from '../exit-codes';
import { runCommand } from './run-command';

// The embedded demo organization, its history ending at NOW (no key set).
const NOW = '2025-03-15T12:00:00Z';
const env = { USAGEKIT_NOW: NOW };

interface JsonRow {
  readonly endpoint: string;
  readonly period_start: string | null;
  readonly estimated_cost: string;
  readonly input_tokens: number | null;
  readonly partial: boolean;
}

async function reportJson(args: readonly string[]) {
  const run = await runCommand(['report', ...args, '--json'], env);
  expect(run.code, run.stderr).toBe(ExitCode.ok);
  return JSON.parse(run.stdout) as { rows: JsonRow[]; totals: JsonRow; bucket_width: string };
}

describe('usagekit report', () => {
  test('the same window gives the same estimate per endpoint at 1d, 1h and 1m buckets', async () => {
    const window = ['--since', '2025-03-13', '--until', '2025-03-14', '--grain', 'total'];
    const reports = await Promise.all(
      ['1d', '1h', '1m'].map((width) =>
        reportJson([...window, '--by', 'endpoint', '--bucket-width', width]),
      ),
    );
    const perEndpoint = reports.map((report) =>
      Object.fromEntries(
        report.rows.map((row) => [row.endpoint, [row.estimated_cost, row.input_tokens]]),
      ),
    );
    expect(Object.keys(perEndpoint[0] ?? {})).toContain('vector_stores');
    expect(perEndpoint[1]).toEqual(perEndpoint[0]);
    expect(perEndpoint[2]).toEqual(perEndpoint[0]);
    expect(reports.map((report) => report.bucket_width)).toEqual(['1d', '1h', '1m']);
    // Endpoints that do not count tokens say null, not 0.
    expect(reports[0]?.rows.find((row) => row.endpoint === 'images')?.input_tokens).toBeNull();
  });

  test('periods cut by the window or not over yet are partial: true in JSON', async () => {
    const report = await reportJson(['--since', '2025-03-13T12:00Z', '--grain', 'day']);
    const partial = new Map(report.rows.map((row) => [row.period_start, row.partial]));
    expect([...partial.values()]).toEqual([true, false, true]);
    expect(report.totals.partial).toBe(true);
  });
});
