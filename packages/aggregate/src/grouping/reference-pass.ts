import type { GroupSums, PassInput } from './pass-input';

/**
 * The plain grouping pass: a `Map` from group id to its row count and sums, filled row by row.
 * It is the reference the fast passes are tested against, and it runs where they cannot: where
 * generated code is forbidden (a strict Content-Security-Policy, some edge runtimes) and where
 * the group space is too large for a dense block (its memory is per group that has rows).
 *
 * @param input What to read.
 *
 * @returns The groups with rows, by ascending id.
 */
export function referencePass(input: PassInput): GroupSums {
  const groups = new Map<number, number[]>();
  const { bucketRanges, offsets, codes, strides, filterCodes, allowed, values } = input;
  for (let bucket = 0; bucket < offsets.length; bucket += 1) {
    const offset = offsets[bucket] as number;
    if (offset < 0) continue;
    const ranges = bucketRanges[bucket] as readonly number[];
    for (let index = 0; index < ranges.length; index += 2) {
      for (let row = ranges[index] as number; row < (ranges[index + 1] as number); row += 1) {
        const kept = filterCodes.every(
          (column, filter) => allowed[filter]?.[column[row] as number] === 1,
        );
        if (!kept) continue;
        let id = offset;
        codes.forEach((column, axis) => {
          id += (column[row] as number) * (strides[axis] as number);
        });
        let group = groups.get(id);
        if (group === undefined) {
          group = new Array<number>(values.length + 1).fill(0);
          groups.set(id, group);
        }
        group[0] = (group[0] as number) + 1;
        values.forEach((column, metric) => {
          group[metric + 1] = (group[metric + 1] as number) + (column[row] as number);
        });
      }
    }
  }
  const ids = [...groups.keys()].sort((left, right) => left - right);
  const column = (position: number) =>
    Float64Array.from(ids, (id) => (groups.get(id) as number[])[position] as number);
  return {
    ids: Float64Array.from(ids),
    counts: column(0),
    sums: values.map((_, metric) => column(metric + 1)),
  };
}
