import type { DimensionValue, GroupDimension } from './fields';
import type { Grain } from './period-calendar';
import type { FieldCoverage } from './usage-table-api';

/**
 * What a result row is: a group (`detail`), the folded rest of a top-N (`other`), a subtotal
 * over a prefix of `by`, a period's `total`, or the `grand_total` over every period.
 */
export type RowKind = 'detail' | 'other' | 'subtotal' | 'total' | 'grand_total';

/**
 * One result row: period bounds (Unix seconds), the row kind, one field per `by` dimension and
 * one per metric and derived metric. Money (`amount_value`) is in currency units (USD), summed
 * exactly in micro-units first; derived ratios are `null` when their denominator is 0.
 */
export interface RollupRow {
  readonly period_start: number;
  readonly period_end: number;
  readonly row_kind: RowKind;
  readonly [field: string]: DimensionValue | number;
}

/** The result as columns, for charts: one array per row field, aligned by index. */
export interface RollupColumns {
  readonly period_start: Float64Array;
  readonly period_end: Float64Array;
  readonly row_kind: readonly RowKind[];
  readonly [field: string]: Float64Array | readonly DimensionValue[] | readonly RowKind[];
}

/** What {@link rollup} returns (frozen: a result is a value, shared by whoever reads it). */
export interface RollupResult {
  /**
   * Plain rows, for JSON, CSV and tables: built from `columns` the first time they are read (a
   * chart that only reads columns never pays for them), then the same array every time.
   */
  readonly rows: readonly RollupRow[];
  /** The same data as columns; derived ratios are `NaN` where rows have `null`. */
  readonly columns: RollupColumns;
  /** What the data cannot say exactly (time-zone re-cutting, range edges, mixed groupings...). */
  readonly warnings: readonly string[];
  /** Per summed metric: selected rows of endpoints that report it, and how many lacked it. */
  readonly coverage: Readonly<Record<string, FieldCoverage>>;
  /** The grain periods were cut in. */
  readonly grain: Grain;
  /** The zone periods were cut in. */
  readonly timeZone: string;
  /** The grouping dimensions, in column order. */
  readonly by: readonly GroupDimension[];
  /** Metric and derived metric columns, in order. */
  readonly metrics: readonly string[];
}

/** What a result keeps beside its rows so they can be folded again exactly (by `pivot`). */
export interface ExactParts {
  /** Per row: the summed whole micro-USD and pico remainders of `estimated_cost`. */
  readonly cost: readonly [Float64Array, Float64Array] | undefined;
  /** Per level metric shown: the seconds each row's value is averaged over. */
  readonly coveredSeconds: ReadonlyMap<string, Float64Array>;
}

/** Exact parts of each result made by a roll-up (results are frozen: kept beside them). */
export const exactPartsOf = new WeakMap<RollupResult, ExactParts>();
