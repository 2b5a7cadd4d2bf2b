import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGzip } from 'node:zlib';
import { afterEach, describe, expect, test } from 'vitest';
import {
  type Answer,
  createRecordedFetch,
  exampleResults,
  json,
} from './__fixtures__/recorded-fetch';
import { createUsageClient } from './client';
import type { UsageClientOptions } from './core';
import {
  APIConnectionTimeoutError,
  CursorLoopError,
  DeadlineExceededError,
  PageLimitError,
  RedirectError,
  ResponseTooLargeError,
  ResponseValidationError,
  UsageClientError,
} from './errors';

const KEY = 'sk-admin-bounds-test-key';
const JAN_1 = 1_767_225_600;
const DAY = 86_400;
const MiB = 1024 * 1024;

function setup(answer: Answer, options: UsageClientOptions = {}) {
  const recorded = createRecordedFetch(answer);
  const client = createUsageClient({
    adminKey: KEY,
    baseURL: 'https://api.test/v1',
    fetch: recorded.fetch,
    sleep: async () => undefined,
    maxRetries: 0,
    ...options,
  });
  return { client, calls: recorded.calls };
}

/** A page with one daily bucket that always says there is more, with a fresh cursor. */
const endless: Answer = (_call, index) =>
  json({
    object: 'page',
    data: [
      {
        object: 'bucket',
        start_time: JAN_1 + (index % 7) * DAY,
        end_time: JAN_1 + ((index % 7) + 1) * DAY,
        results: [exampleResults.costs],
      },
    ],
    has_more: true,
    next_page: `page_${index}`,
  });

let servers: Server[] = [];
afterEach(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  servers = [];
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

describe('paging bounds', () => {
  test('an endless cursor ends with PageLimitError within the window’s pages (all)', async () => {
    const { client, calls } = setup(endless);
    const error = await client.costs
      .all({ start_time: JAN_1, end_time: JAN_1 + 7 * DAY })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(PageLimitError);
    expect(error.maxPages).toBe(9);
    expect(calls.length).toBe(9);
  });

  test('an endless cursor ends with PageLimitError (list)', async () => {
    const { client, calls } = setup(endless);
    const read = async () => {
      for await (const _bucket of client.costs.list({
        start_time: JAN_1,
        end_time: JAN_1 + 30 * DAY,
      })) {
        // Read every bucket.
      }
    };
    await expect(read()).rejects.toBeInstanceOf(PageLimitError);
    expect(calls.length).toBe(32);
  });

  test('a repeated cursor ends with CursorLoopError, the key redacted from it', async () => {
    const { client, calls } = setup(() =>
      json({ object: 'page', data: [], has_more: true, next_page: `page_${KEY}` }),
    );
    const error = await client.costs
      .all({ start_time: JAN_1, end_time: JAN_1 + 7 * DAY })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(CursorLoopError);
    expect(error.message).not.toContain(KEY);
    expect(calls).toHaveLength(2);
  });

  test('a directory list with endless fresh cursors ends with PageLimitError', async () => {
    let next = 0;
    const { client, calls } = setup(() => {
      next++;
      return json({
        object: 'list',
        data: [
          {
            object: 'organization.user',
            id: `user-${next}`,
            email: 'x',
            role: 'reader',
            added_at: 1,
            name: 'x',
          },
        ],
        has_more: true,
        last_id: `user-${next}`,
      });
    });
    await expect(client.directory.users()).rejects.toBeInstanceOf(PageLimitError);
    expect(calls).toHaveLength(5_000);
  }, 30_000);
});

describe('response size', () => {
  test('an endless plain body stops at maxResponseBytes and the stream is cancelled', async () => {
    let cancelled = false;
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const { client } = setup(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            pull(controller) {
              pulled += chunk.byteLength;
              controller.enqueue(chunk);
            },
            cancel() {
              cancelled = true;
            },
          }),
          { status: 200 },
        ),
      { maxResponseBytes: MiB },
    );
    const error = await client.costs.page({ start_time: JAN_1 }).catch((caught) => caught);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error.maxResponseBytes).toBe(MiB);
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThan(2 * MiB);
  });

  test('a 300 MiB gzip bomb ends with ResponseTooLargeError while memory stays bounded', async () => {
    // 300 MiB of JSON-looking whitespace, gzipped to well under a megabyte.
    const gzip = createGzip({ level: 1 });
    const compressed: Buffer[] = [];
    gzip.on('data', (part: Buffer) => compressed.push(part));
    const finished = new Promise((resolve) => gzip.on('end', resolve));
    const block = Buffer.alloc(MiB, 0x20);
    gzip.write('{"object":"page","data":[');
    for (let index = 0; index < 300; index++) {
      if (!gzip.write(block)) await new Promise((resolve) => gzip.once('drain', resolve));
    }
    gzip.end();
    await finished;
    const bomb = Buffer.concat(compressed);
    expect(bomb.length).toBeLessThan(2 * MiB);

    const baseURL = await listen((_request, response) => {
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': String(bomb.length),
      });
      response.end(bomb);
    });
    globalThis.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    const client = createUsageClient({ adminKey: KEY, baseURL, maxRetries: 0 });
    const started = performance.now();
    const error = await client.costs.page({ start_time: JAN_1 }).catch((caught) => caught);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error.maxResponseBytes).toBe(32 * MiB);
    const growthMB = (peak - before) / 1e6;
    console.info(
      `gzip bomb: ${bomb.length} compressed bytes, stopped in ${Math.round(performance.now() - started)} ms, RSS growth ${growthMB.toFixed(1)} MB`,
    );
    expect(growthMB).toBeLessThan(200);
  });

  test('a directory page is held to 2 MiB whatever maxResponseBytes allows', async () => {
    const { client } = setup(
      () =>
        new Response(`{"object":"list","data":[],"pad":"${'x'.repeat(3 * MiB)}"}`, {
          status: 200,
        }),
    );
    const error = await client.directory.projects().catch((caught) => caught);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error.maxResponseBytes).toBe(2 * MiB);
  });

  test('an error body is read only in part and still makes a typed error', async () => {
    const { client } = setup(
      () => new Response(`upstream: ${'x'.repeat(5 * MiB)}`, { status: 502 }),
    );
    const error = await client.costs.page({ start_time: JAN_1 }).catch((caught) => caught);
    expect(error.status).toBe(502);
    expect(String(error.body).length).toBeLessThanOrEqual(65_536);
  });
});

describe('deeply nested JSON', () => {
  test('100,000 open brackets give a typed validation error, not a RangeError', async () => {
    const { client } = setup(() => new Response('['.repeat(100_000), { status: 200 }));
    const error = await client.costs.page({ start_time: JAN_1 }).catch((caught) => caught);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toMatch(/deeper than 256 levels/);
    expect(error.retryable).toBe(false);
  });

  test('a deeply nested error body is kept as text', async () => {
    const { client } = setup(() => new Response('{"error":'.repeat(50_000), { status: 400 }));
    const error = await client.costs.page({ start_time: JAN_1 }).catch((caught) => caught);
    expect(error.status).toBe(400);
    expect(typeof error.body).toBe('string');
  });
});

describe('redirects', () => {
  test('a same-origin redirect is followed', async () => {
    const { client, calls } = setup((call) =>
      call.url.pathname.startsWith('/moved')
        ? json({ object: 'page', data: [], has_more: false, next_page: null })
        : new Response(null, { status: 307, headers: { location: '/moved/costs' } }),
    );
    await expect(client.costs.page({ start_time: JAN_1 })).resolves.toMatchObject({ data: [] });
    expect(calls.map((call) => call.url.origin)).toEqual(['https://api.test', 'https://api.test']);
    expect(calls[1]?.headers.get('authorization')).toBe(`Bearer ${KEY}`);
  });

  test.each([
    ['another host', 'https://evil.example/v1/organization/costs'],
    ['a downgrade to http', 'http://api.test/v1/organization/costs'],
    ['another port', 'https://api.test:8443/v1/organization/costs'],
  ])('a redirect to %s is not followed: the key is not sent there', async (_label, location) => {
    const { client, calls } = setup(
      () => new Response(null, { status: 302, headers: { location } }),
    );
    const error = await client.costs.page({ start_time: JAN_1 }).catch((caught) => caught);
    expect(error).toBeInstanceOf(RedirectError);
    expect(error.location).toBe(new URL(location).origin);
    expect(calls).toHaveLength(1);
  });

  test('endless same-origin redirects stop after five', async () => {
    const { client, calls } = setup(
      () => new Response(null, { status: 301, headers: { location: '/again' } }),
    );
    await expect(client.costs.page({ start_time: JAN_1 })).rejects.toBeInstanceOf(RedirectError);
    expect(calls).toHaveLength(6);
  });

  test('a real server’s cross-origin redirect is not followed', async () => {
    let hits = 0;
    const target = await listen((request, response) => {
      hits++;
      response.end(String(request.headers.authorization));
    });
    const baseURL = await listen((_request, response) => {
      response.writeHead(302, { location: target.replace('127.0.0.1', 'localhost') });
      response.end();
    });
    const client = createUsageClient({ adminKey: KEY, baseURL, maxRetries: 0 });
    await expect(client.costs.page({ start_time: JAN_1 })).rejects.toBeInstanceOf(RedirectError);
    expect(hits).toBe(0);
  });
});

describe('base URL', () => {
  test('a remote http base URL is refused unless allowed; loopback http is fine', () => {
    expect(() => createUsageClient({ adminKey: KEY, baseURL: 'http://api.example/v1' })).toThrow(
      UsageClientError,
    );
    expect(() =>
      createUsageClient({ adminKey: KEY, baseURL: 'http://127.attacker.example/v1' }),
    ).toThrow(/https/);
    expect(() =>
      createUsageClient({
        adminKey: KEY,
        baseURL: 'http://api.example/v1',
        allowInsecureBaseURL: true,
      }),
    ).not.toThrow();
    expect(() => createUsageClient({ adminKey: KEY, baseURL: 'http://[::1]:9/v1' })).not.toThrow();
  });
});

describe('deadline', () => {
  const slow: Answer = (call) =>
    new Promise((_resolve, reject) => {
      call.signal?.addEventListener('abort', () => reject(call.signal?.reason), { once: true });
    });

  test('a slow server ends by the client’s deadline with a typed timeout error', async () => {
    const { client } = setup(slow, { deadlineMs: 150, timeoutMs: 60_000, maxRetries: 5 });
    const started = performance.now();
    const error = await client.costs
      .all({ start_time: JAN_1, end_time: JAN_1 + 400 * DAY })
      .catch((caught) => caught);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(error.deadlineMs).toBe(150);
    expect(elapsed).toBeLessThan(2_000);
  });

  test('covers retry waits too, and a per-call deadline wins', async () => {
    const { client } = setup(() => json({ error: { message: 'busy' } }, 503), {
      maxRetries: 10,
      sleep: (ms, signal) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(resolve, ms);
          signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(signal.reason);
          });
        }),
    });
    const error = await client.costs
      .page({ start_time: JAN_1 }, { deadlineMs: 100 })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(DeadlineExceededError);
  });

  test('a slow body from a real server ends by the deadline', async () => {
    const baseURL = await listen((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"object":"page",');
      // Never finishes.
    });
    const client = createUsageClient({ adminKey: KEY, baseURL, deadlineMs: 200, maxRetries: 3 });
    const read = async () => {
      for await (const _bucket of client.costs.list({ start_time: JAN_1 })) {
        // Read every bucket.
      }
    };
    await expect(read()).rejects.toBeInstanceOf(DeadlineExceededError);
  });

  test('the caller’s own abort stays untouched', async () => {
    const { client } = setup(slow, { deadlineMs: 10_000 });
    const controller = new AbortController();
    const reason = new Error('mine');
    setTimeout(() => controller.abort(reason), 20);
    await expect(
      client.costs.page({ start_time: JAN_1 }, { signal: controller.signal }),
    ).rejects.toBe(reason);
  });
});

describe('RedirectError', () => {
  test('names both origins', async () => {
    const { client } = setup(
      () => new Response(null, { status: 308, headers: { location: 'https://evil.example/x' } }),
    );
    const error = await client.costs.page({ start_time: JAN_1 }).catch((caught) => caught);
    expect(error.message).toMatch(
      /to another origin \(https:\/\/evil\.example\); not followed, the admin key goes to https:\/\/api\.test only/,
    );
  });
});
