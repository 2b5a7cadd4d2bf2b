import { describe, expect, test } from 'vitest';
import { parseDashboardQuery } from './query-params';

function parse(search: string) {
  return parseDashboardQuery(new URLSearchParams(search));
}

describe('parseDashboardQuery', () => {
  test('fills defaults', () => {
    expect(parse('')).toEqual({
      success: true,
      query: {
        view: 'overview',
        range: '30d',
        by: 'model',
        grain: 'day',
        tz: 'UTC',
        metric: 'spend',
        top: 8,
      },
    });
  });

  test('accepts a full query', () => {
    const result = parse(
      'range=custom&from=2026-01-01&to=2026-01-31&by=project&grain=week&tz=Europe/Berlin&metric=tokens&project=proj_1&model=gpt-4o&top=5&endpoint=images',
    );
    expect(result.success && result.query).toMatchObject({
      by: 'project',
      tz: 'Europe/Berlin',
      top: 5,
    });
  });

  test.each([
    [
      'by=team',
      'by must be one of model, project, user, key, endpoint, batch, service_tier; got "team"',
    ],
    ['grain=fortnight', 'grain must be one of hour, day, week, month; got "fortnight"'],
    ['tz=Mars/Olympus', 'tz must be an IANA time zone; got "Mars/Olympus"'],
    ['range=custom', 'range=custom needs both from and to (YYYY-MM-DD)'],
    [
      'range=custom&from=2026-02-30&to=2026-03-01',
      'from must be a date YYYY-MM-DD; got "2026-02-30"',
    ],
    ['range=custom&from=2026-03-02&to=2026-03-01', 'from must not be after to'],
    ['top=0', 'top must be a whole number from 1 to 20'],
    ['grain=hour&range=365d', 'grain=hour is available for ranges up to 31 days'],
    [
      'grain=hour&range=custom&from=2026-01-01&to=2026-02-15',
      'grain=hour is available for ranges up to 31 days',
    ],
    ['top=1e1', 'top must be a whole number from 1 to 20'],
    ['by=model&by=user', 'parameter "by" was given more than once'],
    ['project=a%00b', 'project must not contain control characters'],
    ['endpoint=toString', 'endpoint must be one of'],
    [
      'range=custom&from=0001-01-01&to=9999-12-31&grain=day',
      'a range covers at most 731 days: the API answers about two years back; got 3652059 days',
    ],
    ['range=custom&from=2024-01-01&to=2026-01-02', 'a range covers at most 731 days'],
  ])('rejects %s', (search, message) => {
    const result = parse(search);
    expect(result.success).toBe(false);
    expect(result.success ? '' : result.message).toContain(message);
  });

  test.each([
    ['hour', 'range=custom&from=2026-01-01&to=2026-01-31', 744],
    ['day', 'range=custom&from=2024-01-01&to=2025-12-31', 731],
    ['week', 'range=custom&from=2024-01-01&to=2025-12-31', 105],
    ['month', 'range=custom&from=2024-01-01&to=2025-12-31', 25],
  ])('the longest %s range accepted holds at most 744 periods', (grain, search, periods) => {
    expect(parse(`${search}&grain=${grain}`).success).toBe(true);
    expect(periods).toBeLessThanOrEqual(744);
  });

  test('answers a range of years 0001 to 9999 with a 400 message at once', () => {
    const started = performance.now();
    expect(parse('range=custom&from=0001-01-01&to=9999-12-31').success).toBe(false);
    expect(performance.now() - started).toBeLessThan(50);
  });

  test('rejects unknown parameters, including prototype keys', () => {
    for (const search of ['colour=red', '__proto__=x', 'constructor=x']) {
      const result = parse(search);
      expect(result.success ? '' : result.message).toMatch(/^unknown parameter/);
    }
  });
});
