import type { Money } from '../money';
import { dayOfIndex } from '../utc-day';
import { numberOr0, requiredOf } from './metered-pricing';
import { type LineDimensions, type PricedLine, priceLine } from './priced-line';
import type { PricingStrategy } from './pricing-strategy';

/** Bytes in one GiB; vector storage is billed per GiB-day. */
const GIB = 1024 ** 3;
/** The free vector storage per organization. */
const FREE_VECTOR_BYTES = GIB;

const ASSUMPTION =
  'usage_bytes taken as held for the whole bucket (a daily roll-up row as one daily snapshot); the first GiB per organization and day is free, shared pro rata across projects';

/**
 * Vector storage: `usage_bytes` is a snapshot held for the whole bucket, so it is grouped per
 * bucket (not summed over a day) and priced in GiB-days. The first GiB of each snapshot is free
 * for the organization, shared pro rata across the groups of that snapshot; a roll-up row is one
 * daily snapshot and may span one day at most (25 hours, for a day a zone falls back).
 */
export const vectorStoragePricing: PricingStrategy = {
  units: ['gb_days'],
  metrics: ['usage_bytes'],
  requiredMetrics: requiredOf('vector_stores', ['usage_bytes']),
  snapshot: {
    maxRowSeconds: 25 * 3600,
    why: 'usage_bytes is a storage snapshot and the first GiB is free per day',
  },
  accumulate(result, sums, offset) {
    sums[offset] = (sums[offset] as number) + numberOr0(result.usage_bytes);
  },
  price({ endpoint, groups, rates }) {
    const totals = new Map<number, { byteDays: number; periodDays: number }>();
    for (const group of groups) {
      const total = totals.get(group.startSeconds) ?? { byteDays: 0, periodDays: group.periodDays };
      total.byteDays += (group.sums[0] as number) * group.periodDays;
      totals.set(group.startSeconds, total);
    }
    const byDay = new Map<
      string,
      { dayIndex: number; dimensions: LineDimensions; gibDays: number }
    >();
    for (const group of groups) {
      const total = totals.get(group.startSeconds) as { byteDays: number; periodDays: number };
      const byteDays = (group.sums[0] as number) * group.periodDays;
      const free = FREE_VECTOR_BYTES * total.periodDays;
      if (byteDays <= 0 || total.byteDays <= free) continue;
      const gibDays = (byteDays * (total.byteDays - free)) / total.byteDays / GIB;
      const key = JSON.stringify([group.dayIndex, group.dimensions]);
      const merged = byDay.get(key) ?? {
        dayIndex: group.dayIndex,
        dimensions: group.dimensions,
        gibDays: 0,
      };
      merged.gibDays += gibDays;
      byDay.set(key, merged);
    }
    const lines: PricedLine[] = [];
    for (const { dayIndex, dimensions, gibDays } of byDay.values()) {
      const [price] = rates.forGroup(dayIndex, dimensions);
      if (price === undefined) continue;
      const amount: Money | undefined = price.priced
        ? Math.round((gibDays * price.unitPricePicos) / 1e6)
        : undefined;
      lines.push(
        priceLine(
          { endpoint, date: dayOfIndex(dayIndex), dimensions, unit: 'gb_days', quantity: gibDays },
          price,
          { amount, assumption: ASSUMPTION },
        ),
      );
    }
    return lines;
  },
};
