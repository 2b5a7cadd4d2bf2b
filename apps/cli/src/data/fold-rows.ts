import type { DimensionValue, GroupRow } from './group-row';

function keyOf(periodStart: number | null, values: readonly DimensionValue[]): string {
  return JSON.stringify([periodStart, ...values]);
}

function addInto(target: Map<string, number>, source: ReadonlyMap<string, number>): void {
  for (const [name, value] of source) target.set(name, (target.get(name) ?? 0) + value);
}

interface MutableRow {
  periodStart: number | null;
  periodEnd: number | null;
  dimensions: Map<string, DimensionValue>;
  metrics: Map<string, number>;
  estimatedMicros: number | undefined;
  unpriced: boolean | undefined;
  other: boolean | undefined;
}

function merge(target: MutableRow, row: GroupRow): void {
  addInto(target.metrics, row.metrics);
  if (row.estimatedMicros !== undefined)
    target.estimatedMicros = (target.estimatedMicros ?? 0) + row.estimatedMicros;
  if (row.unpriced !== undefined) target.unpriced = (target.unpriced ?? false) || row.unpriced;
}

function seed(row: GroupRow, by: readonly string[], other: boolean): MutableRow {
  return {
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    dimensions: new Map(
      by.map((dimension) => [dimension, other ? null : (row.dimensions.get(dimension) ?? null)]),
    ),
    metrics: new Map(),
    estimatedMicros: undefined,
    unpriced: undefined,
    other: other || undefined,
  };
}

/**
 * Sums rows into fewer dimensions: rows with the same period and values of `by` become one,
 * metric sums and estimated costs added (exact integers), "unpriced" kept if any part was.
 *
 * @param rows Finer rows.
 * @param by The dimensions to keep.
 *
 * @returns The folded rows, in first-seen order.
 */
export function foldRows(rows: readonly GroupRow[], by: readonly string[]): GroupRow[] {
  const folded = new Map<string, MutableRow>();
  for (const row of rows) {
    const values = by.map((dimension) => row.dimensions.get(dimension) ?? null);
    const key = keyOf(row.periodStart, values);
    let target = folded.get(key);
    if (target === undefined) {
      target = seed(row, by, false);
      folded.set(key, target);
    }
    merge(target, row);
  }
  return [...folded.values()];
}

/**
 * Keeps the top `count` groups (ranked over the whole range) and folds every other group into
 * one "other" row per period, so totals stay exact.
 *
 * @param rows Folded rows.
 * @param by The grouping dimensions.
 * @param count How many groups to keep.
 * @param rank The ranking value of a row (higher first).
 *
 * @returns The rows, "other" rows last within each period.
 */
export function keepTopGroups(
  rows: readonly GroupRow[],
  by: readonly string[],
  count: number,
  rank: (row: GroupRow) => number,
): GroupRow[] {
  const scores = new Map<string, number>();
  const groupKey = (row: GroupRow) =>
    JSON.stringify(by.map((dimension) => row.dimensions.get(dimension) ?? null));
  for (const row of rows) scores.set(groupKey(row), (scores.get(groupKey(row)) ?? 0) + rank(row));
  if (scores.size <= count) return [...rows];
  const kept = new Set(
    [...scores.entries()]
      .sort((left, right) => right[1] - left[1] || (left[0] < right[0] ? -1 : 1))
      .slice(0, count)
      .map(([key]) => key),
  );
  const result: GroupRow[] = [];
  const others = new Map<string, MutableRow>();
  for (const row of rows) {
    if (kept.has(groupKey(row))) {
      result.push(row);
      continue;
    }
    const key = String(row.periodStart);
    let other = others.get(key);
    if (other === undefined) {
      other = seed(row, by, true);
      others.set(key, other);
    }
    merge(other, row);
  }
  return [...result, ...others.values()];
}

/**
 * Adds every row into one totals row (no period, no dimension values).
 *
 * @param rows The rows.
 * @param by The dimensions (left empty in the totals row).
 *
 * @returns The totals.
 */
export function totalsRow(rows: readonly GroupRow[], by: readonly string[]): GroupRow {
  const total: MutableRow = {
    periodStart: null,
    periodEnd: null,
    dimensions: new Map(by.map((dimension) => [dimension, null])),
    metrics: new Map(),
    estimatedMicros: undefined,
    unpriced: undefined,
    other: undefined,
  };
  for (const row of rows) merge(total, row);
  return total;
}

/**
 * Sorts rows by period, then by a ranking value (highest first).
 *
 * @param rows The rows.
 * @param rank The ranking value.
 *
 * @returns A sorted copy.
 */
export function sortRows(rows: readonly GroupRow[], rank: (row: GroupRow) => number): GroupRow[] {
  return [...rows].sort(
    (left, right) =>
      (left.periodStart ?? 0) - (right.periodStart ?? 0) ||
      Number(left.other === true) - Number(right.other === true) ||
      rank(right) - rank(left),
  );
}
