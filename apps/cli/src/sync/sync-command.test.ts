import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ADMIN_KEY } from '@usagekit/mock';
import { type MockServer, startMockServer } from '@usagekit/mock/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ExitCode } from '../exit-codes';
import { runInProcess } from './run-in-process';

const NOW_MS = Date.parse('2025-03-15T12:30:00Z');

let server: MockServer;
let directory: string;

beforeAll(async () => {
  server = await startMockServer({ now: NOW_MS });
  directory = await mkdtemp(join(tmpdir(), 'usagekit-sync-command-'));
});

afterAll(async () => {
  await server?.close();
  await rm(directory, { recursive: true, force: true });
});

function run(argv: string[], env: Record<string, string>) {
  return runInProcess(argv, { env, cwd: directory, nowMs: NOW_MS });
}

describe('usagekit sync', () => {
  test('syncs into the USAGEKIT_STORE file, then only the lookback', async () => {
    const env = {
      OPENAI_ADMIN_KEY: DEMO_ADMIN_KEY,
      OPENAI_BASE_URL: server.baseURL,
      USAGEKIT_STORE: join(directory, 'usage.duckdb'),
    };
    const first = await run(
      ['sync', '--since', '2025-03-12T12:00:00Z', '--endpoint', 'completions,costs', '--json'],
      env,
    );
    expect(first.code, first.stderr).toBe(ExitCode.ok);
    const summary = JSON.parse(first.stdout);
    expect(summary.store).toBe(join(directory, 'usage.duckdb'));
    expect(
      summary.series.map((item: { endpoint: string; start: string; end: string }) => [
        item.endpoint,
        item.start,
        item.end,
      ]),
    ).toEqual([
      ['completions', '2025-03-12T12:00Z', '2025-03-15T12:00Z'],
      ['costs', '2025-03-12T00:00Z', '2025-03-15T00:00Z'],
    ]);
    expect(first.stderr).toMatch(/^synced \d+ rows in \d+ buckets into /m);
    const second = await run(
      ['sync', '--lookback', '6', '--endpoint', 'completions', '--json', '-q'],
      env,
    );
    expect(second.code, second.stderr).toBe(ExitCode.ok);
    expect(second.stderr).toBe('');
    expect(JSON.parse(second.stdout).series[0]).toMatchObject({
      start: '2025-03-15T06:00Z',
      end: '2025-03-15T12:00Z',
      buckets: 6,
    });
  });

  test('refuses --since beyond the API lookback and a bad --store before any request', async () => {
    const env = { OPENAI_ADMIN_KEY: DEMO_ADMIN_KEY, OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' };
    const old = await run(
      ['sync', '--since', '2022-01-01', '--store', join(directory, 'x.duckdb')],
      env,
    );
    expect(old.code).toBe(ExitCode.usage);
    expect(old.stderr).toMatch(/at most 730 days/);
    const bad = await run(['sync', '--store', 'postgres://db/usage'], env);
    expect(bad.code).toBe(ExitCode.usage);
    expect(bad.stderr).toMatch(/--store: .*not supported/);
  });
});
