import { afterEach, describe, expect, test } from 'vitest';
import type { DataTable, OverviewResponse, TablesResponse } from '../shared/api-types';
import { ACCESS_COOKIE_NAME } from './access-token';
import { type DashboardService, NotReadyError } from './dashboard-service';
import { type DashboardServer, startDashboardServer } from './http-server';
import type { DashboardQuery } from './query-params';
import { QueryRefusedError } from './query-refused-error';
import type { StaticFile } from './static-files';

const TABLE: DataTable = {
  id: 'top-projects',
  title: 'Top projects',
  columns: [
    { key: 'project_name', label: 'Project', kind: 'text' },
    { key: 'spend', label: 'Spend', kind: 'money' },
  ],
  rows: [{ cells: ['@evil', 2_500_000], titles: ['proj_1', null] }],
  notes: [],
};

function fakeService(ready: boolean, seen: DashboardQuery[] = []): DashboardService {
  const tables = async (query: DashboardQuery): Promise<TablesResponse> => {
    if (!ready) throw new NotReadyError('loading');
    seen.push(query);
    return { tables: [TABLE], warnings: [] };
  };
  return {
    status: () => ({
      state: ready ? 'ready' : 'loading',
      progress: { done: 1, total: 2, label: 'costs' },
      demo: true,
      error: null,
      notices: [],
    }),
    meta: () => {
      throw new NotReadyError('loading');
    },
    overview: async () => ({ tables: [TABLE] }) as unknown as OverviewResponse,
    timeseries: async () => {
      throw new Error('boom with detail');
    },
    top: tables,
    reconciliation: tables,
    endpoints: tables,
  };
}

const INDEX: StaticFile = {
  body: Buffer.from('<!doctype html><title>x</title>'),
  contentType: 'text/html; charset=utf-8',
  immutable: false,
};

let server: DashboardServer | undefined;
const errorLines: string[] = [];

afterEach(async () => {
  await server?.close();
  server = undefined;
  errorLines.length = 0;
});

async function start(
  options: { ready?: boolean; accessToken?: string; seen?: DashboardQuery[] } = {},
) {
  server = await startDashboardServer({
    service: fakeService(options.ready ?? true, options.seen),
    staticFiles: new Map([['/index.html', INDEX]]),
    accessToken: options.accessToken,
    onError: (line) => errorLines.push(line),
  });
  return server;
}

describe('startDashboardServer', () => {
  test('listens on 127.0.0.1 and serves the page with security headers', async () => {
    const { url } = await start();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>x</title>');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  test('answers JSON with Server-Timing and validated parameters', async () => {
    const seen: DashboardQuery[] = [];
    const { url } = await start({ seen });
    const response = await fetch(`${url}api/top?by=project&tz=Asia/Tokyo`);
    expect(response.status).toBe(200);
    expect(response.headers.get('server-timing')).toMatch(/reslice;desc="re-slice";dur=\d/);
    expect(((await response.json()) as TablesResponse).tables[0]?.id).toBe('top-projects');
    expect(seen[0]).toMatchObject({ by: 'project', tz: 'Asia/Tokyo' });
  });

  test('rejects a bad parameter with 400 and a clear message', async () => {
    const { url } = await start();
    const response = await fetch(`${url}api/timeseries?grain=fortnight`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'grain must be one of hour, day, week, month; got "fortnight"',
    });
  });

  test('serves any table as neutralised CSV', async () => {
    const { url } = await start();
    const response = await fetch(`${url}api/csv?view=top&table=top-projects`);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="top-projects.csv"',
    );
    expect(await response.text()).toBe("project_name,spend\r\n'@evil,2.5\r\n");
    expect((await fetch(`${url}api/csv?view=top&table=nope`)).status).toBe(404);
  });

  test('answers 503 while loading and hides internal errors', async () => {
    const { url } = await start({ ready: false });
    expect((await fetch(`${url}api/status`)).status).toBe(200);
    expect((await fetch(`${url}api/meta`)).status).toBe(503);
    const failed = await fetch(`${url}api/timeseries`);
    expect(failed.status).toBe(500);
    expect(await failed.text()).not.toContain('boom');
    expect(errorLines).toEqual(['dashboard: GET /api/timeseries failed: Error: boom with detail']);
    expect((await fetch(`${url}api/status`)).status).toBe(200);
  });

  test('answers a range the API cannot answer with 400 and the reason', async () => {
    server = await startDashboardServer({
      service: {
        ...fakeService(true),
        top: () => {
          throw new QueryRefusedError('from 2001-01-01 is older than the API answers');
        },
      },
      staticFiles: new Map(),
      onError: (line) => errorLines.push(line),
    });
    const response = await fetch(`${server.url}api/top?range=custom&from=2001-01-01&to=2001-01-31`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'from 2001-01-01 is older than the API answers',
    });
    expect(errorLines).toEqual([]);
  });

  test('refuses other methods, unknown paths and foreign Host headers', async () => {
    const { url, port } = await start();
    expect((await fetch(url, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${url}../../etc/passwd`)).status).toBe(404);
    expect((await fetch(`${url}api/nothing`)).status).toBe(404);
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      request(
        { host: '127.0.0.1', port, path: '/', headers: { Host: 'evil.example' } },
        (answer) => {
          answer.resume();
          resolve(answer.statusCode ?? 0);
        },
      )
        .on('error', reject)
        .end();
    });
    expect(status).toBe(421);
  });

  test('with an access token, requires it as bearer or cookie and sets the cookie from the link', async () => {
    const { url } = await start({ accessToken: 'secret-token' });
    expect((await fetch(url)).status).toBe(401);
    expect(
      (await fetch(`${url}api/status`, { headers: { Authorization: 'Bearer wrong' } })).status,
    ).toBe(401);
    expect(
      (await fetch(`${url}api/status`, { headers: { Authorization: 'Bearer secret-token' } }))
        .status,
    ).toBe(200);
    const link = await fetch(`${url}?token=secret-token`, { redirect: 'manual' });
    expect(link.status).toBe(303);
    const cookie = link.headers.get('set-cookie') ?? '';
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const withCookie = await fetch(url, {
      headers: { Cookie: `${ACCESS_COOKIE_NAME}=secret-token` },
    });
    expect(withCookie.status).toBe(200);
  });
});
