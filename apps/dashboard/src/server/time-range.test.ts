import { resolveWindow } from '@usagekit/report';
import { describe, expect, test } from 'vitest';
import { monthToDate, previousRange, resolveRange } from './time-range';

const NOW = Date.UTC(2026, 4, 17, 13, 30) / 1000; // 2026-05-17 13:30 UTC
const day = (text: string) => Date.parse(`${text}T00:00:00Z`) / 1000;

describe('resolveRange', () => {
  test.each([
    ['7d', day('2026-05-11')],
    ['30d', day('2026-04-18')],
    ['mtd', day('2026-05-01')],
    ['qtd', day('2026-04-01')],
    ['ytd', day('2026-01-01')],
  ] as const)('%s starts at its boundary and ends with today', (preset, start) => {
    expect(resolveRange(preset, NOW)).toEqual({ start, end: day('2026-05-18') });
  });

  test('custom ranges are whole UTC days, the last one included', () => {
    expect(resolveRange('custom', NOW, 'UTC', '2026-03-01', '2026-03-31')).toEqual({
      start: day('2026-03-01'),
      end: day('2026-04-01'),
    });
  });
});

test("a range is the CLI's window of the same name, in the chosen zone", () => {
  for (const [preset, spec] of [
    ['30d', '30d'],
    ['mtd', 'month'],
    ['ytd', 'year'],
  ] as const) {
    const window = resolveWindow(spec, { now: NOW, timeZone: 'Asia/Tokyo' });
    expect(resolveRange(preset, NOW, 'Asia/Tokyo')).toEqual({
      start: window.start,
      end: window.end,
    });
  }
  expect(resolveRange('7d', NOW, 'Asia/Tokyo').end).toBe(day('2026-05-18') - 9 * 3600);
});

describe('previousRange', () => {
  test('is the same length, just before', () => {
    expect(previousRange({ start: 100, end: 160 })).toEqual({ start: 40, end: 100 });
  });
});

describe('monthToDate', () => {
  test('compares with the same days of the previous month', () => {
    const periods = monthToDate(NOW);
    expect(periods.current).toEqual({ start: day('2026-05-01'), end: NOW });
    expect(periods.month).toEqual({ start: day('2026-05-01'), end: day('2026-06-01') });
    expect(periods.previous).toEqual({
      start: day('2026-04-01'),
      end: day('2026-04-01') + (NOW - day('2026-05-01')),
    });
    expect(periods.label).toBe('May 2026');
    expect(periods.previousLabel).toBe('April 2026');
  });
});
