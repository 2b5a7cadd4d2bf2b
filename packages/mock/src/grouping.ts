import type { Filter } from '@usagekit/schemas';

/** Reads the values of one dimension, one per row. */
export type ColumnReader = (dimension: string) => readonly (string | boolean | null)[] | undefined;

/**
 * Marks the rows every filter parameter keeps: an id or enum filter keeps rows whose dimension
 * value is one of the given values, a flag filter rows whose value equals it.
 *
 * @param filters The endpoint's filters (from the registry).
 * @param params The validated query parameters.
 * @param column Reads a dimension's values.
 * @param rowCount Number of rows.
 *
 * @returns 1 for each kept row, 0 otherwise.
 */
export function filterRows(
  filters: Readonly<Record<string, Filter>>,
  params: Readonly<Record<string, unknown>>,
  column: ColumnReader,
  rowCount: number,
): Uint8Array {
  const mask = new Uint8Array(rowCount).fill(1);
  for (const [param, filter] of Object.entries(filters)) {
    if (!Object.hasOwn(params, param)) continue;
    const wanted = params[param];
    if (wanted === undefined) continue;
    const values = column(filter.dimension) ?? [];
    if (filter.kind === 'flag') {
      for (let row = 0; row < rowCount; row++) if (values[row] !== wanted) mask[row] = 0;
      continue;
    }
    const allowed = new Set(wanted as readonly unknown[]);
    for (let row = 0; row < rowCount; row++) if (!allowed.has(values[row])) mask[row] = 0;
  }
  return mask;
}

/** Rows assigned to groups, with each group's JSON-encoded grouping values. */
export interface Grouping {
  /** Group of each row, or -1 for rows filtered out. */
  readonly groupOf: Int32Array;
  /** Number of groups. */
  readonly groupCount: number;
  /** For each group, the JSON text of each dimension's value (`null` unless grouped by it). */
  readonly groupJson: readonly (readonly string[])[];
}

/**
 * Assigns kept rows to the groups of `group_by`. Dimensions not grouped by are `null` in every
 * group; with no `group_by` all rows form one group.
 *
 * @param dimensions Every grouping field of the result, in output order.
 * @param groupBy The dimensions to group by.
 * @param column Reads a dimension's values.
 * @param mask Rows to keep, from {@link filterRows}.
 *
 * @returns The grouping.
 */
export function groupRows(
  dimensions: readonly string[],
  groupBy: readonly string[],
  column: ColumnReader,
  mask: Uint8Array,
): Grouping {
  const grouped = dimensions.map((dimension) => groupBy.includes(dimension));
  const columns = dimensions.map((dimension, index) =>
    grouped[index] ? column(dimension) : undefined,
  );
  const groupOf = new Int32Array(mask.length).fill(-1);
  const keys = new Map<string, number>();
  const groupJson: string[][] = [];
  for (let row = 0; row < mask.length; row++) {
    if (mask[row] === 0) continue;
    const values = columns.map((values) =>
      values === undefined ? 'null' : JSON.stringify(values[row] ?? null),
    );
    const key = values.join('\u0000');
    let group = keys.get(key);
    if (group === undefined) {
      group = groupJson.length;
      keys.set(key, group);
      groupJson.push(values);
    }
    groupOf[row] = group;
  }
  return { groupOf, groupCount: groupJson.length, groupJson };
}
