import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ADMIN_KEY } from '@usagekit/mock';
import { startMockServer } from '@usagekit/mock/server';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ExitCode } from '../exit-codes';
import { runInProcess } from './run-in-process';

const NOW_MS = Date.parse('2025-03-15T12:30:00Z');

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'usagekit-report-from-store-'));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

function run(argv: string[], env: Record<string, string>) {
  return runInProcess(argv, { env, cwd: directory, nowMs: NOW_MS });
}

const REPORT = [
  'report',
  '--since',
  '2025-03-13',
  '--until',
  '2025-03-15',
  '--grain',
  'day',
  '--by',
  'endpoint,project_id',
  '--json',
  '--retries',
  '0',
];

/** The numbers of a report: its rows without the directory's names (offline there are none). */
function totalsOf(stdout: string) {
  const document = JSON.parse(stdout);
  const rows = (document.rows as Record<string, unknown>[]).map((row) =>
    Object.fromEntries(Object.entries(row).filter(([key]) => !key.endsWith('_name'))),
  );
  return { rows, totals: document.totals };
}

test('after one sync, report answers from the store with the server stopped, with the same numbers', async () => {
  const server = await startMockServer({ now: NOW_MS });
  const env = { OPENAI_ADMIN_KEY: DEMO_ADMIN_KEY, OPENAI_BASE_URL: server.baseURL };
  const store = join(directory, 'usage.duckdb');
  let fromApi: ReturnType<typeof totalsOf>;
  try {
    const sync = await run(['sync', '--since', '2025-03-12', '--store', store, '-q'], env);
    expect(sync.code, sync.stderr).toBe(ExitCode.ok);
    const api = await run(REPORT, env);
    expect(api.code, api.stderr).toBe(ExitCode.ok);
    fromApi = totalsOf(api.stdout);
  } finally {
    await server.close();
  }
  const offline = await run([...REPORT, '--store', store], env);
  expect(offline.code, offline.stderr).toBe(ExitCode.ok);
  const fromStore = totalsOf(offline.stdout);
  expect(fromStore.totals).toEqual(fromApi.totals);
  expect(fromStore.rows).toEqual(fromApi.rows);
  expect(fromApi.rows.length).toBeGreaterThan(10);
}, 240_000);

test('--refresh syncs the store first (only the lookback, once synced), then answers from it', async () => {
  const server = await startMockServer({ now: NOW_MS });
  const env = { OPENAI_ADMIN_KEY: DEMO_ADMIN_KEY, OPENAI_BASE_URL: server.baseURL };
  const store = join(directory, 'refreshed.duckdb');
  try {
    const sync = await run(['sync', '--since', '2025-03-12', '--store', store, '-q'], env);
    expect(sync.code, sync.stderr).toBe(ExitCode.ok);
    const refreshed = await run([...REPORT, '--store', store, '--refresh'], env);
    expect(refreshed.code, refreshed.stderr).toBe(ExitCode.ok);
    const api = await run(REPORT, env);
    expect(totalsOf(refreshed.stdout)).toEqual(totalsOf(api.stdout));
  } finally {
    await server.close();
  }
}, 240_000);
