import { describe, expect, test } from 'vitest';
import { formatBytes, formatCount, formatPercent } from './format-number';

describe('formatCount', () => {
  test('groups digits, or shortens in compact tables', () => {
    expect(formatCount(1_234_567)).toBe('1,234,567');
    expect(formatCount(1_234_567, true)).toBe('1.2M');
    expect(formatCount(999, true)).toBe('999');
  });
});

describe('formatBytes and formatPercent', () => {
  test('format', () => {
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatPercent(0.1234)).toBe('+12.3%');
    expect(formatPercent(Number.NaN)).toBe('n/a');
  });
});
