import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toMicros } from '@usagekit/cost';
import { DEMO_ADMIN_KEY } from '@usagekit/mock';
import { type MockServer, startMockServer } from '@usagekit/mock/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ExitCode } from '../exit-codes';
import { runCommand } from './run-command';

// The mock's clock and the command's clock are pinned to the same instant.
const NOW = '2025-03-15T12:00:00Z';
const START = Date.parse('2025-03-01T00:00:00Z') / 1000;
const END = Date.parse('2025-03-08T00:00:00Z') / 1000;
const RANGE = ['--since', '2025-03-01', '--until', '2025-03-08'];

let server: MockServer;
let faulty: MockServer;
let env: Record<string, string>;

beforeAll(async () => {
  // The hostile organization: the demo's usage under names that test escaping (formulas, markup).
  server = await startMockServer({ now: Date.parse(NOW), organization: 'hostile' });
  faulty = await startMockServer({
    now: Date.parse(NOW),
    organization: 'hostile',
    faults: {
      seed: 'cli-e2e',
      rateLimitShare: 0.08,
      retryAfterSeconds: 0,
      internalErrorShare: 0.05,
      unavailableShare: 0.04,
      dropConnectionShare: 0.02,
      truncateBodyShare: 0.02,
    },
  });
  env = { OPENAI_ADMIN_KEY: DEMO_ADMIN_KEY, OPENAI_BASE_URL: server.baseURL, USAGEKIT_NOW: NOW };
});

afterAll(async () => {
  await server?.close();
  await faulty?.close();
});

function expectNoKey(output: string): void {
  expect(output).not.toContain(DEMO_ADMIN_KEY);
  expect(output).not.toContain(DEMO_ADMIN_KEY.slice(9));
}

describe('usagekit report against the mock server', () => {
  test('totals equal the mock ground truth for every completions metric', async () => {
    const run = await runCommand(
      [
        'report',
        ...RANGE,
        '--endpoint',
        'completions',
        '--by',
        'project,model',
        '--grain',
        'day',
        '--json',
      ],
      env,
    );
    expect(run.code, run.stderr).toBe(ExitCode.ok);
    const output = JSON.parse(run.stdout);
    expect(output.demo).toBe(false);
    expect(output.range).toEqual({ start: '2025-03-01T00:00:00Z', end: '2025-03-08T00:00:00Z' });
    const truth = server.api.totals('completions', { start_time: START, end_time: END });
    for (const metric of [
      'input_tokens',
      'output_tokens',
      'num_model_requests',
      'input_cached_tokens',
    ] as const) {
      expect(output.totals[metric], metric).toBe(truth[metric]);
      const rowSum = output.rows.reduce(
        (sum: number, row: Record<string, number>) => sum + (row[metric] ?? 0),
        0,
      );
      expect(rowSum, metric).toBe(truth[metric]);
    }
    expect(output.rows[0]).toHaveProperty('project_name');
    expect(output.rows[0].period_start).toMatch(/^2025-03-0\dT00:00:00Z$/);
    expect(output.totals.estimated_cost).toMatch(/^\d+\.\d{6}$/);
    expectNoKey(run.stdout + run.stderr);
  });

  test('every usage endpoint matches the ground truth over the whole range', async () => {
    const run = await runCommand(
      ['report', ...RANGE, '--grain', 'total', '--by', 'endpoint', '--json'],
      env,
    );
    expect(run.code, run.stderr).toBe(ExitCode.ok);
    const rows: Record<string, unknown>[] = JSON.parse(run.stdout).rows;
    const byEndpoint = new Map(rows.map((row) => [row.endpoint, row]));
    const checks = [
      ['embeddings', 'input_tokens'],
      ['images', 'images'],
      ['audio_speeches', 'characters'],
      ['audio_transcriptions', 'seconds'],
      ['code_interpreter_sessions', 'num_sessions'],
      ['web_search_calls', 'num_model_requests'],
    ] as const;
    for (const [endpoint, metric] of checks) {
      const truth = server.api.totals(endpoint, { start_time: START, end_time: END }) as Record<
        string,
        number
      >;
      expect(byEndpoint.get(endpoint)?.[metric] ?? 0, `${endpoint}.${metric}`).toBe(truth[metric]);
    }
  });

  test('survives injected faults (429, 5xx, dropped connections, truncated bodies) with identical numbers', async () => {
    const args = ['report', ...RANGE, '--by', 'project', '--json'];
    const [clean, withFaults] = await Promise.all([
      runCommand(args, env),
      runCommand(args, { ...env, OPENAI_BASE_URL: faulty.baseURL }),
    ]);
    expect(withFaults.code, withFaults.stderr).toBe(ExitCode.ok);
    const cleanOutput = JSON.parse(clean.stdout);
    const faultOutput = JSON.parse(withFaults.stdout);
    expect(faultOutput.rows).toEqual(cleanOutput.rows);
    expect(faultOutput.totals).toEqual(cleanOutput.totals);
  });
});

describe('several organizations from the config file', () => {
  test('reads each with its own key variable and keeps them apart by organization', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'usagekit-orgs-'));
    await writeFile(
      join(directory, 'usagekit.config.json'),
      JSON.stringify({
        organizations: [
          { name: 'east', keyEnv: 'EAST_ADMIN_KEY', baseURL: server.baseURL },
          { name: 'west', keyEnv: 'WEST_ADMIN_KEY', baseURL: faulty.baseURL },
        ],
      }),
    );
    const run = await runCommand(
      [
        'report',
        ...RANGE,
        '--endpoint',
        'completions',
        '--by',
        'org',
        '--grain',
        'total',
        '--json',
      ],
      { USAGEKIT_NOW: NOW, EAST_ADMIN_KEY: DEMO_ADMIN_KEY, WEST_ADMIN_KEY: DEMO_ADMIN_KEY },
      directory,
    );
    expect(run.code, run.stderr).toBe(ExitCode.ok);
    const output = JSON.parse(run.stdout);
    const truth = server.api.totals('completions', { start_time: START, end_time: END });
    expect(output.organizations).toEqual(['east', 'west']);
    expect(
      output.rows.map((row: Record<string, unknown>) => [row.organization, row.input_tokens]),
    ).toEqual([
      ['east', truth.input_tokens],
      ['west', truth.input_tokens],
    ]);
    expect(output.totals.input_tokens).toBe(2 * truth.input_tokens);
  });
});

describe('usagekit costs and export against the mock server', () => {
  test('billed totals equal the mock ground truth to the micro-unit per row', async () => {
    const run = await runCommand(['costs', ...RANGE, '--by', 'project,line_item', '--json'], env);
    expect(run.code, run.stderr).toBe(ExitCode.ok);
    const output = JSON.parse(run.stdout);
    const truth = server.api.totals('costs', { start_time: START, end_time: END });
    const billedMicros = Math.round(Number(output.totals.amount_value) * 1e6);
    expect(Math.abs(billedMicros - toMicros(truth.amount_value))).toBeLessThanOrEqual(
      output.rows.length,
    );
  });

  test('export writes CSV atomically with names and formula-safe cells', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'usagekit-export-'));
    const file = join(directory, 'usage.csv');
    const run = await runCommand(
      ['export', ...RANGE, '--endpoint', 'completions,costs', '-o', file],
      env,
    );
    expect(run.code, run.stderr).toBe(ExitCode.ok);
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\r\n');
    const header = lines[0]?.split(',') ?? [];
    expect(header.slice(0, 4)).toEqual(['organization', 'endpoint', 'start_time', 'end_time']);
    expect(header).toContain('project_name');
    const inputColumn = header.indexOf('input_tokens');
    const completions = lines.slice(1).filter((line) => line.split(',')[1] === 'completions');
    const exported = completions.reduce(
      (sum, line) => sum + Number(line.split(',')[inputColumn]),
      0,
    );
    expect(exported).toBe(
      server.api.totals('completions', { start_time: START, end_time: END }).input_tokens,
    );
    for (const line of lines) expect(line).not.toMatch(/(^|,)"?[=+@]/);
    expectNoKey(await readFile(file, 'utf8'));
  });
});

describe('usagekit errors', () => {
  test('a wrong key is refused with exit 4 and the key is never printed', async () => {
    const key = 'sk-admin-wrong-0123456789abcdefghij';
    const run = await runCommand(['costs', '--since', '7d'], { ...env, OPENAI_ADMIN_KEY: key });
    expect(run.code).toBe(ExitCode.auth);
    expect(run.stderr).toMatch(/401|refused/);
    expect(run.stdout + run.stderr).not.toContain(key);
    expect(run.stdout + run.stderr).not.toContain('0123456789abcdefghij');
  });

  test('a project key gets exit 4 and a pointer to admin keys', async () => {
    const key = 'sk-proj-notadmin-0123456789abcdef';
    const run = await runCommand(['costs', '--since', '7d'], { ...env, OPENAI_ADMIN_KEY: key });
    expect(run.code).toBe(ExitCode.auth);
    expect(run.stderr).toMatch(/ADMIN key/);
    expect(run.stdout + run.stderr).not.toContain('0123456789abcdef');
  });

  test('an unreachable API gives exit 5', async () => {
    const run = await runCommand(['costs', '--since', '2d', '--quiet', '--retries', '1'], {
      ...env,
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
    });
    expect(run.code).toBe(ExitCode.api);
    expect(run.stderr).toMatch(/reach the API/);
  });

  test('bad flags, ranges and key flags give exit 2 before any request', async () => {
    const runs = await Promise.all([
      runCommand(['report', '--grain', 'fortnight'], env),
      runCommand(['report', '--since', '2025-03-10', '--until', '2025-03-01'], env),
      runCommand(['report', '--by', 'colour'], env),
      runCommand(['report', '--api-key', 'sk-admin-abcdefgh123'], env),
      runCommand(['report', '--frobnicate'], env),
    ]);
    for (const run of runs) expect(run.code, run.stderr).toBe(ExitCode.usage);
    expect(runs[0]?.stderr).toMatch(
      /--grain: "fortnight" is not a grain; allowed: .*day, week, month/,
    );
    expect(runs[1]?.stderr).toMatch(/since must be before (--)?until/);
    expect(runs[2]?.stderr).toMatch(/allowed: .*project/);
    expect(runs[3]?.stderr).toMatch(/OPENAI_ADMIN_KEY/);
    expect(runs[3]?.stderr).not.toContain('abcdefgh123');
  });

  test('budget exits 6 when a budget is over, and reads keys only from the named variables', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'usagekit-budget-'));
    await writeFile(
      join(directory, 'usagekit.config.json'),
      JSON.stringify({
        organizations: [{ name: 'acme', keyEnv: 'ACME_ADMIN_KEY', baseURL: server.baseURL }],
        budgets: [
          { name: 'tiny', amount: '0.01' },
          { name: 'huge', amount: 100000000 },
        ],
      }),
    );
    const run = await runCommand(
      ['budget', '--json'],
      { USAGEKIT_NOW: NOW, ACME_ADMIN_KEY: DEMO_ADMIN_KEY },
      directory,
    );
    expect(run.code, run.stderr).toBe(ExitCode.budgetOver);
    const output = JSON.parse(run.stdout);
    expect(output.organizations).toEqual(['acme']);
    expect(output.rows.map((row: { status: string }) => row.status)).toEqual(['over', 'on_track']);
    expectNoKey(run.stdout + run.stderr);
    const missing = await runCommand(['budget'], { USAGEKIT_NOW: NOW }, directory);
    expect(missing.code).toBe(ExitCode.config);
    expect(missing.stderr).toMatch(/ACME_ADMIN_KEY/);
  });
});
