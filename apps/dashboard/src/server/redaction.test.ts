import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMockApi } from '@usagekit/mock';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type DashboardServer, startDashboardServer } from './http-server';
import { createUsageData } from './usage-data';

// A fake upstream on 127.0.0.1 serves the mock's data, but echoes the admin key in every encoding
// an API could: in the directory's project names, and in the error bodies of two endpoints. No
// form of the key may leave the dashboard.

const KEY = 'sk-admin-redaction-test-1234567890abcdefghijklmnop';

const ENCODINGS: Readonly<Record<string, string>> = {
  literal: KEY,
  'JSON-escaped': `\\u0073k-admin${KEY.slice('sk-admin'.length)}`,
  'fully JSON-escaped': [...KEY]
    .map((character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .join(''),
  'percent-encoded': [...KEY]
    .map((character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)
    .join(''),
  base64: Buffer.from(KEY).toString('base64'),
  base64url: Buffer.from(KEY).toString('base64url'),
};

/** Finds any form of the key in a text, decoded or not. */
function formsIn(text: string): string[] {
  const found = Object.entries(ENCODINGS)
    .filter(([, form]) => text.includes(form.replace(/=+$/, '')))
    .map(([name]) => name);
  if (text.includes(KEY.slice(3))) found.push('key body');
  return found;
}

let upstream: Server;
let dashboard: DashboardServer;

function bodyOf(message: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  return new Request(new URL(message.url ?? '/', 'http://127.0.0.1'), { headers });
}

beforeAll(async () => {
  const mock = createMockApi({ adminKey: KEY, bucketCacheBytes: 0 });
  const echo = Object.values(ENCODINGS).join(' | ');
  upstream = createServer((message, reply) => {
    void (async () => {
      const path = message.url ?? '';
      if (path.includes('/usage/images') || path.includes('/organization/costs')) {
        reply.writeHead(400, { 'Content-Type': 'application/json' });
        reply.end(JSON.stringify({ error: { message: `Invalid key ${echo}`, type: 'bad' } }));
        return;
      }
      const answer = await mock.handle(bodyOf(message));
      let text = await answer.text();
      if (path.includes('/organization/projects') && !path.includes('/api_keys')) {
        const page = JSON.parse(text) as { data: { name: string }[] };
        page.data.forEach((project, index) => {
          const forms = Object.values(ENCODINGS);
          project.name = `Team ${forms[index % forms.length]}`;
        });
        text = JSON.stringify(page);
      }
      reply.writeHead(answer.status, { 'Content-Type': 'application/json' });
      reply.end(text);
    })();
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const { port } = upstream.address() as AddressInfo;
  const data = createUsageData({
    adminKey: KEY,
    baseURL: `http://127.0.0.1:${port}/v1`,
    historyDays: 3,
  });
  await data.load();
  dashboard = await startDashboardServer({
    service: data,
    staticFiles: new Map(),
    redact: data.redact,
    onError: () => {},
  });
}, 120_000);

afterAll(async () => {
  await dashboard?.close();
  await new Promise((resolve) => upstream?.close(resolve));
});

describe('redaction of the admin key in every dashboard response', () => {
  test('the fake upstream did echo the key, and the load carried on', async () => {
    const status = (await (await fetch(`${dashboard.url}api/status`)).json()) as {
      state: string;
      notices: string[];
    };
    expect(status.state).toBe('ready');
    expect(status.notices.join('\n')).toContain('images usage');
    expect(status.notices.join('\n')).toContain('[redacted admin key]');
  });

  test.each([
    'api/status',
    'api/meta',
    'api/overview',
    'api/top?view=top&range=7d',
    'api/endpoints?range=7d',
    'api/reconciliation?range=7d',
    'api/timeseries?by=project&range=7d',
    'api/csv?view=top&table=top-projects&range=7d',
    `api/top?by=${encodeURIComponent(KEY)}`,
    `api/top?project=${encodeURIComponent(ENCODINGS['JSON-escaped'] ?? '')}&tz=${encodeURIComponent(KEY)}`,
    `api/${encodeURIComponent(KEY)}`,
    `${encodeURIComponent(KEY)}`,
  ])('no form of the key in %s', async (path) => {
    const response = await fetch(`${dashboard.url}${path}`);
    const text = `${[...response.headers].join('\n')}\n${await response.text()}`;
    expect(formsIn(text)).toEqual([]);
  });

  test('names echoing the key were redacted, not dropped', async () => {
    const csv = await (
      await fetch(`${dashboard.url}api/csv?view=top&table=top-projects&range=7d`)
    ).text();
    expect(csv).toContain('Team [redacted admin key]');
  });
});
