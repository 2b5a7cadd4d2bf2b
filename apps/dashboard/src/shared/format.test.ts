import { describe, expect, test } from 'vitest';
import { formatCount, formatMoneyShort, formatPercent } from './format';
import { microsToDecimal } from './money';

describe('formatMoneyShort', () => {
  test.each([
    [1_234_000_000, '$1.2k'],
    [999_990_000_000, '$1M'],
    [12_345_000, '$12.35'],
    [0, '$0'],
    [512_340_000, '$512'],
    [4_200, '$0.0042'],
    [-2_500_000_000, '-$2.5k'],
    [3_400_000_000_000, '$3.4M'],
  ])('%d micros → %s', (micros, expected) => {
    expect(formatMoneyShort(micros)).toBe(expected);
  });
});

describe('formatCount', () => {
  test.each([
    [3_400_000, '3.4M'],
    [950, '950'],
    [12_000, '12k'],
    [123_456, '123k'],
    [2_000_000_000, '2B'],
  ])('%d → %s', (value, expected) => {
    expect(formatCount(value)).toBe(expected);
  });
});

describe('formatPercent', () => {
  test('formats ratios, optionally signed', () => {
    expect(formatPercent(0.123)).toBe('12.3%');
    expect(formatPercent(0.05, true)).toBe('+5.0%');
    expect(formatPercent(-0.05, true)).toBe('-5.0%');
    expect(formatPercent(2.5)).toBe('250%');
  });
});

describe('microsToDecimal', () => {
  test.each([
    [12_500_000, '12.5'],
    [-1, '-0.000001'],
    [0, '0'],
    [9_007_199_254_740_991, '9007199254.740991'],
  ])('%d → %s', (micros, expected) => {
    expect(microsToDecimal(micros)).toBe(expected);
  });
});
