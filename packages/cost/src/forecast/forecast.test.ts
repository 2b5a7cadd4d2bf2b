import { describe, expect, test } from 'vitest';
import { forecast, forecastByDimension } from './forecast';

// Four weeks of weekday spend 10, weekend spend 2 (dollars), starting Monday 2025-07-07.
const history = Array.from({ length: 28 }, (_, index) => {
  const date = new Date(Date.UTC(2025, 6, 7 + index)).toISOString().slice(0, 10);
  const weekend = index % 7 >= 5;
  return { date, amountMicros: (weekend ? 2 : 10) * 1_000_000 };
});

describe('forecast', () => {
  test('projects the period end along the weekday pattern', () => {
    const result = forecast(history, {
      periodStart: '2025-08-01',
      periodEnd: '2025-08-03',
      now: '2025-08-01T00:00:00Z',
    });
    expect(result.method).toBe('weekday');
    // Friday 10 + Saturday 2 + Sunday 2
    expect(result.total.expected).toBe(14_000_000);
    expect(result.total.low).toBeLessThanOrEqual(result.total.expected);
    expect(result.total.high).toBeGreaterThanOrEqual(result.total.expected);
  });

  test('has no pattern and projects nothing without history', () => {
    const result = forecast([], { periodEnd: '2025-08-31', now: '2025-08-10' });
    expect(result).toMatchObject({ method: 'none', actualToDate: 0 });
    expect(result.total).toEqual({ low: 0, expected: 0, high: 0 });
  });

  test('forecasts each series of a dimension', () => {
    const result = forecastByDimension(new Map([['project_id:p1', history]]), {
      periodStart: '2025-08-01',
      periodEnd: '2025-08-03',
      now: '2025-08-01T00:00:00Z',
    });
    expect(result.get('project_id:p1')?.total.expected).toBe(14_000_000);
  });
});
