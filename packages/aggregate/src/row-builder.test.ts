import { describe, expect, test } from 'vitest';
import type { RollupColumns } from './rollup-rows';
import { buildRowsGenerically, rowsFromColumns } from './row-builder';

function columnsOf(count: number): RollupColumns {
  return {
    period_start: Float64Array.from({ length: count }, (_, index) => 1_735_689_600 + index * 3600),
    period_end: Float64Array.from({ length: count }, (_, index) => 1_735_693_200 + index * 3600),
    row_kind: Array.from({ length: count }, (_, index) =>
      index === count - 1 ? 'total' : 'detail',
    ),
    project_id: Array.from({ length: count }, (_, index) =>
      index % 3 === 0 ? null : `proj_${index}`,
    ),
    batch: Array.from({ length: count }, (_, index) => index % 2 === 0),
    input_tokens: Float64Array.from({ length: count }, (_, index) => index * 1000),
    amount_value: Float64Array.from({ length: count }, (_, index) => index / 8),
    cache_hit_ratio: Float64Array.from({ length: count }, (_, index) =>
      index % 4 === 0 ? Number.NaN : index / count,
    ),
  };
}

describe('rowsFromColumns', () => {
  test('gives the generic builder’s rows, fields in the same order', () => {
    const columns = columnsOf(50);
    const args = [
      ['project_id', 'batch'],
      ['input_tokens', 'amount_value'],
      ['cache_hit_ratio'],
    ] as const;
    const generated = rowsFromColumns(columns, ...args);
    const generic = buildRowsGenerically(columns, 50, ...args);
    expect(generated).toEqual(generic);
    expect(generated.map((row) => Object.keys(row))).toEqual(
      generic.map((row) => Object.keys(row)),
    );
    expect(generated[0]).toEqual({
      period_start: 1_735_689_600,
      period_end: 1_735_693_200,
      row_kind: 'detail',
      project_id: null,
      batch: true,
      input_tokens: 0,
      amount_value: 0,
      cache_hit_ratio: null,
    });
  });

  test('rows are plain objects with their fields as own properties', () => {
    const [row] = rowsFromColumns(columnsOf(1), ['project_id'], ['input_tokens'], []);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.keys(row ?? {})).toEqual([
      'period_start',
      'period_end',
      'row_kind',
      'project_id',
      'input_tokens',
    ]);
  });
});
