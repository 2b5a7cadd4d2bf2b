import type { DimensionValue } from './fields';
import type { RollupColumns, RollupRow, RowKind } from './rollup-result';

/**
 * Builds plain rows from result columns (ratios: `NaN` in columns, `null` in rows).
 *
 * @param columns The result columns.
 * @param by The grouped dimensions.
 * @param metrics The metrics shown.
 * @param ratios The derived metrics shown.
 *
 * @returns One row per column entry, fields in the order of the columns.
 */
export function rowsFromColumns(
  columns: RollupColumns,
  by: readonly string[],
  metrics: readonly string[],
  ratios: readonly string[],
): RollupRow[] {
  const fields = [...by, ...metrics, ...ratios];
  const fieldColumns = fields.map(
    (name) => columns[name] as Float64Array | readonly DimensionValue[],
  );
  const rows = new Array<RollupRow>(columns.period_start.length);
  for (let index = 0; index < rows.length; index += 1) {
    const row: Record<string, DimensionValue | number> = {
      period_start: columns.period_start[index] as number,
      period_end: columns.period_end[index] as number,
      row_kind: columns.row_kind[index] as RowKind,
    };
    fields.forEach((name, position) => {
      const value = (fieldColumns[position] as ArrayLike<DimensionValue | number>)[index] ?? null;
      row[name] = typeof value === 'number' && Number.isNaN(value) ? null : value;
    });
    rows[index] = row as RollupRow;
  }
  return rows;
}
