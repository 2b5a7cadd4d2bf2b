import { describe, expect, test } from 'vitest';
import { labelledPeriods, periodLabeler } from './period-labels';

const DECEMBER_1 = Date.UTC(2026, 11, 1) / 1000;
const DAY = 86_400;

describe('periodLabeler', () => {
  test('names each period once at the precision of its grain', () => {
    const days = Array.from({ length: 4 }, (_, index) => DECEMBER_1 + index * DAY);
    expect(days.map(periodLabeler('day', 'UTC'))).toEqual(['1 Dec', '2 Dec', '3 Dec', '4 Dec']);
    expect(periodLabeler('hour', 'UTC')(DECEMBER_1 + 14 * 3600)).toBe('1 Dec, 14:00');
    expect(periodLabeler('week', 'UTC')(DECEMBER_1 - DAY)).toBe('w/c 30 Nov');
    expect(periodLabeler('month', 'UTC')(DECEMBER_1)).toBe('Dec 2026');
  });

  test('labels in the chosen zone: a Berlin day starts at 23:00 UTC the evening before', () => {
    const berlinMidnight = DECEMBER_1 - 3600;
    expect(periodLabeler('day', 'Europe/Berlin')(berlinMidnight)).toBe('1 Dec');
    expect(periodLabeler('day', 'UTC')(berlinMidnight)).toBe('30 Nov');
  });
});

describe('labelledPeriods', () => {
  const days = Array.from({ length: 30 }, (_, index) => DECEMBER_1 + index * DAY);

  test('labels every period when they fit, and never one period twice', () => {
    expect(labelledPeriods(days.slice(0, 5), 'day', 10)).toEqual(days.slice(0, 5));
    const labelled = labelledPeriods(days, 'day', 10);
    expect(new Set(labelled).size).toBe(labelled.length);
  });

  test('thins long axes with a round step for the grain', () => {
    expect(labelledPeriods(days, 'day', 10)).toEqual(days.filter((_, index) => index % 7 === 0));
    const hours = Array.from({ length: 72 }, (_, index) => DECEMBER_1 + index * 3600);
    expect(labelledPeriods(hours, 'hour', 8)).toEqual(hours.filter((_, index) => index % 12 === 0));
  });
});
