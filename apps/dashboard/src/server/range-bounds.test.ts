import { describe, expect, test } from 'vitest';
import { rangeDays, rangeOutsideLookback } from './range-bounds';

const NOW = Date.UTC(2026, 4, 17, 13, 30) / 1000; // 2026-05-17 13:30 UTC

describe('rangeDays', () => {
  test('counts a custom range with its last day, and a preset by its longest span', () => {
    expect(rangeDays('custom', '2026-01-01', '2026-01-31')).toBe(31);
    expect(rangeDays('ytd')).toBe(366);
  });
});

describe('rangeOutsideLookback', () => {
  test('accepts a range within two years up to today', () => {
    expect(rangeOutsideLookback('2024-05-17', '2026-05-17', NOW)).toBeNull();
  });

  test('refuses a start older than the lookback, naming the earliest day', () => {
    expect(rangeOutsideLookback('2024-05-16', '2024-06-01', NOW)).toBe(
      'from 2024-05-16 is older than the API answers (about two years, 730 days); use 2024-05-17 or later',
    );
  });

  test('refuses an end in the future', () => {
    expect(rangeOutsideLookback('2026-05-01', '2026-05-18', NOW)).toBe(
      'to 2026-05-18 is in the future; use 2026-05-17 or earlier',
    );
  });
});
