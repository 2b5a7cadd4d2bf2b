import type { CostRow, CostsBucketLike } from '@usagekit/cost';
import type { DailySpend } from '@usagekit/cost/forecast';
import type { FetchedEndpoint } from './fetch-endpoints';

/** Daily spend series keyed by a scope chosen by the caller. */
export type SpendSeries = Map<string, DailySpend[]>;

/**
 * Sums Costs API rows into daily series per scope. Rows without an amount are unknown, not zero:
 * they are counted in `unknownAmounts` and left out of the sums.
 *
 * @param fetched The costs buckets (from `fetchEndpoints`).
 * @param scopesOf The scope keys a row counts towards (a row may feed several, e.g. its project
 *   and the whole organization).
 *
 * @returns The series and how many rows had no amount.
 */
export async function dailySpendByScope(
  fetched: FetchedEndpoint,
  scopesOf: (row: CostRow, organization: string) => readonly string[],
): Promise<{ series: SpendSeries; unknownAmounts: number }> {
  const { flattenCosts } = await import('@usagekit/cost');
  const sums = new Map<string, Map<string, number>>();
  let unknownAmounts = 0;
  const organizations = new Set(fetched.buckets.map((bucket) => bucket.organization));
  for (const organization of organizations) {
    const buckets = fetched.buckets.filter((bucket) => bucket.organization === organization);
    for (const row of flattenCosts(buckets as unknown as CostsBucketLike[])) {
      if (row.amountMicros === null) {
        unknownAmounts += 1;
        continue;
      }
      for (const scope of scopesOf(row, organization)) {
        const days = sums.get(scope) ?? new Map<string, number>();
        days.set(row.day, (days.get(row.day) ?? 0) + row.amountMicros);
        sums.set(scope, days);
      }
    }
  }
  const series: SpendSeries = new Map();
  for (const [scope, days] of sums) {
    series.set(
      scope,
      [...days.entries()]
        .sort(([left], [right]) => left.localeCompare(right))
        .map(([date, amountMicros]) => ({ date, amountMicros })),
    );
  }
  return { series, unknownAmounts };
}
