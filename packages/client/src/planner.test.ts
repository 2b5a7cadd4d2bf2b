import { describe, expect, test } from 'vitest';
import { planRequests } from './planner';

const DAY = 86_400;
const HOUR = 3600;
const JAN_1 = 1_767_225_600; // 2026-01-01T00:00:00Z

function expectContiguous(
  requests: readonly { start_time: number; end_time: number }[],
  start: number,
  end: number,
) {
  expect(requests[0]?.start_time).toBe(start);
  expect(requests.at(-1)?.end_time).toBe(end);
  for (let index = 1; index < requests.length; index++) {
    expect(requests[index]?.start_time).toBe(requests[index - 1]?.end_time);
  }
}

describe('planRequests', () => {
  test('splits 90 days of hourly buckets into pages of 168 hours', () => {
    const end = JAN_1 + 90 * DAY;
    const plan = planRequests(
      'completions',
      { start_time: JAN_1, end_time: end, bucket_width: '1h', group_by: ['model'] },
      { nowMs: 0 },
    );
    expect(plan.requestCount).toBe(Math.ceil((90 * 24) / 168));
    expect(plan.limit).toBe(168);
    expectContiguous(plan.requests, JAN_1, end);
    for (const request of plan.requests) {
      expect(request.end_time - request.start_time).toBeLessThanOrEqual(168 * HOUR);
      expect(request.params).toMatchObject({
        start_time: request.start_time,
        end_time: request.end_time,
        limit: 168,
        bucket_width: '1h',
        group_by: ['model'],
      });
    }
  });

  test('uses 31-day pages for daily usage and 1440-minute pages for minutes', () => {
    const daily = planRequests(
      'embeddings',
      { start_time: JAN_1, end_time: JAN_1 + 62 * DAY },
      { nowMs: 0 },
    );
    expect(daily.requestCount).toBe(2);
    expect(daily.bucketWidth).toBe('1d');
    const minutes = planRequests(
      'embeddings',
      { start_time: JAN_1, end_time: JAN_1 + 3 * DAY, bucket_width: '1m' },
      { nowMs: 0 },
    );
    expect(minutes.requestCount).toBe(3);
  });

  test('aligns costs to whole UTC days in pages of 180 days', () => {
    const start = JAN_1 + 17 * HOUR + 31 * 60;
    const end = JAN_1 + 400 * DAY;
    const plan = planRequests('costs', { start_time: start, end_time: end }, { nowMs: 0 });
    expect(plan.requestCount).toBe(3);
    expectContiguous(plan.requests, start, end);
    expect(plan.requests[1]?.start_time).toBe(JAN_1 + 180 * DAY);
    expect(plan.requests[2]?.start_time).toBe(JAN_1 + 360 * DAY);
    expect((plan.requests[1]?.start_time ?? 1) % DAY).toBe(0);
  });

  test('an unaligned start puts the partial bucket in the first page', () => {
    const start = JAN_1 + 5 * HOUR + 7;
    const plan = planRequests(
      'completions',
      { start_time: start, end_time: start + 200 * HOUR, bucket_width: '1h' },
      { nowMs: 0 },
    );
    expect(plan.requests[0]?.start_time).toBe(start);
    expect(plan.requests[0]?.end_time).toBe(JAN_1 + 5 * HOUR + 168 * HOUR);
  });

  test('honours a smaller limit from the caller', () => {
    const plan = planRequests(
      'costs',
      { start_time: JAN_1, end_time: JAN_1 + 30 * DAY, limit: 7 },
      { nowMs: 0 },
    );
    expect(plan.requestCount).toBe(5);
  });

  test('ends at now when no end_time is given', () => {
    const nowMs = (JAN_1 + 10 * DAY + 1234) * 1000 + 500;
    const plan = planRequests('completions', { start_time: JAN_1 }, { nowMs });
    expect(plan.end_time).toBe(JAN_1 + 10 * DAY + 1235);
    expect(plan.requestCount).toBe(1);
  });

  test('a start in the future needs no request', () => {
    const plan = planRequests('costs', { start_time: JAN_1 }, { nowMs: (JAN_1 - 10) * 1000 });
    expect(plan.requestCount).toBe(0);
  });

  test('a page cursor is sent as one request, unchanged', () => {
    const params = { start_time: JAN_1, end_time: JAN_1 + 90 * DAY, page: 'page_abc' };
    const plan = planRequests('costs', params, { nowMs: 0 });
    expect(plan.requests).toEqual([{ params, start_time: JAN_1, end_time: JAN_1 + 90 * DAY }]);
  });

  test('describes itself with the count and an estimate once latency is known', () => {
    const params = { start_time: JAN_1, end_time: JAN_1 + 90 * DAY, bucket_width: '1h' } as const;
    const unknown = planRequests('completions', params, { nowMs: 0 });
    expect(unknown.estimatedMs).toBeUndefined();
    expect(unknown.describe()).toBe(
      'completions: 13 requests for 2026-01-01T00:00:00Z to 2026-04-01T00:00:00Z at bucket_width 1h (up to 168 buckets each)',
    );
    const known = planRequests('completions', params, {
      nowMs: 0,
      concurrency: 8,
      latencyMs: 50,
    });
    expect(known.estimatedMs).toBe(100);
    expect(known.describe()).toContain('about 0.1 s at concurrency 8');
  });
});
