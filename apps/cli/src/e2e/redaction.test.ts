import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ExitCode } from '../exit-codes';
import { HOSTILE_KEY, keyForms, startHostileServer } from './hostile-server';
import type { LocalServer } from './local-server';
import { type CommandRun, runCommand } from './run-command';

const NOW = '2025-03-15T12:00:00Z';
const RANGE = ['--since', '2025-03-08', '--until', '2025-03-10'];

let echoing: LocalServer;
let failing: LocalServer;

beforeAll(async () => {
  echoing = await startHostileServer({ nowMs: Date.parse(NOW) });
  failing = await startHostileServer({ nowMs: Date.parse(NOW), failCosts: true });
});

afterAll(async () => {
  await echoing?.close();
  await failing?.close();
});

function environment(server: LocalServer): Record<string, string> {
  return { OPENAI_ADMIN_KEY: HOSTILE_KEY, OPENAI_BASE_URL: server.baseURL, USAGEKIT_NOW: NOW };
}

function expectNoKeyForm(label: string, text: string): void {
  for (const form of keyForms()) expect(text, `${label} holds "${form}"`).not.toContain(form);
}

function expectClean(label: string, run: CommandRun): void {
  expectNoKeyForm(`${label} stdout`, run.stdout);
  expectNoKeyForm(`${label} stderr`, run.stderr);
}

describe('an API that echoes the key in every encoding', () => {
  test('names and field names: no form of the key in tables, JSON, warnings or export files', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'usagekit-hostile-'));
    const csvFile = join(directory, 'export.csv');
    const jsonlFile = join(directory, 'export.jsonl');
    const env = environment(echoing);
    const by = ['--by', 'project,user,key'];
    const runs = await Promise.all([
      runCommand(['report', ...RANGE, ...by, '--endpoint', 'completions', '--json'], env),
      runCommand(['report', ...RANGE, ...by, '--endpoint', 'completions', '--grain', 'total'], env),
      runCommand(['costs', ...RANGE, '--by', 'project', '--csv'], env),
      runCommand(['export', ...RANGE, '--endpoint', 'completions,costs', '-o', csvFile], env),
      runCommand(['export', ...RANGE, '--endpoint', 'completions', '-o', jsonlFile], env),
    ]);
    runs.forEach((run, index) => {
      expect(run.code, run.stderr).toBe(ExitCode.ok);
      expectClean(`run ${index}`, run);
    });
    const [json] = runs;
    const output = JSON.parse(json?.stdout ?? '{}');
    expect(output.rows.some((row: Record<string, unknown>) => row.project_name !== null)).toBe(
      true,
    );
    expect(output.warnings.join('\n')).toMatch(/answered with/);
    expectNoKeyForm('export.csv', await readFile(csvFile, 'utf8'));
    expectNoKeyForm('export.jsonl', await readFile(jsonlFile, 'utf8'));
  });

  test('an error body: one redacted line on stderr and exit 5', async () => {
    const run = await runCommand(
      ['costs', ...RANGE, '--retries', '0', '--json'],
      environment(failing),
    );
    expect(run.code, run.stderr).toBe(ExitCode.api);
    expect(run.stderr).toMatch(/^usagekit: .*500/);
    expectClean('failed costs', run);
  });
});
