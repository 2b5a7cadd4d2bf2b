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
  ])('rejects %s', (search, message) => {
    const result = parse(search);
    expect(result.success).toBe(false);
    expect(result.success ? '' : result.message).toContain(message);
  });

  test('rejects unknown parameters, including prototype keys', () => {
    for (const search of ['colour=red', '__proto__=x', 'constructor=x']) {
      const result = parse(search);
      expect(result.success ? '' : result.message).toMatch(/^unknown parameter/);
    }
  });
});
