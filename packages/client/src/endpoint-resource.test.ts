import type { Bucket } from '@usagekit/schemas';
import { describe, expect, test } from 'vitest';
import { bucketAnswer, createRecordedFetch, json } from './__fixtures__/recorded-fetch';
import { createUsageClient } from './client';
import { CursorLoopError, InternalServerError, ResponseValidationError } from './errors';
import type { UsageClientEvent } from './events';

const JAN_1 = 1_767_225_600;
const DAY = 86_400;
const HOUR = 3600;

function setup(answer = bucketAnswer(), concurrency = 4) {
  const recorded = createRecordedFetch(answer);
  const events: UsageClientEvent[] = [];
  const client = createUsageClient({
    adminKey: 'sk-admin-x',
    baseURL: 'https://api.test/v1',
    fetch: recorded.fetch,
    concurrency,
    sleep: async () => {},
    onEvent: (event) => events.push(event),
  });
  return { client, calls: recorded.calls, events };
}

function expectGapless(buckets: readonly Bucket<unknown>[], start: number, end: number) {
  expect(buckets[0]?.start_time).toBe(start);
  expect(buckets.at(-1)?.end_time).toBe(end);
  for (let index = 1; index < buckets.length; index++) {
    expect(buckets[index]?.start_time).toBe(buckets[index - 1]?.end_time);
  }
}

describe('list', () => {
  const params = { start_time: JAN_1, end_time: JAN_1 + 20 * DAY, limit: 7 } as const;

  test('sends nothing until awaited, then resolves to the first page', async () => {
    const { client, calls } = setup();
    const first = client.completions.list(params);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(calls).toHaveLength(0);
    const page = await first;
    expect(page.data).toHaveLength(7);
    expect(page.has_more).toBe(true);
    expect(calls).toHaveLength(1);
  });

  test('for await yields every bucket across pages, resending the same filters with page', async () => {
    const { client, calls } = setup();
    const buckets = [];
    for await (const bucket of client.completions.list({ ...params, models: ['gpt-4o'] })) {
      buckets.push(bucket);
    }
    expect(buckets).toHaveLength(20);
    expectGapless(buckets, JAN_1, JAN_1 + 20 * DAY);
    expect(calls).toHaveLength(3);
    expect(calls[1]?.url.searchParams.get('page')).toBe(`page_${JAN_1 + 7 * DAY}`);
    expect(calls[2]?.url.searchParams.getAll('models[]')).toEqual(['gpt-4o']);
  });

  test('pages() yields page by page and reuses the awaited first page', async () => {
    const { client, calls } = setup();
    const list = client.costs.list(params);
    await list;
    const sizes = [];
    for await (const page of list.pages()) sizes.push(page.data.length);
    expect(sizes).toEqual([7, 7, 6]);
    expect(calls).toHaveLength(3);
  });

  test('then returns a plain promise (Symbol.species)', () => {
    const { client } = setup();
    const list = client.costs.list(params);
    const chained = list.then((page) => page.data.length);
    expect(chained).toBeInstanceOf(Promise);
    expect(chained.constructor).toBe(Promise);
    return chained;
  });

  test('stops with CursorLoopError when the server repeats a cursor', async () => {
    const stuck = { object: 'page', data: [], has_more: true, next_page: 'page_same' };
    const { client, calls } = setup(() => json(stuck));
    const iterate = async () => {
      for await (const _bucket of client.costs.list(params)) {
        // drain
      }
    };
    await expect(iterate()).rejects.toThrow(CursorLoopError);
    expect(calls).toHaveLength(2);
  });

  test('has_more without a cursor is a validation error, not a silent stop', async () => {
    const { client } = setup(() =>
      json({ object: 'page', data: [], has_more: true, next_page: null }),
    );
    await expect(client.costs.all(params)).rejects.toThrow(ResponseValidationError);
  });
});

describe('all', () => {
  test('returns every bucket of a 90-day hourly range, in order, once', async () => {
    const { client, calls, events } = setup();
    const end = JAN_1 + 90 * DAY;
    const buckets = await client.completions.all({
      start_time: JAN_1,
      end_time: end,
      bucket_width: '1h',
    });
    expect(buckets).toHaveLength(90 * 24);
    expectGapless(buckets, JAN_1, end);
    expect(calls).toHaveLength(13);
    const done = events.filter((event) => event.type === 'request-done');
    expect(done.at(-1)).toMatchObject({ planned: 13, started: 13, done: 13 });
    expect(events[0]).toEqual({
      type: 'request-planned',
      endpoint: 'completions',
      planned: 13,
      started: 0,
      done: 0,
    });
  });

  test('follows next_page when a planned request holds more than one page', async () => {
    const answer = bucketAnswer();
    const { client, calls } = setup((call, index) => {
      // A server that pages at 24 buckets whatever limit was asked for.
      call.url.searchParams.set('limit', '24');
      return answer(call, index);
    });
    const end = JAN_1 + 10 * DAY;
    const buckets = await client.completions.all({
      start_time: JAN_1,
      end_time: end,
      bucket_width: '1h',
    });
    expect(buckets).toHaveLength(240);
    expectGapless(buckets, JAN_1, end);
    expect(calls).toHaveLength(10);
  });

  test('snaps costs to whole days without repeating a day across requests', async () => {
    const { client } = setup();
    const start = JAN_1 + 13 * HOUR;
    const end = JAN_1 + 400 * DAY;
    const buckets = await client.costs.all({ start_time: start, end_time: end });
    expect(buckets).toHaveLength(400);
    expectGapless(buckets, JAN_1, end);
  });

  test('runs planned requests concurrently, never above the client-wide limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const answer = bucketAnswer();
    const { client } = setup(async (call, index) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight--;
      return answer(call, index);
    }, 3);
    const range = { start_time: JAN_1, end_time: JAN_1 + 60 * DAY, bucket_width: '1h' } as const;
    await Promise.all([
      client.completions.all(range),
      client.costs.all({ ...range, bucket_width: '1d', limit: 1 }),
    ]);
    expect(peak).toBe(3);
  });

  test('parses an answer while the next request is in flight, never above the limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const answer = bucketAnswer();
    const encoder = new TextEncoder();
    // In flight from the call until the client has read the whole body.
    const { client, events } = setup(async (call, index) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1 + (index % 3)));
      const body = encoder.encode(await (await answer(call, index)).text());
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          controller.enqueue(body);
          controller.close();
          inFlight--;
        },
      });
      return new Response(stream, { headers: { 'content-type': 'application/json' } });
    }, 2);
    const end = JAN_1 + 60 * DAY;
    const buckets = await client.completions.all({
      start_time: JAN_1,
      end_time: end,
      bucket_width: '1h',
    });
    expect(peak).toBe(2);
    expect(buckets).toHaveLength(60 * 24);
    expectGapless(buckets, JAN_1, end);
    // A request started while more than the limit were between start and validated answer:
    // the extra ones were being parsed, outside the request limit.
    const overlapped = events.some(
      (event) => event.type === 'request-started' && event.started - event.done > 2,
    );
    expect(overlapped).toBe(true);
    const done = events.filter((event) => event.type === 'request-done');
    expect(done).toHaveLength(9);
  });

  test('an abort while an answer is being processed is rethrown untouched', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    const answer = bucketAnswer();
    const { client, events } = setup(async (call, index) => {
      const body = await (await answer(call, index)).text();
      const stream = new ReadableStream<string>({
        pull(stream) {
          stream.enqueue(body);
          stream.close();
          // Runs after the body is read, before the client's turn to parse it.
          setTimeout(() => controller.abort(reason), 0);
        },
      });
      return new Response(stream.pipeThrough(new TextEncoderStream()));
    }, 1);
    await expect(
      client.completions.page(
        { start_time: JAN_1, end_time: JAN_1 + DAY },
        { signal: controller.signal },
      ),
    ).rejects.toBe(reason);
    expect(events.some((event) => event.type === 'request-done')).toBe(false);
  });

  test('a small call takes turns with a running backfill instead of waiting behind it', async () => {
    const { client, calls } = setup(bucketAnswer(), 1);
    const backfill = client.completions.all({
      start_time: JAN_1,
      end_time: JAN_1 + 90 * DAY,
      bucket_width: '1h',
    });
    const small = client.costs.page({ start_time: JAN_1, end_time: JAN_1 + DAY });
    const [buckets, page] = await Promise.all([backfill, small]);
    expect(buckets).toHaveLength(90 * 24);
    expect(page.data).toHaveLength(1);
    expect(calls).toHaveLength(14);
    // The backfill's first request was already out and its call first in line: then it is costs'
    // turn, not after the twelve other backfill requests.
    expect(calls.findIndex((call) => call.url.pathname.endsWith('/costs'))).toBe(2);
  });

  test('fails as a whole when one request fails for good, and stops the others', async () => {
    const answer = bucketAnswer();
    const { client, calls } = setup(
      (call, index) =>
        call.url.searchParams.get('start_time') === String(JAN_1 + 168 * HOUR)
          ? json({ error: { message: 'down', type: 'server_error' } }, 500)
          : answer(call, index),
      1,
    );
    await expect(
      client.completions.all({ start_time: JAN_1, end_time: JAN_1 + 90 * DAY, bucket_width: '1h' }),
    ).rejects.toThrow(InternalServerError);
    expect(calls.length).toBeLessThan(13);
  });

  test("the caller's abort stops every request and is rethrown untouched", async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    const answer = bucketAnswer();
    const { client } = setup((call, index) => {
      if (index === 2) controller.abort(reason);
      return answer(call, index);
    }, 1);
    await expect(
      client.completions.all(
        { start_time: JAN_1, end_time: JAN_1 + 90 * DAY, bucket_width: '1h' },
        { signal: controller.signal },
      ),
    ).rejects.toBe(reason);
  });
});
