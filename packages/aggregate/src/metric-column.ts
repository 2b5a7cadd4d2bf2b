import { codeBytesFor } from './code-array';
import { ColumnArena } from './column-arena';
import type { MetricSpec } from './fields';

/**
 * A metric's values: the narrowest array that holds every value so far, 1, 2 or 4 bytes a row
 * for counts, 8 (`Float64Array`) for anything else.
 */
export type MetricValues = Uint8Array | Uint16Array | Uint32Array | Float64Array;

/**
 * The largest value an array stores exactly without widening (any value for `Float64Array`).
 *
 * @param values The array.
 *
 * @returns Its limit.
 */
export function largestStorable(values: MetricValues): number {
  return values instanceof Float64Array
    ? Number.POSITIVE_INFINITY
    : 2 ** (values.BYTES_PER_ELEMENT * 8) - 1;
}

function allocateValues(bytes: number, length: number, arena?: ColumnArena): MetricValues {
  if (bytes === 1) return arena ? arena.uint8(length) : new Uint8Array(length);
  if (bytes === 2) return arena ? arena.uint16(length) : new Uint16Array(length);
  if (bytes === 4) return arena ? arena.uint32(length) : new Uint32Array(length);
  return arena ? arena.float64(length) : new Float64Array(length);
}

/**
 * One metric's values, one per row. Integral metrics start at one byte a row and widen as
 * larger values arrive (2, then 4 bytes), and every metric widens to a `Float64Array` the first
 * time a value is negative, above 2^32-1 or fractional, so counts and micro-unit money stay
 * exact integers. A bitmap marks rows that did not report the metric; their value is 0, so sums
 * treat absent as zero while coverage still tells absent from a reported zero.
 */
export class MetricColumn {
  readonly spec: MetricSpec;
  /** The values; absent rows hold 0. */
  values: MetricValues;
  /** Bit `row` is set when the row did not report the metric. */
  absent: Uint8Array;
  /** Rows below this have no absent bit (readers only set bits of rows past it). */
  #presentBelow = 0;

  /**
   * @param spec The metric.
   * @param capacity Rows to allocate.
   * @param absentRows Rows that exist already and therefore lack this metric.
   */
  constructor(spec: MetricSpec, capacity: number, absentRows: number) {
    this.spec = spec;
    this.values = allocateValues(spec.integral ? 1 : 8, capacity);
    this.absent = new Uint8Array((capacity + 7) >> 3);
    this.markAbsent(0, absentRows);
  }

  /**
   * @param capacity Rows.
   * @returns The bytes the column needs in a {@link ColumnArena} at a capacity.
   */
  arenaBytes(capacity: number): number {
    return (
      ColumnArena.size(capacity * this.values.BYTES_PER_ELEMENT) +
      ColumnArena.size((capacity + 7) >> 3)
    );
  }

  /**
   * Moves the column to a larger allocation.
   *
   * @param capacity The new row capacity.
   * @param arena Where the new arrays are carved from (sized with {@link MetricColumn.arenaBytes}).
   */
  grow(capacity: number, arena: ColumnArena): void {
    const values = allocateValues(this.values.BYTES_PER_ELEMENT, capacity, arena);
    values.set(this.values);
    this.values = values;
    const absent = arena.uint8((capacity + 7) >> 3);
    absent.set(this.absent);
    this.absent = absent;
  }

  /**
   * Stores a value already scaled to storage units, widening the column when needed.
   *
   * @param row The row.
   * @param value The scaled value.
   *
   * @returns The current value array (it changes when the column widens).
   */
  store(row: number, value: number): MetricValues {
    const bytes = value >>> 0 === value ? codeBytesFor(value + 1) : 8;
    if (bytes > this.values.BYTES_PER_ELEMENT) {
      const wider = allocateValues(bytes, this.values.length);
      wider.set(this.values);
      this.values = wider;
    }
    this.values[row] = value;
    this.#setBits(row, row + 1, false);
    return this.values;
  }

  /**
   * Marks rows `[start, end)` absent (value 0).
   *
   * @param start First row.
   * @param end Row after the last.
   */
  markAbsent(start: number, end: number): void {
    this.values.fill(0, start, end);
    this.#setBits(start, end, true);
  }

  /**
   * Empties rows `[start, end)`: zero values, absent bits cleared (the state of fresh rows).
   *
   * @param start First row.
   * @param end Row after the last.
   */
  clear(start: number, end: number): void {
    this.values.fill(0, start, end);
    this.#setBits(start, end, false);
  }

  /** Sets or clears the absent bits of rows `[start, end)`, whole bytes at a time inside. */
  #setBits(start: number, end: number, absent: boolean): void {
    if (absent) this.#presentBelow = Math.min(this.#presentBelow, start);
    const bits = this.absent;
    let row = start;
    for (; row < end && ((row & 7) !== 0 || end - row < 8); row += 1) {
      bits[row >> 3] = absent
        ? (bits[row >> 3] as number) | (1 << (row & 7))
        : (bits[row >> 3] as number) & ~(1 << (row & 7));
    }
    if (row >= end) return;
    const fullEnd = end & ~7;
    bits.fill(absent ? 0xff : 0, row >> 3, fullEnd >> 3);
    this.#setBits(fullEnd, end, absent);
  }

  /**
   * @param rowCount Rows to consider.
   * @returns Whether any row below `rowCount` lacks the metric.
   */
  anyAbsent(rowCount: number): boolean {
    for (let byte = this.#presentBelow >> 3; byte < rowCount >> 3; byte += 1) {
      if (this.absent[byte] !== 0) return true;
    }
    for (let row = rowCount & ~7; row < rowCount; row += 1) if (this.isAbsent(row)) return true;
    this.#presentBelow = rowCount;
    return false;
  }

  /**
   * @param row The row.
   * @returns Whether the row lacks the metric.
   */
  isAbsent(row: number): boolean {
    return (((this.absent[row >> 3] as number) >> (row & 7)) & 1) === 1;
  }

  /**
   * Copies one row's value and presence onto another row.
   *
   * @param from Source row.
   * @param to Target row.
   */
  copyRow(from: number, to: number): void {
    this.values[to] = this.values[from] as number;
    this.#setBits(to, to + 1, this.isAbsent(from));
  }

  /** Allocated bytes. */
  get byteLength(): number {
    return this.values.byteLength + this.absent.byteLength;
  }
}
