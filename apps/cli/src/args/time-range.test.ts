import { describe, expect, test } from 'vitest';
import { CliError } from '../cli-error';
import { parseInstant, parseTimeRange, parseWindow } from './time-range';

const now = Date.UTC(2025, 2, 15, 12, 30) / 1000; // 2025-03-15T12:30:00Z
const day = (month: number, date: number) => Date.UTC(2025, month - 1, date) / 1000;

describe('parseInstant', () => {
  test.each([
    ['now', now],
    ['30d', day(2, 14)],
    ['36h', Date.UTC(2025, 2, 14, 1) / 1000],
    ['2w', day(3, 2)],
    ['2025-03-01', day(3, 1)],
    ['2025-03-01T08:00', Date.UTC(2025, 2, 1, 8) / 1000],
    ['2025-03-01T08:00:30Z', Date.UTC(2025, 2, 1, 8, 0, 30) / 1000],
    ['2025-03-01T08:00+02:00', Date.UTC(2025, 2, 1, 6) / 1000],
    ['today', day(3, 15)],
    ['month', day(3, 1)],
  ])('reads %s in UTC', (text, expected) => {
    expect(parseInstant(text, '--since', now, 'UTC')).toBe(expected);
  });

  test('reads dates as local midnight in the zone', () => {
    expect(parseInstant('2025-03-01', '--since', now, 'Europe/Berlin')).toBe(
      Date.UTC(2025, 1, 28, 23) / 1000,
    );
    expect(parseInstant('2025-07-01', '--since', now, 'America/New_York')).toBe(
      Date.UTC(2025, 6, 1, 4) / 1000,
    );
  });

  test.each(['yesterday-ish', '30x', '2025-02-30', '2025/03/01', ''])(
    'rejects %j naming the flag',
    (text) => {
      expect(() => parseInstant(text, '--until', now, 'UTC')).toThrow(/--until/);
    },
  );
});

describe('parseWindow', () => {
  test('defaults to the last 30 days of the zone, today included', () => {
    expect(parseWindow({ nowSeconds: now, timeZone: 'UTC' })).toMatchObject({
      start: day(2, 14),
      end: day(3, 16),
      label: 'last 30 days',
    });
  });

  test('reads --until as an exclusive edge', () => {
    const range = parseTimeRange({
      since: '2025-03-01',
      until: '2025-03-08',
      nowSeconds: now,
      timeZone: 'UTC',
    });
    expect(range).toEqual({ startTime: day(3, 1), endTime: day(3, 8) });
  });

  test('rejects a start after the end and says what is allowed', () => {
    expect(() =>
      parseTimeRange({
        since: '2025-03-10',
        until: '2025-03-01',
        nowSeconds: now,
        timeZone: 'UTC',
      }),
    ).toThrow(/--until: since must be before until/);
  });

  test('rejects a start in the future', () => {
    expect(() => parseTimeRange({ since: '2026-01-01', nowSeconds: now, timeZone: 'UTC' })).toThrow(
      CliError,
    );
  });

  test('rejects ranges longer than the maximum, naming it', () => {
    expect(() => parseTimeRange({ since: '400d', nowSeconds: now, timeZone: 'UTC' })).toThrow(
      /at most 366 days/,
    );
  });
});
