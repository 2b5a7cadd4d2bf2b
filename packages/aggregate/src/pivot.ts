import { RollupQueryError } from './errors';
import type { DimensionValue } from './fields';
import { roundedMicros } from './result-pricer';
import { exactPartsOf, type RollupResult, type RollupRow } from './rollup-result';

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
  /**
   * Cells aligned with `columnLabels`; `null` where no row had the combination, or where no
   * endpoint of its rows measures the metric.
   */
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

/** A cell's running sums (`estimated_cost` as whole micro-USD and pico remainders). */
interface CellSum {
  value: number;
  micros: number;
  picos: number;
}

/**
 * How a cell folds one more row: `estimated_cost` from its exact parts, rounded once; a level
 * as its byte-time over the seconds the cell's periods cover (its own period when a key is the
 * period, every period of the result otherwise, as a roll-up over them would); others summed.
 */
function cellFolder(
  result: RollupResult,
  options: PivotOptions,
): (cell: CellSum, row: RollupRow, index: number) => number {
  const { metric } = options;
  const parts = exactPartsOf.get(result);
  const cost = metric === 'estimated_cost' ? parts?.cost : undefined;
  if (cost !== undefined) {
    return (cell, _, index) => {
      cell.micros += cost[0][index] as number;
      cell.picos += cost[1][index] as number;
      return roundedMicros(cell.micros, cell.picos);
    };
  }
  const seconds = parts?.coveredSeconds.get(metric);
  const byteTime = result.columns[`${metric}_seconds`];
  if (seconds !== undefined && byteTime instanceof Float64Array) {
    const keys = [...options.rowsBy, ...options.columnsBy];
    const perPeriod = keys.includes('period_start') || keys.includes('period_end');
    const periods = new Map<number, number>();
    result.rows.forEach((row, index) => {
      if (row.row_kind === 'detail' || row.row_kind === 'other') {
        periods.set(row.period_start, seconds[index] as number);
      }
    });
    let allSeconds = 0;
    for (const each of periods.values()) allSeconds += each;
    return (cell, _, index) => {
      cell.value += byteTime[index] as number;
      const covered = perPeriod ? (seconds[index] as number) : allSeconds;
      return covered === 0 ? 0 : cell.value / covered;
    };
  }
  return (cell, row) => {
    cell.value += row[metric] as number;
    return cell.value;
  };
}

function label(value: DimensionValue | number): string {
  if (value === null) return '(not grouped)';
  return String(value);
}

/**
 * Turns a long roll-up into a wide table: one row per `rowsBy` combination, one column per
 * `columnsBy` combination, the metric in the cells. Only `detail` and `other` rows are used.
 * Rows that share a cell fold as the roll-up would: `estimated_cost` from exact parts, rounded
 * once; a level metric averaged over the time the cell covers (not summed across periods).
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
  const sums: Array<Array<CellSum | undefined>> = [];
  const fold = cellFolder(result, options);
  const read = (row: RollupRow, name: string) => (row[name] ?? null) as DimensionValue;
  result.rows.forEach((row, index) => {
    if (row.row_kind !== 'detail' && row.row_kind !== 'other') return;
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
      sums.push([]);
    }
    // A metric the row's endpoints do not measure (null) leaves the cell as it is.
    if (typeof row[options.metric] !== 'number') return;
    const cellSums = sums[position] as Array<CellSum | undefined>;
    const cell = cellSums[column] ?? { value: 0, micros: 0, picos: 0 };
    cellSums[column] = cell;
    (rows[position] as PivotRow).cells[column] = fold(cell, row, index);
  });
  return {
    rowsBy: options.rowsBy,
    columnsBy: options.columnsBy,
    metric: options.metric,
    columnKeys,
    columnLabels: columnKeys.map((values) => values.map(label).join(' / ')),
    rows,
  };
}
