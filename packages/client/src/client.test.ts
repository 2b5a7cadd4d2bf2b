import { inspect } from 'node:util';
import { InvalidParamsError } from '@usagekit/schemas';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  createRecordedFetch,
  errorBody,
  exampleResults,
  json,
} from './__fixtures__/recorded-fetch';
import { createUsageClient } from './client';
import type { UsageClientOptions } from './core';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  RateLimitError,
  ResponseValidationError,
  UsageClientError,
} from './errors';
import type { UsageClientEvent } from './events';

const KEY = 'sk-admin-test-5ecret-value';
const JAN_1 = 1_767_225_600;
const DAY = 86_400;

function page(results: object[] = [exampleResults.completions], extra: object = {}) {
  return {
    object: 'page',
    data: [{ object: 'bucket', start_time: JAN_1, end_time: JAN_1 + DAY, results }],
    has_more: false,
    next_page: null,
    ...extra,
  };
}

function setup(
  answer: Parameters<typeof createRecordedFetch>[0],
  options: UsageClientOptions = {},
) {
  const recorded = createRecordedFetch(answer);
  const sleeps: number[] = [];
  const events: UsageClientEvent[] = [];
  const client = createUsageClient({
    adminKey: KEY,
    baseURL: 'https://api.test/v1',
    fetch: recorded.fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0,
    onEvent: (event) => events.push(event),
    ...options,
  });
  return { client, calls: recorded.calls, sleeps, events };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('createUsageClient options', () => {
  test('reads OPENAI_ADMIN_KEY and OPENAI_BASE_URL when the client is created', async () => {
    vi.stubEnv('OPENAI_ADMIN_KEY', KEY);
    vi.stubEnv('OPENAI_BASE_URL', 'https://proxy.test/v1/');
    const { fetch, calls } = createRecordedFetch(() => json(page()));
    const client = createUsageClient({ fetch });
    await client.completions.page({ start_time: JAN_1 });
    expect(calls[0]?.url.href.split('?')[0]).toBe(
      'https://proxy.test/v1/organization/usage/completions',
    );
    expect(calls[0]?.headers.get('authorization')).toBe(`Bearer ${KEY}`);
  });

  test('without a key it fails at creation, naming the environment variable', () => {
    vi.stubEnv('OPENAI_ADMIN_KEY', '');
    expect(() => createUsageClient({ fetch: globalThis.fetch })).toThrow(UsageClientError);
    expect(() => createUsageClient()).toThrow(/OPENAI_ADMIN_KEY/);
  });

  test('rejects out-of-range options, naming them', () => {
    expect(() => createUsageClient({ adminKey: KEY, concurrency: 0 })).toThrow(/concurrency/);
    expect(() => createUsageClient({ adminKey: KEY, maxRetries: 1.5 })).toThrow(/maxRetries/);
    expect(() =>
      createUsageClient({ adminKey: KEY, validation: 'loose' as unknown as 'strict' }),
    ).toThrow(/strict, tolerant, off/);
  });

  test('sends the key, organization, project, default and per-call headers', async () => {
    const { client, calls } = setup(() => json(page()), {
      organization: 'org-123',
      project: 'proj_9',
      defaultHeaders: { 'x-team': 'finops', authorization: 'Bearer other' },
    });
    await client.completions.page({ start_time: JAN_1 }, { headers: { 'x-trace': 't1' } });
    const headers = calls[0]?.headers;
    expect(headers?.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(headers?.get('openai-organization')).toBe('org-123');
    expect(headers?.get('openai-project')).toBe('proj_9');
    expect(headers?.get('accept')).toBe('application/json');
    expect(headers?.get('x-team')).toBe('finops');
    expect(headers?.get('x-trace')).toBe('t1');
  });

  test('encodes arrays as key[] and leaves the key out of the URL', async () => {
    const { client, calls } = setup(() => json(page()));
    await client.completions.page({
      start_time: JAN_1,
      group_by: ['model', 'project_id'],
      project_ids: ['proj_a'],
      batch: false,
    });
    const url = calls[0]?.url.toString() ?? '';
    expect(url).toBe(
      'https://api.test/v1/organization/usage/completions?start_time=1767225600&group_by%5B%5D=model&group_by%5B%5D=project_id&project_ids%5B%5D=proj_a&batch=false',
    );
    expect(url).not.toContain(KEY);
  });

  test('checks params before any request', async () => {
    const { client, calls } = setup(() => json(page()));
    await expect(
      client.costs.page({ start_time: JAN_1, bucket_width: '1h' as '1d' }),
    ).rejects.toThrow(InvalidParamsError);
    expect(() => client.costs.list({ start_time: JAN_1, limit: 181 })).toThrow(/limit 181/);
    await expect(
      client.completions.all({ start_time: JAN_1, group_by: ['line_item' as 'model'] }),
    ).rejects.toThrow(/group_by value "line_item"/);
    expect(() => client.plan('costs', { start_time: 1_767_225_600_000 })).toThrow(/milliseconds/);
    expect(calls).toHaveLength(0);
  });

  test('gets an endpoint by name and rejects unknown names', () => {
    const { client } = setup(() => json(page()));
    expect(client.endpoint('costs')).toBe(client.costs);
    expect(() => client.endpoint('__proto__' as 'costs')).toThrow(/Unknown endpoint "__proto__"/);
  });
});

describe('retries', () => {
  test('retries 429 and honours retry-after-ms, then returns the page', async () => {
    const { client, calls, sleeps, events } = setup((_call, index) =>
      index === 0
        ? json(errorBody('Slow down', 'rate_limit_exceeded'), 429, { 'retry-after-ms': '1500' })
        : json(page()),
    );
    const result = await client.completions.page({ start_time: JAN_1 });
    expect(result.data).toHaveLength(1);
    expect(calls).toHaveLength(2);
    expect(sleeps).toContain(1500);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'retry', attempt: 1, delayMs: 1500, reason: 'status 429' }),
    );
    expect(events).toContainEqual({ type: 'rate-limited', concurrency: 2, pauseMs: 1500 });
  });

  test('a 429 pauses the whole pool before its slot frees, so a waiting call waits it out', async () => {
    let clock = 0;
    const sentAt: number[] = [];
    const { client } = setup(
      (_call, index) => {
        sentAt.push(clock);
        return index === 0
          ? json(errorBody('Slow down', 'rate_limit_exceeded'), 429, { 'retry-after-ms': '800' })
          : json(page());
      },
      {
        concurrency: 1,
        now: () => clock,
        // The clock moves on a later turn, as a real wait would.
        sleep: (ms) =>
          new Promise((resolve) =>
            setTimeout(() => {
              clock += ms;
              resolve();
            }, 0),
          ),
      },
    );
    await Promise.all([
      client.completions.page({ start_time: JAN_1 }),
      client.embeddings.page({ start_time: JAN_1 }),
    ]);
    expect(sentAt).toHaveLength(3);
    expect(sentAt[0]).toBe(0);
    // Neither the other call nor the retry went out before the server's wait had passed.
    expect(Math.min(sentAt[1] ?? 0, sentAt[2] ?? 0)).toBeGreaterThanOrEqual(800);
  });

  test('a 429 that outlasts the retries is a RateLimitError with the API error body', async () => {
    const body = errorBody('Rate limit reached', 'rate_limit_exceeded');
    const { client, calls } = setup(() => json(body, 429, { 'retry-after': '2' }), {
      maxRetries: 1,
    });
    const error = await client.costs.page({ start_time: JAN_1 }).catch((caught) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, body, headers: { 'retry-after': '2' } });
    expect(calls).toHaveLength(2);
  });

  test('retries 5xx with exponential backoff and throws the last error with the others as cause', async () => {
    const statuses = [500, 502, 503];
    const { client, calls, sleeps } = setup((_call, index) =>
      json(errorBody(`boom ${index}`, 'server_error'), statuses[index] ?? 500, {
        'x-request-id': `req_${index}`,
      }),
    );
    const error = await client.completions.page({ start_time: JAN_1 }).catch((caught) => caught);
    expect(calls).toHaveLength(3);
    expect(sleeps).toEqual([500, 1000]);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({
      status: 503,
      requestId: 'req_2',
      body: errorBody('boom 2', 'server_error'),
    });
    expect(error.cause).toMatchObject({ status: 502, requestId: 'req_1' });
    expect(error.cause.cause).toMatchObject({ status: 500, requestId: 'req_0' });
  });

  test('per-call maxRetries overrides the client', async () => {
    const { client, calls } = setup(() => json(errorBody('down', 'server_error'), 500));
    await expect(client.completions.page({ start_time: JAN_1 }, { maxRetries: 0 })).rejects.toThrow(
      InternalServerError,
    );
    expect(calls).toHaveLength(1);
  });

  test.each([
    [400, BadRequestError],
    [401, AuthenticationError],
  ])('never retries a %i', async (status, type) => {
    const { client, calls } = setup(() => json(errorBody('no'), status));
    await expect(client.costs.page({ start_time: JAN_1 })).rejects.toThrow(type);
    expect(calls).toHaveLength(1);
  });

  test('obeys x-should-retry both ways', async () => {
    const yes = setup((_call, index) =>
      index === 0 ? json(errorBody('retry me'), 400, { 'x-should-retry': 'true' }) : json(page()),
    );
    await yes.client.completions.page({ start_time: JAN_1 });
    expect(yes.calls).toHaveLength(2);
    const no = setup(() => json(errorBody('final'), 503, { 'x-should-retry': 'false' }));
    await expect(no.client.completions.page({ start_time: JAN_1 })).rejects.toThrow(APIError);
    expect(no.calls).toHaveLength(1);
  });

  test('retries a dropped connection', async () => {
    const { client, calls } = setup((_call, index) => {
      if (index === 0) throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      return json(page());
    });
    await client.completions.page({ start_time: JAN_1 });
    expect(calls).toHaveLength(2);
    const failing = setup(() => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    });
    const error = await failing.client.completions
      .page({ start_time: JAN_1 }, { maxRetries: 0 })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.message).toContain('ECONNREFUSED');
  });

  test('times out each attempt and retries it', async () => {
    const { client, calls } = setup(
      (call, index) =>
        index === 0
          ? new Promise<Response>((_resolve, reject) => {
              call.signal?.addEventListener('abort', () => reject(call.signal?.reason));
            })
          : json(page()),
      { timeoutMs: 10 },
    );
    await client.completions.page({ start_time: JAN_1 });
    expect(calls).toHaveLength(2);
    const hanging = setup(
      (call) =>
        new Promise<Response>((_resolve, reject) => {
          call.signal?.addEventListener('abort', () => reject(call.signal?.reason));
        }),
      { timeoutMs: 10, maxRetries: 1 },
    );
    const error = await hanging.client.completions
      .page({ start_time: JAN_1 })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(error.cause).toBeInstanceOf(APIConnectionTimeoutError);
  });

  test('times out a fetch that ignores its signal', async () => {
    const { client } = setup(() => new Promise<Response>(() => {}), {
      timeoutMs: 10,
      maxRetries: 0,
    });
    await expect(client.costs.page({ start_time: JAN_1 })).rejects.toThrow(
      APIConnectionTimeoutError,
    );
  });

  test("rethrows the caller's abort untouched and never retries it", async () => {
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    const { client, calls } = setup(
      (call) =>
        new Promise<Response>((_resolve, reject) => {
          call.signal?.addEventListener('abort', () =>
            reject(new DOMException('aborted', 'AbortError')),
          );
          controller.abort(reason);
        }),
    );
    await expect(
      client.completions.page({ start_time: JAN_1 }, { signal: controller.signal }),
    ).rejects.toBe(reason);
    expect(calls).toHaveLength(1);
  });
});

describe('response validation', () => {
  test('a cut-off body is a ResponseValidationError and is retried', async () => {
    const text = JSON.stringify(page());
    const { client, calls } = setup((_call, index) =>
      index === 0 ? new Response(text.slice(0, text.length / 2), { status: 200 }) : json(page()),
    );
    await client.completions.page({ start_time: JAN_1 });
    expect(calls).toHaveLength(2);
    const broken = setup(() => new Response(text.slice(0, 40), { status: 200 }), { maxRetries: 0 });
    const error = await broken.client.completions
      .page({ start_time: JAN_1 })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ path: '', retryable: true });
  });

  test('a schema failure names the path and is not retried', async () => {
    const bad = page([{ ...exampleResults.completions, input_tokens: 'many' }]);
    const { client, calls } = setup(() => json(bad));
    const error = await client.completions.page({ start_time: JAN_1 }).catch((caught) => caught);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.path).toBe('data[0].results[0].input_tokens');
    expect(error.issues[0].input).toBe('many');
    expect(error.retryable).toBe(false);
    expect(calls).toHaveLength(1);
  });

  test('tolerant mode accepts drift and reports each kind and key once per client', async () => {
    const drifted = page([{ ...exampleResults.completions, organization_id: 'org-1' }]);
    const { client, events } = setup(() => json(drifted));
    await client.completions.page({ start_time: JAN_1 });
    await client.completions.page({ start_time: JAN_1 });
    const drift = events.flatMap((event) => (event.type === 'drift' ? [event] : []));
    expect(drift.filter((event) => event.kind === 'unknown_field')).toEqual([
      expect.objectContaining({ type: 'drift', kind: 'unknown_field', key: 'organization_id' }),
    ]);
    const ids = drift.map((event) => `${event.kind}:${event.key}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('strict mode rejects drift', async () => {
    const drifted = page([{ ...exampleResults.completions, organization_id: 'org-1' }]);
    const { client } = setup(() => json(drifted), { validation: 'strict' });
    await expect(client.completions.page({ start_time: JAN_1 })).rejects.toThrow(/organization_id/);
  });

  test('off skips checks', async () => {
    const odd = { object: 'page', data: [], has_more: false, next_page: null, weird: 1 };
    const { client, events } = setup(() => json(odd), { validation: 'off' });
    await expect(client.completions.page({ start_time: JAN_1 })).resolves.toEqual(odd);
    expect(events.some((event) => event.type === 'drift')).toBe(false);
  });
});

describe('admin key secrecy', () => {
  test('no error, event or URL of a faulty run contains the key', async () => {
    const answers = [
      () =>
        json(
          {
            error: { message: `Incorrect API key provided: ${KEY}`, type: 'invalid_request_error' },
          },
          401,
        ),
      () => {
        throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      },
      () => json(errorBody('busy'), 429, { 'retry-after': '1' }),
      () => new Response(`{"echo":"${KEY}`, { status: 200 }),
      () => new Response(`upstream said ${KEY}`, { status: 502 }),
      () => json(page([{ ...exampleResults.completions, input_tokens: KEY }])),
    ];
    const captured: unknown[] = [];
    for (const answer of answers) {
      const { client, calls, events } = setup(answer, { maxRetries: 1 });
      captured.push(await client.completions.page({ start_time: JAN_1 }).catch((caught) => caught));
      captured.push(...events);
      for (const call of calls) expect(call.url.toString()).not.toContain(KEY);
      captured.push(inspect(client, { depth: 8, showHidden: true }));
    }
    for (const item of captured) {
      expect(JSON.stringify(item) ?? '').not.toContain(KEY);
      expect(inspect(item, { depth: 12, showHidden: true })).not.toContain(KEY);
    }
    expect(captured.filter((item) => item instanceof UsageClientError)).toHaveLength(6);
  });
});
