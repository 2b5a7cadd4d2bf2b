import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { DataTable, TablesResponse } from '../shared/api-types';
import { ACCESS_COOKIE_NAME, presentedToken, tokensMatch } from './access-token';
import { tableToCsv } from './csv';
import { type DashboardService, NotReadyError } from './dashboard-service';
import { type DashboardQuery, parseDashboardQuery } from './query-params';
import { SECURITY_HEADERS } from './security-headers';
import type { StaticFile } from './static-files';

/** Options of {@link startDashboardServer}. */
export interface DashboardServerOptions {
  readonly service: DashboardService;
  /** The built front end, from `loadStaticFiles`. */
  readonly staticFiles: ReadonlyMap<string, StaticFile>;
  /** Interface to listen on. @default '127.0.0.1' */
  readonly host?: string | undefined;
  /** Port; 0 picks a free one. @default 0 */
  readonly port?: number | undefined;
  /** Required on every request when set (bearer header or cookie). */
  readonly accessToken?: string | undefined;
  /** Called after each request with its path and duration, for logging. */
  readonly onRequest?: ((line: string) => void) | undefined;
}

/** A running dashboard server. */
export interface DashboardServer {
  /** Base URL, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

type Answer =
  | { readonly kind: 'json'; readonly body: unknown }
  | { readonly kind: 'csv'; readonly body: string; readonly fileName: string };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

function tablesOf(service: DashboardService, query: DashboardQuery): TablesResponse {
  switch (query.view) {
    case 'overview':
      return { tables: service.overview(query).tables, warnings: [] };
    case 'time': {
      const answer = service.timeseries(query);
      return { tables: answer.tables, warnings: answer.warnings };
    }
    case 'top':
      return service.top(query);
    case 'reconcile':
      return service.reconciliation(query);
    case 'endpoints':
      return service.endpoints(query);
  }
}

function answerApi(service: DashboardService, route: string, query: DashboardQuery): Answer | null {
  switch (route) {
    case '/api/status':
      return { kind: 'json', body: service.status() };
    case '/api/meta':
      return { kind: 'json', body: service.meta() };
    case '/api/overview':
      return { kind: 'json', body: service.overview(query) };
    case '/api/timeseries':
      return { kind: 'json', body: service.timeseries(query) };
    case '/api/top':
      return { kind: 'json', body: service.top(query) };
    case '/api/reconciliation':
      return { kind: 'json', body: service.reconciliation(query) };
    case '/api/endpoints':
      return { kind: 'json', body: service.endpoints(query) };
    case '/api/csv': {
      const tables = tablesOf(service, query).tables;
      const table: DataTable | undefined =
        query.table === undefined ? tables[0] : tables.find((each) => each.id === query.table);
      if (table === undefined) return null;
      return { kind: 'csv', body: tableToCsv(table), fileName: `${table.id}.csv` };
    }
    default:
      return null;
  }
}

function send(
  response: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string | Buffer,
  method: string,
): void {
  response.writeHead(status, { ...SECURITY_HEADERS, ...headers });
  response.end(method === 'HEAD' ? undefined : body);
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  method: string,
  timing: string,
): void {
  send(
    response,
    status,
    {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'Server-Timing': timing,
    },
    JSON.stringify(body),
    method,
  );
}

/**
 * Starts the dashboard's HTTP server: the built front end, the JSON API and CSV downloads.
 * Every response carries the security headers; every API query is validated first.
 *
 * @param options Service, static files, host, port and access token.
 *
 * @returns The running server.
 */
export async function startDashboardServer(
  options: DashboardServerOptions,
): Promise<DashboardServer> {
  const host = options.host ?? '127.0.0.1';
  const { service, staticFiles, accessToken } = options;
  let port = 0;

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const started = performance.now();
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://dashboard.invalid');
    const finish = (): void => {
      options.onRequest?.(
        `${method} ${url.pathname} ${response.statusCode} ${(performance.now() - started).toFixed(1)} ms`,
      );
    };
    response.on('finish', finish);

    if (method !== 'GET' && method !== 'HEAD') {
      send(
        response,
        405,
        { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' },
        'Method not allowed',
        method,
      );
      return;
    }
    // Without a token, only loopback Host names are served: a DNS-rebinding page cannot read us.
    const hostName = (request.headers.host ?? '').replace(/:\d+$/, '');
    if (accessToken === undefined && !LOOPBACK_HOSTS.has(hostName)) {
      send(response, 421, { 'Content-Type': 'text/plain' }, 'Unexpected Host header', method);
      return;
    }
    if (accessToken !== undefined) {
      const fromLink =
        url.pathname === '/' ? (url.searchParams.get('token') ?? undefined) : undefined;
      if (fromLink !== undefined && tokensMatch(fromLink, accessToken)) {
        send(
          response,
          303,
          {
            Location: '/',
            'Set-Cookie': `${ACCESS_COOKIE_NAME}=${accessToken}; HttpOnly; SameSite=Strict; Path=/`,
          },
          '',
          method,
        );
        return;
      }
      const presented = presentedToken(request.headers.authorization, request.headers.cookie);
      if (!tokensMatch(presented, accessToken)) {
        send(
          response,
          401,
          { 'Content-Type': 'text/plain; charset=utf-8', 'WWW-Authenticate': 'Bearer' },
          'Access token required: open the URL the server printed, or send Authorization: Bearer <token>.',
          method,
        );
        return;
      }
    }

    if (url.pathname.startsWith('/api/')) {
      const parsed = parseDashboardQuery(url.searchParams);
      if (!parsed.success) {
        sendJson(response, 400, { error: parsed.message }, method, 'total;dur=0');
        return;
      }
      let answer: Answer | null;
      const sliceStarted = performance.now();
      try {
        answer = answerApi(service, url.pathname, parsed.query);
      } catch (error) {
        if (error instanceof NotReadyError) {
          sendJson(response, 503, { error: 'Data is still loading' }, method, 'total;dur=0');
          return;
        }
        options.onRequest?.(
          `error in ${url.pathname}: ${error instanceof Error ? error.message : 'unknown'}`,
        );
        sendJson(response, 500, { error: 'Internal error' }, method, 'total;dur=0');
        return;
      }
      const sliceMs = (performance.now() - sliceStarted).toFixed(2);
      const timing = `reslice;desc="re-slice";dur=${sliceMs}, total;dur=${(performance.now() - started).toFixed(2)}`;
      if (answer === null) {
        sendJson(
          response,
          404,
          { error: `No API route or table at ${url.pathname}` },
          method,
          timing,
        );
      } else if (answer.kind === 'json') {
        sendJson(response, 200, answer.body, method, timing);
      } else {
        send(
          response,
          200,
          {
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': `attachment; filename="${answer.fileName}"`,
            'Cache-Control': 'no-store',
            'Server-Timing': timing,
          },
          answer.body,
          method,
        );
      }
      return;
    }

    const file = staticFiles.get(url.pathname === '/' ? '/index.html' : url.pathname);
    if (file === undefined) {
      send(response, 404, { 'Content-Type': 'text/plain' }, 'Not found', method);
      return;
    }
    send(
      response,
      200,
      {
        'Content-Type': file.contentType,
        'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      },
      file.body,
      method,
    );
  };

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
