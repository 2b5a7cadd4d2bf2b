import { describe, expect, test } from 'vitest';
import {
  type Answer,
  createRecordedFetch,
  exampleResults,
  json,
} from './__fixtures__/recorded-fetch';
import { createUsageClient } from './client';
import type { ClientValidationMode } from './core';
import { ResponseValidationError } from './errors';
import type { UsageClientEvent } from './events';

const KEY = 'sk-admin-bad-data-test';
const JAN_1 = 1_767_225_600;
const DAY = 86_400;

function bucket(dayIndex: number, inputTokens = 1) {
  return {
    object: 'bucket',
    start_time: JAN_1 + dayIndex * DAY,
    end_time: JAN_1 + (dayIndex + 1) * DAY,
    results: [{ ...exampleResults.completions, input_tokens: inputTokens }],
  };
}

function page(buckets: object[], next: string | null) {
  return { object: 'page', data: buckets, has_more: next !== null, next_page: next };
}

/** Serves the pages in order, following `page_<n>` cursors. */
function pagesAnswer(pages: object[]): Answer {
  return (call) => {
    const cursor = call.url.searchParams.get('page');
    return json(pages[cursor === null ? 0 : Number(cursor.slice('page_'.length))]);
  };
}

function setup(answer: Answer, validation: ClientValidationMode = 'tolerant') {
  const { fetch } = createRecordedFetch(answer);
  const events: UsageClientEvent[] = [];
  const client = createUsageClient({
    adminKey: KEY,
    baseURL: 'https://api.test/v1',
    fetch,
    validation,
    maxRetries: 0,
    onEvent: (event) => events.push(event),
  });
  // The spec's example lacks the newest optional counters: that drift is not what is tested here.
  const drift = () =>
    events.filter((event) => event.type === 'drift' && event.kind !== 'absent_field');
  return { client, drift };
}

const params = {
  start_time: JAN_1,
  end_time: JAN_1 + 5 * DAY,
  bucket_width: '1d' as const,
  limit: 5,
};

const hostilePages = [
  page([bucket(2, 20), bucket(1, 10), bucket(9, 999)], 'page_1'),
  // A repeated bucket (same day, different numbers: the first copy wins) and an overlap.
  page([bucket(2, 2000), { ...bucket(3), start_time: JAN_1 + 1.5 * DAY }, bucket(0, 1)], 'page_2'),
  page([bucket(4, 40), bucket(3, 30)], null),
];

describe('bad data is drift, not silence', () => {
  test('all() keeps each bucket once, drops what is outside the window, and is in time order', async () => {
    const { client, drift } = setup(pagesAnswer(hostilePages));
    const buckets = await client.completions.all(params);
    expect(buckets.map((item) => (item.start_time - JAN_1) / DAY)).toEqual([0, 1, 2, 3, 4]);
    expect(buckets.map((item) => item.results[0]?.input_tokens)).toEqual([1, 10, 20, 30, 40]);
    expect(
      drift().map((event) => event.type === 'drift' && [event.kind, event.path, event.count]),
    ).toEqual([
      ['bucket_out_of_order', 'pages[0].data[1]', 1],
      ['bucket_outside_window', 'pages[0].data[2]', 1],
      ['duplicate_bucket', 'pages[1].data[0]', 1],
      ['overlapping_bucket', 'pages[1].data[1]', 1],
      ['page_out_of_order', 'pages[1].data[2]', 1],
    ]);
  });

  test('list() iteration never yields a bucket twice', async () => {
    const { client } = setup(pagesAnswer(hostilePages));
    const starts: number[] = [];
    for await (const item of client.completions.list(params)) {
      starts.push((item.start_time - JAN_1) / DAY);
    }
    expect(starts).toEqual([2, 1, 0, 4, 3]);
  });

  test('a whole page served twice adds nothing', async () => {
    const once = page([bucket(0, 5), bucket(1, 5)], 'page_1');
    const { client, drift } = setup(
      pagesAnswer([once, { ...once, has_more: true, next_page: 'page_2' }, page([], null)]),
    );
    const buckets = await client.completions.all(params);
    expect(buckets).toHaveLength(2);
    expect(drift()).toHaveLength(1);
  });

  test('negative and beyond-2^53 counts are reported with their path and kept as received', async () => {
    const { client, drift } = setup(pagesAnswer([page([bucket(0, -5), bucket(1, 2 ** 60)], null)]));
    const buckets = await client.completions.all(params);
    expect(buckets).toHaveLength(2);
    expect(drift()).toEqual([
      expect.objectContaining({
        kind: 'invalid_value',
        key: 'input_tokens',
        path: 'data[0].results[0].input_tokens',
        count: 2,
      }),
    ]);
  });

  test('strict mode fails on bucket drift, naming the path', async () => {
    const { client } = setup(pagesAnswer(hostilePages), 'strict');
    const error = await client.completions.all(params).catch((caught) => caught);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.path).toBe('pages[0].data[1]');
  });

  test('page() drops a repeated bucket within its page', async () => {
    const { client } = setup(pagesAnswer([page([bucket(0, 1), bucket(0, 2)], null)]));
    const single = await client.completions.page(params);
    expect(single.data).toHaveLength(1);
    expect(single.data[0]?.results[0]?.input_tokens).toBe(1);
  });
});

describe('across the planned requests of all()', () => {
  test('a bucket straddling two requests’ windows, sent by both, counts once', async () => {
    const straddling = {
      ...bucket(0, 7),
      start_time: JAN_1 + 30.5 * DAY,
      end_time: JAN_1 + 31.5 * DAY,
    };
    const { client, drift } = setup(() => json(page([straddling], null)));
    const buckets = await client.completions.all({
      start_time: JAN_1,
      end_time: JAN_1 + 62 * DAY,
      bucket_width: '1d',
    });
    expect(buckets).toEqual([straddling]);
    expect(drift()).toEqual([
      expect.objectContaining({ kind: 'duplicate_bucket', path: 'requests[1].data[0]' }),
    ]);
  });
});
