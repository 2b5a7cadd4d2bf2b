import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { MetaResponse, OverviewResponse, TimeseriesResponse } from '../shared/api-types';
import { type DashboardServer, startDashboardServer } from './http-server';

// Request lines and headers no browser sends, over raw sockets: whatever Node's parser lets
// through must get an answer below 500 (or the parser's own 400), and the server must live on.

const REQUEST_COUNT = 400;
const ANSWER_TIMEOUT_MS = 3_000;
const FUZZ_BUDGET_MS = 45_000;

let server: DashboardServer;
const errorLines: string[] = [];

beforeAll(async () => {
  server = await startDashboardServer({
    service: {
      status: () => ({
        state: 'ready',
        progress: { done: 1, total: 1, label: 'ready' },
        demo: true,
        error: null,
        notices: [],
      }),
      meta: () => ({}) as MetaResponse,
      overview: async () => ({ tables: [] }) as unknown as OverviewResponse,
      timeseries: async () => ({ tables: [], warnings: [] }) as unknown as TimeseriesResponse,
      top: async () => ({ tables: [], warnings: [] }),
      reconciliation: async () => ({ tables: [], warnings: [] }),
      endpoints: async () => ({ tables: [], warnings: [] }),
    },
    staticFiles: new Map([
      [
        '/index.html',
        { body: Buffer.from('<!doctype html>'), contentType: 'text/html', immutable: false },
      ],
    ]),
    onError: (line) => errorLines.push(line),
  });
});

afterAll(async () => {
  await server.close();
});

/** Sends raw bytes and resolves with the status code of the first answer, or null when none. */
function exchange(raw: string): Promise<number | null> {
  return new Promise((resolve) => {
    const socket = connect(server.port, '127.0.0.1');
    let answer = '';
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(answer);
      resolve(match ? Number(match[1]) : null);
    };
    const timer = setTimeout(done, ANSWER_TIMEOUT_MS);
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (answer.includes('\r\n')) done();
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.write(raw, 'latin1');
  });
}

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const METHODS = [
  'GET',
  'HEAD',
  'get',
  'PROPFIND',
  'OPTIONS',
  'TRACE',
  'POST',
  'DELETE',
  'M-SEARCH',
  'CONNECT',
  'BREW',
];
const TARGETS = [
  '//',
  '/%',
  '/%00',
  '/%zz',
  '///api/status',
  '/..%2f..%2fetc/passwd',
  '/../../etc/passwd',
  '*',
  'http://127.0.0.1/',
  '127.0.0.1:80',
  `/${'a'.repeat(65_536)}`,
  `/api/top?${'range=7d&'.repeat(2_000)}`,
  `/api/top?by=${'%'.repeat(5_000)}`,
  '/api/top?tz=%00',
  '/api/timeseries?range=custom&from=0001-01-01&to=9999-12-31',
  '/api/csv?table=../../x',
  '/api/status?__proto__=1&constructor=2',
  '/api/overview?range=%E0%A4%A',
  '/?token=',
  '/index.html?\u00ff',
];
const HOSTS = [
  ['Host: 127.0.0.1'],
  [],
  ['Host: 127.0.0.1', 'Host: evil.example'],
  ['Host: evil.example'],
  ['Host: '],
  ['Host: 127.0.0.1:99999999999'],
  [`Host: ${'h'.repeat(10_000)}`],
  ['Host: [::1]:1'],
  ['Host: localhost.'],
];
const EXTRA_HEADERS = [
  [],
  ['Content-Length: 5', '', 'hello'],
  ['Content-Length: -1'],
  ['Transfer-Encoding: chunked', '', 'zz'],
  ['Cookie: usagekit_dashboard_token=x; =; ;;'],
  ['Authorization: Bearer'],
  ['Upgrade: websocket', 'Connection: Upgrade'],
  ['X-\u00ff: \u0001'],
  [`X-Big: ${'b'.repeat(70_000)}`],
  ['Expect: 100-continue'],
];

function pick<TItem>(items: readonly TItem[], next: () => number): TItem {
  return items[Math.floor(next() * items.length)] as TItem;
}

function randomTarget(next: () => number): string {
  const length = 1 + Math.floor(next() * 40);
  let text = '/';
  for (let index = 0; index < length; index += 1) {
    text += String.fromCharCode(33 + Math.floor(next() * 94));
  }
  return text.replace(/ /g, '');
}

function craftedRequests(next: () => number): string[] {
  const requests = TARGETS.map((target) => `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
  while (requests.length < REQUEST_COUNT) {
    const method = pick(METHODS, next);
    const target = next() < 0.6 ? pick(TARGETS, next) : randomTarget(next);
    const version = next() < 0.9 ? 'HTTP/1.1' : pick(['HTTP/1.0', 'HTTP/2.0', 'HTTP/9', ''], next);
    const lines = [`${method} ${target} ${version}`.trimEnd(), ...pick(HOSTS, next)];
    const extra = pick(EXTRA_HEADERS, next);
    const blank = extra.indexOf('');
    const headers = blank === -1 ? extra : extra.slice(0, blank);
    const body = blank === -1 ? '' : extra.slice(blank + 1).join('');
    requests.push(`${[...lines, ...headers, 'Connection: close'].join('\r\n')}\r\n\r\n${body}`);
  }
  return requests;
}

describe('dashboard server under hostile requests', () => {
  test('GET // gets a 4xx, not a crash', async () => {
    const status = await exchange('GET // HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });

  test(
    'a bounded fuzz of request lines and headers leaves the server answering',
    async () => {
      const requests = craftedRequests(random(18));
      const deadline = Date.now() + FUZZ_BUDGET_MS;
      const serverErrors: string[] = [];
      let sent = 0;
      for (const raw of requests) {
        if (Date.now() > deadline) break;
        const status = await exchange(raw);
        sent += 1;
        if (status !== null && status >= 500)
          serverErrors.push(`${status} for ${raw.slice(0, 80)}`);
      }
      expect(sent).toBeGreaterThan(TARGETS.length);
      expect(serverErrors).toEqual([]);
      expect(errorLines).toEqual([]);
      expect(await exchange('GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')).toBe(200);
      expect((await fetch(server.url)).status).toBe(200);
    },
    FUZZ_BUDGET_MS + 15_000,
  );
});
