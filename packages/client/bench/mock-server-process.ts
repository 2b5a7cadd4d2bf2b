/**
 * The server side of `backfill.bench.ts`, run in its own process so that building the mock's
 * pages never shares the client's thread. Started with `fork()`; tells the parent its base URL
 * over IPC and exits when the parent disconnects.
 *
 * Modes (first argument):
 * - `live`: the mock's own server with `faults.latencyMs`, computing every answer on request.
 * - `replay`: answers each distinct URL from memory after exactly the latency; the first request
 *   of a URL asks the in-process mock once and records its answer. With every answer recorded
 *   (after a warm-up pass), the server's CPU time per answer is close to nothing, which is what
 *   the floor `ceil(requests / concurrency) x latency` assumes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMockApi } from '@usagekit/mock';
import { startMockServer } from '@usagekit/mock/server';

const mode = process.argv[2];
const nowMs = Number(process.argv[3]);
const latencyMs = Number(process.argv[4]);

interface Recorded {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
}

async function startReplayServer() {
  const api = createMockApi({ now: nowMs });
  const recorded = new Map<string, Promise<Recorded>>();
  const record = async (url: string, authorization: string): Promise<Recorded> => {
    const response = await api.fetch(`http://mock.invalid${url}`, { headers: { authorization } });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? 'application/json',
      body: Buffer.from(await response.arrayBuffer()),
    };
  };
  const server = createServer((message, reply) => {
    const url = message.url ?? '/';
    let answer = recorded.get(url);
    if (answer === undefined) {
      answer = record(url, message.headers.authorization ?? '');
      recorded.set(url, answer);
    }
    void answer.then(
      (found) =>
        setTimeout(() => {
          reply.writeHead(found.status, {
            'content-type': found.contentType,
            'content-length': found.body.length,
          });
          reply.end(found.body);
        }, latencyMs),
      () => message.socket.destroy(),
    );
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const server =
  mode === 'replay'
    ? await startReplayServer()
    : await startMockServer({ now: nowMs, faults: { latencyMs } });
process.send?.({ baseURL: server.baseURL });
// The parent asks for this process's CPU time around each run.
process.on('message', () => {
  const used = process.cpuUsage();
  process.send?.({ cpuMs: (used.user + used.system) / 1000 });
});
process.once('disconnect', () => {
  void server.close().then(() => process.exit(0));
});
