import { describe, expect, test } from 'vitest';
import { formatMoney, multiplyToMicros, toDecimalString, toMicros } from './money';

describe('money', () => {
  test.each([
    [1_234_567_891, '$1,234.57', '1234.567891'],
    [-1, '$0.00', '-0.000001'],
    [-12_345_678, '-$12.35', '-12.345678'],
    [5_000, '$0.01', '0.005000'],
    [0, '$0.00', '0.000000'],
  ])('%i micro-units format as %s and %s', (micros, display, decimal) => {
    expect(formatMoney(micros, 'usd')).toBe(display);
    expect(toDecimalString(micros)).toBe(decimal);
  });

  test('multiplies exactly and rounds once, half away from zero', () => {
    expect(multiplyToMicros(3, 500_000)).toBe(2); // 1.5 micro-units
    expect(multiplyToMicros(1, 499_999)).toBe(0);
    expect(multiplyToMicros(9_000_000_000, 10_000_000)).toBe(90_000_000_000); // through BigInt
  });

  test('converts Costs API floats to micro-units', () => {
    expect(toMicros(0.13080438340307526)).toBe(130_804);
    expect(toMicros(0.1)).toBe(100_000);
  });
});
