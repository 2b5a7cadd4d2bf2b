import { expect, test } from 'vitest';
import { ExitCode } from '../exit-codes';
import { runCommand } from './run-command';

/** Exact micro-units of a decimal money string. */
function micros(amount: string): bigint {
  const [whole = '0', fraction = ''] = amount.replace('-', '').split('.');
  const value = BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, '0').slice(0, 6));
  return amount.startsWith('-') ? -value : value;
}

test('reconcile: variance = Σ causes + unexplained for every row and the total; Scale Tier is a cause in dollars', async () => {
  const run = await runCommand(
    ['reconcile', '--since', '2026-11-01', '--until', '2026-12-01', '--json'],
    { USAGEKIT_NOW: '2026-12-04T12:00:00Z' },
  );
  expect(run.code, run.stderr).toBe(ExitCode.ok);
  const document = JSON.parse(run.stdout) as {
    rows: Record<string, string | null>[];
    totals: Record<string, string | null>;
  };
  for (const row of [...document.rows, document.totals]) {
    let explained = 0n;
    for (const [key, value] of Object.entries(row)) {
      if (key.startsWith('cause_') && value !== null) explained += micros(value);
    }
    expect(explained + micros(row.unexplained as string), row.project_id ?? 'total').toBe(
      micros(row.variance as string),
    );
  }
  const support = document.rows.find((row) => row.project_name === 'Customer Support Assistant');
  expect(micros(support?.cause_scale_tier ?? '0')).toBeGreaterThan(1_000_000_000n);
});
