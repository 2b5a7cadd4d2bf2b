import { RollupQueryError } from './errors';
import type { DimensionValue } from './fields';
import type { RollupResult, RollupRow } from './rollup-result';

/** Options of {@link pivot}. */
export interface PivotOptions {
  /** Fields that identify a wide row, for example `['period_start']`. */
  rowsBy: readonly string[];
  /** Fields whose values become columns, for example `['model']`. */
  columnsBy: readonly string[];
  /** The metric (or derived metric) in the cells. */
  metric: string;
}

/** One wide row: its key fields and one cell per column label. */
export interface PivotRow {
  /** Values of `rowsBy`, in order. */
  keys: DimensionValue[];
  /** Cells aligned with `columnLabels`; `null` where no row had the combination. */
  cells: Array<number | null>;
}

/** A wide table. Column labels are data (untrusted ids), so they are an array, never object keys. */
export interface PivotTable {
  rowsBy: readonly string[];
  columnsBy: readonly string[];
  metric: string;
  /** The `columnsBy` values of each column. */
  columnKeys: DimensionValue[][];
  /** Display labels: values joined with " / ", `null` shown as "(not grouped)". */
  columnLabels: string[];
  rows: PivotRow[];
}

function label(value: DimensionValue | number): string {
  if (value === null) return '(not grouped)';
  return String(value);
}

/**
 * Turns a long roll-up into a wide table: one row per `rowsBy` combination, one column per
 * `columnsBy` combination, the metric in the cells. Only `detail` and `other` rows are used.
 *
 * @param result A roll-up result.
 * @param options Row keys, column keys and the metric.
 *
 * @returns The wide table.
 */
export function pivot(result: RollupResult, options: PivotOptions): PivotTable {
  const known = new Set<string>(['period_start', 'period_end', ...result.by, ...result.metrics]);
  for (const [field, list] of [
    ['rowsBy', options.rowsBy],
    ['columnsBy', options.columnsBy],
  ] as const) {
    list.forEach((name, index) => {
      if (!known.has(name) || result.metrics.includes(name)) {
        throw new RollupQueryError(
          `"${name}" is not a key of this result; use period_start, period_end or ${result.by.join(', ') || '(no dimensions)'}`,
          `${field}[${index}]`,
        );
      }
    });
  }
  if (!result.metrics.includes(options.metric)) {
    throw new RollupQueryError(
      `not a metric of this result; allowed: ${result.metrics.join(', ')}`,
      'metric',
    );
  }
  const columnIndex = new Map<string, number>();
  const columnKeys: DimensionValue[][] = [];
  const rowIndex = new Map<string, number>();
  const rows: PivotRow[] = [];
  const read = (row: RollupRow, name: string) => (row[name] ?? null) as DimensionValue;
  for (const row of result.rows) {
    if (row.row_kind !== 'detail' && row.row_kind !== 'other') continue;
    const columnValues = options.columnsBy.map((name) => read(row, name));
    const columnKey = JSON.stringify(columnValues);
    let column = columnIndex.get(columnKey);
    if (column === undefined) {
      column = columnKeys.length;
      columnIndex.set(columnKey, column);
      columnKeys.push(columnValues);
      for (const existing of rows) existing.cells.push(null);
    }
    const keys = options.rowsBy.map((name) => read(row, name));
    const rowKey = JSON.stringify(keys);
    let position = rowIndex.get(rowKey);
    if (position === undefined) {
      position = rows.length;
      rowIndex.set(rowKey, position);
      rows.push({ keys, cells: new Array<number | null>(columnKeys.length).fill(null) });
    }
    const target = rows[position] as PivotRow;
    const value = row[options.metric];
    target.cells[column] =
      ((target.cells[column] ?? 0) as number) + (typeof value === 'number' ? value : 0);
  }
  return {
    rowsBy: options.rowsBy,
    columnsBy: options.columnsBy,
    metric: options.metric,
    columnKeys,
    columnLabels: columnKeys.map((values) => values.map(label).join(' / ')),
    rows,
  };
}
