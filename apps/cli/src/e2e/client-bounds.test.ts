import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ExitCode } from '../exit-codes';
import { gzipBomb } from './gzip-bomb';
import { type LocalServer, startLocalServer } from './local-server';
import { runCommand } from './run-command';

const NOW = '2025-03-15T12:00:00Z';
const KEY = 'sk-admin-bounds-0123456789abcdefghijklmnop';
const RANGE = ['--since', '2025-03-08', '--until', '2025-03-10'];

let silent: LocalServer;
let bomb: LocalServer;
let endless: LocalServer;

beforeAll(async () => {
  const body = await gzipBomb(300);
  silent = await startLocalServer(() => {});
  bomb = await startLocalServer((_message, reply) => {
    reply.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    reply.end(body);
  });
  let cursor = 0;
  endless = await startLocalServer((_message, reply) => {
    cursor += 1;
    reply.writeHead(200, { 'content-type': 'application/json' });
    reply.end(
      JSON.stringify({ object: 'page', data: [], has_more: true, next_page: `page_${cursor}` }),
    );
  });
});

afterAll(async () => {
  await Promise.all([silent?.close(), bomb?.close(), endless?.close()]);
});

function environment(server: LocalServer): Record<string, string> {
  return { OPENAI_ADMIN_KEY: KEY, OPENAI_BASE_URL: server.baseURL, USAGEKIT_NOW: NOW };
}

describe('--timeout', () => {
  test('a bad value is refused naming the flag and what is allowed, before any request', async () => {
    const runs = await Promise.all(
      ['0', 'abc', '2.5', '86401'].map((value) =>
        runCommand(['costs', ...RANGE, '--timeout', value], environment(silent)),
      ),
    );
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(ExitCode.usage);
      expect(run.stderr).toMatch(/^usagekit: --timeout: ".*" is not allowed; use a whole number/);
    }
    expect(silent.requests()).toBe(0);
  });

  test('a server that never answers ends with one typed error by the deadline', async () => {
    const started = Date.now();
    const run = await runCommand(['costs', ...RANGE, '--timeout', '2'], environment(silent));
    const ended = Date.now();
    expect(run.code, run.stderr).toBe(ExitCode.api);
    expect(run.stderr).toMatch(/^usagekit: .*(deadline|2 ?s|2000 ?ms)/i);
    expect(run.stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(2);
    const firstRequestAt = silent.firstRequestAt() ?? started;
    expect(ended - firstRequestAt).toBeLessThan(2_000 + 1_500);
  });

  test('the deadline spans the whole run: names first, then the bill, end together', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'usagekit-deadline-'));
    await writeFile(
      join(directory, 'usagekit.config.json'),
      JSON.stringify({ budgets: [{ name: 'all', amount: 100 }] }),
    );
    const quiet = await startLocalServer(() => {});
    const started = Date.now();
    const run = await runCommand(['budget', '--timeout', '2'], environment(quiet), directory);
    const ended = Date.now();
    await quiet.close();
    expect(run.code, run.stderr).toBe(ExitCode.api);
    expect(run.stderr).toMatch(/deadline/);
    expect(ended - (quiet.firstRequestAt() ?? started)).toBeLessThan(2_000 + 1_500);
  });
});

describe('bounded responses', () => {
  test('a 300 MiB gzip body ends with one typed error', async () => {
    const run = await runCommand(['costs', ...RANGE, '--retries', '0'], environment(bomb));
    expect(run.code, run.stderr).toBe(ExitCode.api);
    expect(run.stderr).toMatch(/^usagekit: .*larger than \d+ bytes/);
    expect(run.stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(2);
  });

  test('a cursor that never ends stops with one typed error after a bounded number of requests', async () => {
    const run = await runCommand(['costs', ...RANGE, '--retries', '0'], environment(endless));
    expect(run.code, run.stderr).toBe(ExitCode.api);
    expect(run.stderr).toMatch(/^usagekit: .*(cursor|pages)/i);
    expect(run.stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(2);
    expect(endless.requests()).toBeLessThan(100);
  });
});
