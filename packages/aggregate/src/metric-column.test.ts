import { describe, expect, test } from 'vitest';
import { ColumnArena } from './column-arena';
import { allMetrics } from './fields';
import { largestStorable, MetricColumn } from './metric-column';

const inputTokens = allMetrics.find((spec) => spec.name === 'input_tokens');
const quantity = allMetrics.find((spec) => !spec.integral);

describe('MetricColumn', () => {
  test('widens 1 → 2 → 4 → 8 bytes a row as values need, keeping every earlier value', () => {
    if (inputTokens === undefined) throw new Error('no input_tokens metric');
    const column = new MetricColumn(inputTokens, 8, 1);
    expect(column.values).toBeInstanceOf(Uint8Array);
    const stored = [255, 256, 65_535, 65_536, 2 ** 32 - 1, 2 ** 32, 7];
    const kinds = [Uint8Array, Uint16Array, Uint16Array, Uint32Array, Uint32Array, Float64Array];
    stored.forEach((value, index) => {
      column.store(index + 1, value);
      if (index < kinds.length) expect(column.values).toBeInstanceOf(kinds[index]);
    });
    expect(Array.from(column.values)).toEqual([0, ...stored]);
    expect(column.isAbsent(0)).toBe(true);
    expect(column.isAbsent(1)).toBe(false);
    expect(largestStorable(column.values)).toBe(Number.POSITIVE_INFINITY);
  });

  test('a column that only ever holds small counts stays at one byte a row when it grows', () => {
    if (inputTokens === undefined) throw new Error('no input_tokens metric');
    const column = new MetricColumn(inputTokens, 4, 0);
    column.store(3, 200);
    const arena = new ColumnArena(column.arenaBytes(16));
    column.grow(16, arena);
    expect(column.values).toBeInstanceOf(Uint8Array);
    expect(column.values.length).toBe(16);
    expect(column.values[3]).toBe(200);
    expect(column.byteLength).toBe(16 + 2);
  });

  test('fractional metrics are stored as float64 from the start', () => {
    if (quantity === undefined) throw new Error('no fractional metric');
    const column = new MetricColumn(quantity, 4, 0);
    expect(column.values).toBeInstanceOf(Float64Array);
    column.store(0, 0.5);
    expect(column.values[0]).toBe(0.5);
  });
});
