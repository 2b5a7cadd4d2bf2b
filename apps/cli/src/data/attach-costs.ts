import type { DimensionValue, GroupRow } from './group-row';

function groupKey(period: number, row: GroupRow, by: readonly string[]): string {
  return JSON.stringify([
    period,
    ...by.map((dimension): DimensionValue => row.dimensions.get(dimension) ?? null),
  ]);
}

/**
 * Puts estimated costs on report rows. Costs are priced on fine rows, one per fetched bucket
 * (so point-in-time levels such as vector storage are priced per bucket, never summed over
 * time first); each fine row's cost goes to the report row of the period that contains its
 * start and of its values of `by`. A cost whose group has no report row gets a row of its own,
 * so no cost is ever dropped.
 *
 * @param rows Report rows (metrics only), folded to `by`.
 * @param priced Fine priced rows.
 * @param by The report's dimensions.
 *
 * @returns The report rows with `estimatedMicros` and `unpriced`.
 */
export function attachCosts(
  rows: readonly GroupRow[],
  priced: readonly GroupRow[],
  by: readonly string[],
): GroupRow[] {
  const periods = [...new Set(rows.map((row) => row.periodStart ?? Number.NEGATIVE_INFINITY))].sort(
    (left, right) => left - right,
  );
  const periodIndexOf = (start: number | null): number => {
    if (start === null || periods[0] === Number.NEGATIVE_INFINITY) return 0;
    let low = 0;
    let high = periods.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((periods[middle] ?? 0) <= start) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  const costs = new Map<
    string,
    { micros: number; unpriced: boolean; sample: GroupRow; period: number }
  >();
  for (const row of priced) {
    const period = periodIndexOf(row.periodStart);
    const key = groupKey(period, row, by);
    const entry = costs.get(key) ?? { micros: 0, unpriced: false, sample: row, period };
    entry.micros += row.estimatedMicros ?? 0;
    entry.unpriced ||= row.unpriced === true;
    costs.set(key, entry);
  }
  const result: GroupRow[] = rows.map((row) => {
    const key = groupKey(periodIndexOf(row.periodStart), row, by);
    const cost = costs.get(key);
    costs.delete(key);
    return { ...row, estimatedMicros: cost?.micros ?? 0, unpriced: cost?.unpriced ?? false };
  });
  for (const cost of costs.values()) {
    const template = rows.find((row) => periodIndexOf(row.periodStart) === cost.period);
    result.push({
      periodStart: template?.periodStart ?? cost.sample.periodStart,
      periodEnd: template?.periodEnd ?? cost.sample.periodEnd,
      dimensions: new Map(
        by.map((dimension) => [dimension, cost.sample.dimensions.get(dimension) ?? null]),
      ),
      metrics: new Map(),
      estimatedMicros: cost.micros,
      unpriced: cost.unpriced,
    });
  }
  return result;
}
