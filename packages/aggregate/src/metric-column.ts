import { codeBytesFor } from './code-array';
import { ColumnArena } from './column-arena';
import type { MetricSpec } from './fields';

/**
 * A metric's values: the narrowest array that holds every value so far, 1, 2 or 4 bytes a row
 * for counts, 8 (`Float64Array`) for anything else.
 */
export type MetricValues = Uint8Array | Uint16Array | Uint32Array | Float64Array;

/** Largest value per element size of the unsigned arrays. */
const UNSIGNED_LIMITS = [0, 0xff, 0xffff, 0, 0xffff_ffff] as const;

/**
 * The largest value an array stores exactly without widening (any value for `Float64Array`).
 *
 * @param values The array.
 *
 * @returns Its limit.
 */
export function largestStorable(values: MetricValues): number {
  return values.BYTES_PER_ELEMENT === 8
    ? Number.POSITIVE_INFINITY
    : (UNSIGNED_LIMITS[values.BYTES_PER_ELEMENT as 1 | 2 | 4] as number);
}

/** Bytes a row needs to hold `value` (an integer from 0 to 2^32-1 in 1, 2 or 4; else 8). */
function bytesFor(value: number): 1 | 2 | 4 | 8 {
  // The same widths as dictionary codes: values up to `value` are `value + 1` codes.
  return value >>> 0 === value ? codeBytesFor(value + 1) : 8;
}

function allocateValues(bytes: number, length: number, arena?: ColumnArena): MetricValues {
  if (bytes === 1) return arena ? arena.uint8(length) : new Uint8Array(length);
  if (bytes === 2) return arena ? arena.uint16(length) : new Uint16Array(length);
  if (bytes === 4) return arena ? arena.uint32(length) : new Uint32Array(length);
  return arena ? arena.float64(length) : new Float64Array(length);
}

/**
 * One metric's values, one per row. Integral metrics start in a `Uint8Array` and widen as larger
 * values arrive (to 2, then 4 bytes a row; a count that is always 0 costs one byte a row), and
 * every metric widens to a `Float64Array` the first time a value is negative, above 2^32-1 or
 * fractional (`quantity`), so token counts and micro-unit money stay exact integers either way.
 * A bitmap marks rows that did not report the metric; their stored value is 0, so sums treat
 * absent as zero while coverage can still tell absent from a reported zero.
 */
export class MetricColumn {
  readonly spec: MetricSpec;
  /** The values; absent rows hold 0. */
  values: MetricValues;
  /** Bit `row` is set when the row did not report the metric. */
  absent: Uint8Array;
  /**
   * Rows below this are known to have no absent bit. Readers only set bits of rows past the
   * table's row count, and every method that sets or clears a lower bit lowers it.
   */
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
   * Bytes the column needs in a {@link ColumnArena} at a capacity.
   *
   * @param capacity Rows.
   *
   * @returns The bytes.
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
   * @param value The scaled value (an integer unless the metric is fractional).
   *
   * @returns The current value array (it changes when the column widens).
   */
  store(row: number, value: number): MetricValues {
    const bytes = bytesFor(value);
    if (bytes > this.values.BYTES_PER_ELEMENT) {
      const wider = allocateValues(bytes, this.values.length);
      wider.set(this.values);
      this.values = wider;
    }
    this.values[row] = value;
    this.absent[row >> 3] = (this.absent[row >> 3] as number) & ~(1 << (row & 7));
    return this.values;
  }

  /**
   * Marks rows `[start, end)` absent and zeroes their values.
   *
   * @param start First row.
   * @param end Row after the last.
   */
  markAbsent(start: number, end: number): void {
    if (end <= start) return;
    this.#presentBelow = Math.min(this.#presentBelow, start);
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
    if (end <= start) return;
    this.#presentBelow = Math.min(this.#presentBelow, start);
    this.values.fill(0, start, end);
    this.#setBits(start, end, false);
  }

  /** Sets or clears the absent bits of rows `[start, end)`, whole bytes at a time inside. */
  #setBits(start: number, end: number, absent: boolean): void {
    const bits = this.absent;
    let row = start;
    const update = (at: number) => {
      const mask = 1 << (at & 7);
      bits[at >> 3] = absent ? (bits[at >> 3] as number) | mask : (bits[at >> 3] as number) & ~mask;
    };
    while (row < end && (row & 7) !== 0) {
      update(row);
      row += 1;
    }
    const fullEnd = end & ~7;
    if (row < fullEnd) {
      bits.fill(absent ? 0xff : 0, row >> 3, fullEnd >> 3);
      row = fullEnd;
    }
    while (row < end) {
      update(row);
      row += 1;
    }
  }

  /**
   * Tells whether any of the first rows lacks the metric, scanning only rows not known to be
   * present since the last call.
   *
   * @param rowCount Rows to consider.
   *
   * @returns Whether a row below `rowCount` is absent.
   */
  anyAbsent(rowCount: number): boolean {
    const bits = this.absent;
    const fullEnd = rowCount >> 3;
    for (let byte = this.#presentBelow >> 3; byte < fullEnd; byte += 1) {
      if (bits[byte] !== 0) return true;
    }
    for (let row = fullEnd << 3; row < rowCount; row += 1) {
      if (this.isAbsent(row)) return true;
    }
    this.#presentBelow = rowCount;
    return false;
  }

  /**
   * Tells whether a row lacks the metric.
   *
   * @param row The row.
   *
   * @returns Whether it is absent.
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
    const bit = 1 << (to & 7);
    if (this.isAbsent(from)) {
      this.#presentBelow = Math.min(this.#presentBelow, to);
      this.absent[to >> 3] = (this.absent[to >> 3] as number) | bit;
    } else this.absent[to >> 3] = (this.absent[to >> 3] as number) & ~bit;
  }

  /** Allocated bytes. */
  get byteLength(): number {
    return this.values.byteLength + this.absent.byteLength;
  }
}
