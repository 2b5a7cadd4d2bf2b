import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ADMIN_KEY } from '@usagekit/mock';
import { type MockServer, startMockServer } from '@usagekit/mock/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ExitCode } from '../exit-codes';
import { type CommandRun, runCommand } from './run-command';

// A key that gets 403 on every directory read, in an organization that refuses costs by key.
const NOW = '2025-03-15T12:00:00Z';
const RANGE = ['--since', '2025-03-08', '--until', '2025-03-10'];
const NAMES_NOTICE = 'names unavailable: this key lacks api.management.read; showing ids';
const GROUPING_NOTICE = 'grouping by api_key_id refused by this organization; shown without it';

let server: MockServer;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startMockServer({
    now: Date.parse(NOW),
    access: { directory: 'forbidden', refusedGroupings: { costs: ['api_key_id'] } },
  });
  env = { OPENAI_ADMIN_KEY: DEMO_ADMIN_KEY, OPENAI_BASE_URL: server.baseURL, USAGEKIT_NOW: NOW };
});

afterAll(async () => {
  await server?.close();
});

function occurrences(text: string, notice: string): number {
  return text.split(notice).length - 1;
}

/** Exit 0, and each expected notice exactly once on stderr (and nothing else said there). */
function expectDegraded(run: CommandRun, notices: readonly string[]): void {
  expect(run.code, run.stderr).toBe(ExitCode.ok);
  for (const notice of notices) expect(occurrences(run.stderr, notice), run.stderr).toBe(1);
  expect(run.stderr.trimEnd().split('\n').length, run.stderr).toBe(notices.length);
}

describe('a key without directory access in an organization refusing a grouping', () => {
  test('report, costs, reconcile and forecast show numbers with ids and one notice per refusal', async () => {
    const [report, costs, reconcile, forecast] = await Promise.all([
      runCommand(['report', ...RANGE, '--by', 'project', '--endpoint', 'completions'], env),
      runCommand(['costs', ...RANGE, '--by', 'project,key'], env),
      runCommand(['reconcile', ...RANGE, '--by', 'key'], env),
      runCommand(['forecast', '--by', 'project'], env),
    ]);
    expectDegraded(report as CommandRun, [NAMES_NOTICE]);
    expectDegraded(costs as CommandRun, [NAMES_NOTICE, GROUPING_NOTICE]);
    expectDegraded(reconcile as CommandRun, [NAMES_NOTICE, GROUPING_NOTICE]);
    expectDegraded(forecast as CommandRun, [NAMES_NOTICE]);
    expect(report?.stdout).toMatch(/proj_\w+/);
    expect(costs?.stdout).toMatch(/proj_\w+\s+\$/);
    expect(costs?.stdout).not.toMatch(/API key/);
    expect(reconcile?.stdout).toMatch(/proj_\w+/);
    expect(reconcile?.stdout).not.toMatch(/API key/);
  });

  test('--json carries the notices in warnings, ids without names, the refused grouping left out', async () => {
    const [report, costs] = await Promise.all([
      runCommand(
        ['report', ...RANGE, '--by', 'project', '--endpoint', 'completions', '--json'],
        env,
      ),
      runCommand(['costs', ...RANGE, '--by', 'project,key', '--json'], env),
    ]);
    expectDegraded(report as CommandRun, [NAMES_NOTICE]);
    expectDegraded(costs as CommandRun, [NAMES_NOTICE, GROUPING_NOTICE]);
    const reportOutput = JSON.parse(report?.stdout ?? '{}');
    expect(
      reportOutput.warnings.filter((warning: string) => warning === NAMES_NOTICE),
    ).toHaveLength(1);
    expect(reportOutput.rows.length).toBeGreaterThan(0);
    for (const row of reportOutput.rows) {
      expect(row.project_id).toMatch(/^proj_/);
      expect(row.project_name).toBeNull();
    }
    const costsOutput = JSON.parse(costs?.stdout ?? '{}');
    expect(costsOutput.warnings).toEqual(expect.arrayContaining([NAMES_NOTICE, GROUPING_NOTICE]));
    expect(costsOutput.dimensions).toEqual(['project_id']);
    const truth = server.api.totals('costs', {
      start_time: Date.parse('2025-03-08T00:00:00Z') / 1000,
      end_time: Date.parse('2025-03-10T00:00:00Z') / 1000,
    });
    expect(Number(costsOutput.totals.amount_value)).toBeCloseTo(truth.amount_value, 4);
  });

  test('export writes every row with ids and says so once', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'usagekit-restricted-'));
    const file = join(directory, 'export.csv');
    const run = await runCommand(['export', ...RANGE, '--endpoint', 'costs', '-o', file], env);
    expect(run.code, run.stderr).toBe(ExitCode.ok);
    expect(occurrences(run.stderr, NAMES_NOTICE)).toBe(1);
    expect(occurrences(run.stderr, GROUPING_NOTICE)).toBe(1);
    expect(await readFile(file, 'utf8')).toMatch(/proj_\w+/);
  });

  test('budget: a project named by name cannot be matched without names: a config error naming it', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'usagekit-restricted-'));
    const [project] = server.api.organization.projects;
    const config = join(directory, 'usagekit.config.json');
    await writeFile(
      config,
      JSON.stringify({
        budgets: [
          { name: 'by id', amount: 100_000_000, project: project?.id },
          { name: 'by name', amount: 100_000_000, project: project?.name },
        ],
      }),
    );
    const byName = await runCommand(['budget', '--json'], env, directory);
    expect(byName.code, byName.stderr).toBe(ExitCode.config);
    expect(byName.stderr).toMatch(/budget "by name": project ".+" matches no spend/);
    expect(byName.stderr).toMatch(/proj_\.\.\./);
    expect(byName.stdout).toBe('');
    await writeFile(
      config,
      JSON.stringify({ budgets: [{ name: 'by id', amount: 100_000_000, project: project?.id }] }),
    );
    const byId = await runCommand(['budget', '--json'], env, directory);
    expect(byId.code, byId.stderr).toBe(ExitCode.ok);
    expect(occurrences(byId.stderr, NAMES_NOTICE)).toBe(1);
    expect(Number(JSON.parse(byId.stdout).rows[0].spent)).toBeGreaterThan(0);
  });
});
