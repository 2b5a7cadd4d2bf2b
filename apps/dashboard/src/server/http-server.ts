import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { ACCESS_COOKIE_NAME, presentedToken, tokensMatch } from './access-token';
import { type ApiAnswer, answerApi } from './api-routes';
import { type DashboardService, NotReadyError } from './dashboard-service';
import { send, sendJson, sendText } from './http-response';
import { PortInUseError } from './port-in-use-error';
import { parseDashboardQuery } from './query-params';
import { QueryRefusedError } from './query-refused-error';
import { parseRequestTarget } from './request-target';
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
  /** Called with one line when a request fails inside the server. @default console.error */
  readonly onError?: ((line: string) => void) | undefined;
  /**
   * Removes secrets from every text body the server sends (JSON, CSV, plain text), a last line
   * of defence behind the data's own redaction. @default no change
   */
  readonly redact?: ((text: string) => string) | undefined;
}

/** A running dashboard server. */
export interface DashboardServer {
  /** Base URL, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Longest part of a failed request's path written to the log. */
const LOGGED_PATH_LENGTH = 120;

function printable(text: string, length: number): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: neutralising control characters is the point
  return text.slice(0, length).replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

function sendAnswer(
  response: ServerResponse,
  answer: ApiAnswer,
  method: string,
  timing: string,
  redact: (text: string) => string,
): void {
  if (answer.kind === 'json') {
    send(
      response,
      200,
      {
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
        'Server-Timing': timing,
      },
      redact(JSON.stringify(answer.body)),
      method,
    );
    return;
  }
  send(
    response,
    200,
    {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${answer.fileName}"`,
      'Cache-Control': 'no-store',
      'Server-Timing': timing,
    },
    redact(answer.body),
    method,
  );
}

/**
 * Starts the dashboard's HTTP server: the built front end, the JSON API and CSV downloads.
 * Every response carries the security headers; every API query is validated first. A request
 * whose handling throws gets a 500 (no detail) and one log line; the server keeps serving.
 *
 * @param options Service, static files, host, port and access token.
 *
 * @returns The running server.
 * @throws {PortInUseError} when the port is taken.
 */
export async function startDashboardServer(
  options: DashboardServerOptions,
): Promise<DashboardServer> {
  const host = options.host ?? '127.0.0.1';
  const { service, staticFiles, accessToken } = options;
  const redact = options.redact ?? ((text: string) => text);
  const onError = options.onError ?? ((line: string) => console.error(line));

  const route = async (
    request: IncomingMessage,
    response: ServerResponse,
    started: number,
  ): Promise<void> => {
    const method = request.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      sendText(response, 405, 'Method not allowed', method, { Allow: 'GET, HEAD' });
      return;
    }
    // Without a token, only loopback Host names are served: a DNS-rebinding page cannot read us.
    const hostName = (request.headers.host ?? '').replace(/:\d+$/, '');
    if (accessToken === undefined && !LOOPBACK_HOSTS.has(hostName)) {
      sendText(response, 421, 'Unexpected Host header', method);
      return;
    }
    const target = parseRequestTarget(request.url);
    if (target === null) {
      sendText(response, 400, 'Bad request target: a path starting with one "/" is needed', method);
      return;
    }
    if (accessToken !== undefined) {
      const fromLink = target.path === '/' ? (target.search.get('token') ?? undefined) : undefined;
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
        sendText(
          response,
          401,
          'Access token required: open the URL the server printed, or send Authorization: Bearer <token>.',
          method,
          { 'WWW-Authenticate': 'Bearer' },
        );
        return;
      }
    }

    if (target.path.startsWith('/api/')) {
      const parsed = parseDashboardQuery(target.search);
      if (!parsed.success) {
        sendJson(response, 400, { error: redact(parsed.message) }, method, 'total;dur=0');
        return;
      }
      let answer: ApiAnswer | null;
      const sliceStarted = performance.now();
      try {
        answer = await answerApi(service, target.path, parsed.query);
      } catch (error) {
        if (error instanceof QueryRefusedError) {
          sendJson(response, 400, { error: redact(error.message) }, method, 'total;dur=0');
          return;
        }
        if (!(error instanceof NotReadyError)) throw error;
        sendJson(response, 503, { error: 'Data is still loading' }, method, 'total;dur=0');
        return;
      }
      const sliceMs = (performance.now() - sliceStarted).toFixed(2);
      const timing = `reslice;desc="re-slice";dur=${sliceMs}, total;dur=${(performance.now() - started).toFixed(2)}`;
      if (answer === null) {
        sendJson(response, 404, { error: 'No API route or table here' }, method, timing);
      } else {
        sendAnswer(response, answer, method, timing, redact);
      }
      return;
    }

    const file = staticFiles.get(target.path === '/' ? '/index.html' : target.path);
    if (file === undefined) {
      sendText(response, 404, 'Not found', method);
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

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const started = performance.now();
    const method = printable(request.method ?? 'GET', 16);
    const path = printable(request.url ?? '', LOGGED_PATH_LENGTH);
    response.on('finish', () => {
      options.onRequest?.(
        `${method} ${path} ${response.statusCode} ${(performance.now() - started).toFixed(1)} ms`,
      );
    });
    route(request, response, started).catch((error: unknown) => {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
      onError(redact(`dashboard: ${method} ${path} failed: ${printable(reason, 300)}`));
      if (response.headersSent) response.destroy();
      else sendJson(response, 500, { error: 'Internal error' }, method, 'total;dur=0');
    });
  };

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE' ? new PortInUseError(host, options.port ?? 0, error) : error,
      );
    });
    server.listen(options.port ?? 0, host, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
  server.on('error', (error) => onError(`dashboard server: ${error.message}`));
  const port = (server.address() as AddressInfo).port;
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
