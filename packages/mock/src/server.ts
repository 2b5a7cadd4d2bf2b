import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rawBodyOf } from './error-response';
import { createMockApi, type MockApi, type MockApiOptions } from './mock-api';

/** Options of {@link startMockServer}. */
export interface MockServerOptions extends MockApiOptions {
  /** Port to listen on; 0 picks a free one. @default 0 */
  port?: number | undefined;
  /** Interface to listen on. Anything but loopback must be asked for explicitly. @default '127.0.0.1' */
  host?: string | undefined;
}

/** A running mock server. */
export interface MockServer {
  /** `http://<host>:<port>`. */
  readonly url: string;
  /** `url` + `/v1`: the `baseURL` for clients and the official SDK. */
  readonly baseURL: string;
  /** The port it listens on. */
  readonly port: number;
  /** The mock behind it (organization, ground-truth totals). */
  readonly api: MockApi;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

function toRequest(message: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return new Request(new URL(message.url ?? '/', origin), {
    method: message.method ?? 'GET',
    headers,
  });
}

async function answer(
  api: MockApi,
  origin: string,
  message: IncomingMessage,
  reply: ServerResponse,
) {
  let response: Response;
  try {
    response = await api.handle(toRequest(message, origin));
  } catch {
    // An injected dropped connection: no status line, the socket just goes away.
    message.socket.destroy();
    return;
  }
  const raw = rawBodyOf(response);
  const body =
    raw === undefined
      ? Buffer.from(await response.arrayBuffer())
      : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  headers['content-length'] = String(body.length);
  reply.writeHead(response.status, headers);
  reply.end(body);
}

/**
 * Starts the mock API as an HTTP server, on 127.0.0.1 unless another host is passed explicitly.
 *
 * @param options The mock's options plus `port` and `host`.
 *
 * @returns The running server.
 */
export function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const { port = 0, host = '127.0.0.1', ...apiOptions } = options;
  const api = createMockApi(apiOptions);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let origin = '';
  const server = createServer((message, reply) => {
    answer(api, origin, message, reply).catch(() => message.socket.destroy());
  });
  // Longer than undici's idle timeout, so a client never reuses a socket the server is closing.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      origin = `http://${urlHost}:${address.port}`;
      resolve({
        url: origin,
        baseURL: `${origin}/v1`,
        port: address.port,
        api,
        close: () =>
          new Promise<void>((closed, failed) => {
            server.close((error) => (error ? failed(error) : closed()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
