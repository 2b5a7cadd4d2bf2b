import { DEMO_ADMIN_KEY } from '@usagekit/mock';
import { describe, expect, test } from 'vitest';
import { ExitCode } from '../exit-codes';
import { runCommand } from './run-command';

const env = { USAGEKIT_NOW: '2025-03-15T12:00:00Z' };

describe('usagekit demo', () => {
  test('prints usage by project and model, estimate against bill and the forecast, labelled as demo data', async () => {
    const run = await runCommand(['demo'], env);
    expect(run.code, run.stderr).toBe(ExitCode.ok);
    expect(run.stdout).toContain('DEMO DATA');
    expect(run.stdout).toMatch(/usage by project and model/);
    expect(run.stdout).toMatch(/Estimate against the bill/);
    expect(run.stdout).toMatch(/Month-end forecast/);
    expect(run.stdout).toMatch(/Total\s+[\d,]+/);
    expect(run.stdout).not.toContain('\u001b[');
    expect(run.stdout + run.stderr).not.toContain(DEMO_ADMIN_KEY);
  });

  test('JSON says demo: true and carries the three sections', async () => {
    const run = await runCommand(['demo', '--json'], {
      ...env,
      OPENAI_ADMIN_KEY: 'sk-admin-real-key-must-not-be-used-123',
    });
    expect(run.code, run.stderr).toBe(ExitCode.ok);
    const output = JSON.parse(run.stdout);
    expect(output.demo).toBe(true);
    expect(Object.keys(output.sections)).toEqual(['usage', 'reconcile', 'forecast']);
    expect(Number(output.sections.usage.totals.estimated_cost)).toBeGreaterThan(0);
    expect(run.stdout + run.stderr).not.toContain('must-not-be-used');
  });

  test('CSV marks every line as demo data and neutralises formula-like names', async () => {
    const run = await runCommand(['report', '--csv', '--grain', 'total', '--by', 'project'], env);
    expect(run.code, run.stderr).toBe(ExitCode.ok);
    const lines = run.stdout.trimEnd().split('\r\n');
    expect(lines[0]?.endsWith(',demo')).toBe(true);
    for (const line of lines.slice(1)) expect(line.endsWith(',true')).toBe(true);
    for (const line of lines) expect(line).not.toMatch(/(^|,)"?[=+@-][^0-9]/);
  });
});
