import { describe, expect, test } from 'vitest';
import { AMOUNT_UNITS_PER_USD, amountUnitsOf, picosOf } from './amount';

describe('exact amounts', () => {
  test('multiplies beyond 2^53 exactly and rounds once, half up, to 1e-10 USD', () => {
    // 3e9 tokens at $10 / 1M (1e7 pico-USD each) = $30,000 = 3e16 pico-USD (> 2^53).
    const picos = picosOf(3_000_000_000, 10_000_000);
    expect(picos).toBe(30_000_000_000_000_000n);
    expect(amountUnitsOf(picos)).toBe(30_000 * AMOUNT_UNITS_PER_USD);
    expect(amountUnitsOf(150n)).toBe(2);
    expect(amountUnitsOf(149n)).toBe(1);
  });

  test('applies a discount share as a fraction without floating point', () => {
    // 7 tokens at 3 pico-USD, 85 % of it: 17.85 pico-USD = 0.1785 units, rounds to 0.
    expect(amountUnitsOf(picosOf(7, 3), 8_500, 10_000)).toBe(0);
    expect(amountUnitsOf(picosOf(1_000, 2_000_000), 8_500, 10_000)).toBe(17_000_000);
  });

  test('rejects fractional or negative quantities and prices', () => {
    expect(() => picosOf(1.5, 10)).toThrow(/quantity/);
    expect(() => picosOf(1, -1)).toThrow(/unit price/);
  });
});
