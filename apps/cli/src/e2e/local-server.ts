import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A server on 127.0.0.1 for one test. */
export interface LocalServer {
  /** `http://127.0.0.1:<port>/v1`. */
  readonly baseURL: string;
  /** Requests received so far. */
  readonly requests: () => number;
  /** When the first request arrived, or undefined. @unit milliseconds since the Unix epoch */
  readonly firstRequestAt: () => number | undefined;
  close(): Promise<void>;
}

/**
 * Starts an HTTP server on 127.0.0.1 with a free port, counting requests.
 *
 * @param listener Answers each request (or never does).
 *
 * @returns The server.
 */
export async function startLocalServer(listener: RequestListener): Promise<LocalServer> {
  let requests = 0;
  let firstRequestAt: number | undefined;
  const server = createServer((message, reply) => {
    requests += 1;
    firstRequestAt ??= Date.now();
    listener(message, reply);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests: () => requests,
    firstRequestAt: () => firstRequestAt,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
