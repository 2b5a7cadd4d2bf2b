import { describe, expect, test } from 'vitest';
import { isRetryableStatus, parseRetryAfterMs, retryDelayMs } from './retry';

describe('isRetryableStatus', () => {
  test.each([
    [408, true],
    [409, true],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [422, false],
  ])('status %i is retryable: %s', (status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected);
  });

  test('x-should-retry overrides the status', () => {
    expect(isRetryableStatus(400, new Headers({ 'x-should-retry': 'true' }))).toBe(true);
    expect(isRetryableStatus(503, { 'x-should-retry': 'false' })).toBe(false);
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);

  test('prefers retry-after-ms', () => {
    expect(parseRetryAfterMs({ 'retry-after-ms': '250', 'retry-after': '9' }, now)).toBe(250);
  });

  test('reads retry-after in seconds, fractions included', () => {
    expect(parseRetryAfterMs(new Headers({ 'retry-after': '2' }), now)).toBe(2000);
    expect(parseRetryAfterMs({ 'retry-after': '0.5' }, now)).toBe(500);
  });

  test('reads retry-after as an HTTP date', () => {
    const date = new Date(now + 3000).toUTCString();
    expect(parseRetryAfterMs({ 'retry-after': date }, now)).toBe(3000);
    expect(parseRetryAfterMs({ 'retry-after': new Date(now - 5000).toUTCString() }, now)).toBe(0);
  });

  test('caps long waits at 60 s or the given cap', () => {
    expect(parseRetryAfterMs({ 'retry-after': '3600' }, now)).toBe(60_000);
    expect(parseRetryAfterMs({ 'retry-after-ms': '900' }, now, 100)).toBe(100);
  });

  test('ignores negative, empty and unreadable values', () => {
    expect(parseRetryAfterMs({ 'retry-after': '-1' }, now)).toBeUndefined();
    expect(parseRetryAfterMs({ 'retry-after-ms': 'soon', 'retry-after': '' }, now)).toBeUndefined();
    expect(parseRetryAfterMs({ 'retry-after-ms': '-5', 'retry-after': '1' }, now)).toBe(1000);
    expect(parseRetryAfterMs({}, now)).toBeUndefined();
  });
});

describe('retryDelayMs', () => {
  test('doubles from 500 ms up to 8 s without jitter', () => {
    const noJitter = () => 0;
    expect([0, 1, 2, 3, 4, 5].map((retry) => retryDelayMs(retry, noJitter))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000,
    ]);
  });

  test('takes off at most 25 % as jitter', () => {
    expect(retryDelayMs(1, () => 0.999_999)).toBeCloseTo(750, 0);
    expect(retryDelayMs(1, () => 0.5)).toBe(875);
  });

  test("uses the server's wait when given", () => {
    expect(retryDelayMs(3, () => 0.5, 1234)).toBe(1234);
    expect(retryDelayMs(0, () => 0.5, 0)).toBe(0);
  });
});
