import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ExitCode } from '../exit-codes';
import { HOSTILE_KEY, startHostileServer } from './hostile-server';
import type { LocalServer } from './local-server';
import { runCommand } from './run-command';

const NOW = '2025-03-15T12:00:00Z';
const RANGE = ['--since', '2025-03-08', '--until', '2025-03-10', '--endpoint', 'completions'];
// Clipboard write (OSC 52), clear screen (CSI 2J), a right-to-left override, a C1 CSI and a bell.
const NAMES = [
  '\u001b]52;c;ZXZpbA==\u0007clip',
  'wipe\u001b[2Jscreen',
  'invoice\u202Efdp.exe',
  'c1\u009b31mred\u0007',
];
// Anything that a terminal would act on rather than show.
const TERMINAL_CONTROLS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let server: LocalServer;

beforeAll(async () => {
  server = await startHostileServer({
    nowMs: Date.parse(NOW),
    names: NAMES,
    extraField: 'x_\u001b[2J\u202Efield',
  });
});

afterAll(async () => {
  await server?.close();
});

const env = () => ({
  OPENAI_ADMIN_KEY: HOSTILE_KEY,
  OPENAI_BASE_URL: server.baseURL,
  USAGEKIT_NOW: NOW,
});

describe('names with terminal controls', () => {
  test('tables and warnings show them neutralised', async () => {
    const run = await runCommand(
      ['report', ...RANGE, '--by', 'project', '--grain', 'total'],
      env(),
    );
    expect(run.code, run.stderr).toBe(ExitCode.ok);
    expect(run.stdout).toMatch(/wipe.+screen/);
    expect(run.stdout).not.toMatch(TERMINAL_CONTROLS);
    expect(run.stderr).toMatch(/warning: .*answered with/);
    expect(run.stderr).not.toMatch(TERMINAL_CONTROLS);
  });

  test('JSON keeps the raw names, escaped as JSON escapes them', async () => {
    const run = await runCommand(
      ['report', ...RANGE, '--by', 'project', '--grain', 'total', '--json'],
      env(),
    );
    expect(run.code, run.stderr).toBe(ExitCode.ok);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: JSON escapes C0 controls.
    expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    const names = JSON.parse(run.stdout).rows.map(
      (row: { project_name: string }) => row.project_name,
    );
    for (const name of NAMES) expect(names).toContain(name);
  });
});
