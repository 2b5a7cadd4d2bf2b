import type { CodeArray } from '../code-array';
import type { MetricValues } from '../metric-column';

/**
 * What a grouping pass reads. A row's group id is its bucket's offset plus each grouping
 * dimension's code times that dimension's stride (mixed-radix arithmetic, no lookup per row);
 * a row some filter drops goes to the trash group `space`.
 */
export interface PassInput {
  /** Row ranges `[start, end, start, end, ...]` per bucket. */
  readonly bucketRanges: readonly (readonly number[])[];
  /** Per bucket: the id of its first group (its period and endpoint), or -1 when not selected. */
  readonly offsets: Float64Array;
  /** Per grouping dimension: its codes, one per row. */
  readonly codes: readonly CodeArray[];
  /** Per grouping dimension: what one code step adds to the group id. */
  readonly strides: readonly number[];
  /** Per filter: its dimension's codes, one per row. */
  readonly filterCodes: readonly CodeArray[];
  /** Per filter: 1 for each code whose rows are kept. */
  readonly allowed: readonly Uint8Array[];
  /** Per summed metric: its values, one per row. */
  readonly values: readonly MetricValues[];
  /** Group ids are below this; it is also the id of the rows filters drop. */
  readonly space: number;
}

/** The non-empty groups of a pass, by ascending id. */
export interface GroupSums {
  readonly ids: Float64Array;
  /** Rows per group. */
  readonly counts: Float64Array;
  /** Per summed metric: its sum per group, in storage units. */
  readonly sums: readonly Float64Array[];
}

/**
 * Reads the non-empty groups out of a dense block: per group id below `space`, its row count
 * followed by each metric's sum (the trash group after them is left out).
 *
 * @param block The block, `width` numbers a group.
 * @param width Numbers per group: 1 plus the summed metrics.
 * @param space Group ids are below this.
 *
 * @returns The groups with rows, by ascending id.
 */
export function groupSumsOfBlock(block: Float64Array, width: number, space: number): GroupSums {
  let count = 0;
  for (let at = 0, end = space * width; at < end; at += width) if (block[at] !== 0) count += 1;
  const ids = new Float64Array(count);
  const counts = new Float64Array(count);
  const sums = Array.from({ length: width - 1 }, () => new Float64Array(count));
  for (let group = 0, index = 0; index < count; group += 1) {
    const at = group * width;
    if (block[at] === 0) continue;
    ids[index] = group;
    counts[index] = block[at] as number;
    for (let metric = 1; metric < width; metric += 1) {
      (sums[metric - 1] as Float64Array)[index] = block[at + metric] as number;
    }
    index += 1;
  }
  return { ids, counts, sums };
}
