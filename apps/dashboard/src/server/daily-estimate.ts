import { rollup } from '@usagekit/aggregate';
import {
  type CostEstimate,
  estimateCost,
  type PriceBook,
  type PricedLine,
  pricingDimensions,
} from '@usagekit/cost';
import type { TableLevels } from './dashboard-context';
import type { TimeRange } from './time-range';

/**
 * Prices usage per UTC day and project with the cost package: a roll-up by every dimension that
 * decides a price, whose rows go to `estimateCost` as they are. Done once at load; views take
 * the lines of the days and filters they show.
 *
 * @param usage The usage tables.
 * @param priceBook The prices.
 * @param range The loaded range.
 *
 * @returns The estimate, one line per day, group and priced unit.
 */
export function estimateDailyUsage(
  usage: TableLevels,
  priceBook: PriceBook,
  range: TimeRange,
): CostEstimate {
  const result = rollup(usage.daily, {
    endpoints: usage.daily.endpoints(),
    by: ['endpoint', 'project_id', ...pricingDimensions()],
    grain: 'day',
    timeZone: 'UTC',
    range,
  });
  return estimateCost({ rows: result.rows }, { priceBook });
}

/**
 * The part of an estimate whose lines pass a test, with its totals recomputed from those lines.
 *
 * @param estimate The whole estimate.
 * @param keep Which lines to keep.
 *
 * @returns The smaller estimate.
 */
export function selectLines(
  estimate: CostEstimate,
  keep: (line: PricedLine) => boolean,
): CostEstimate {
  const lines = estimate.lines.filter(keep);
  const byConfidence = {
    exact: { amount: 0, lines: 0 },
    estimated: { amount: 0, lines: 0 },
    unpriced: { amount: 0, lines: 0 },
  };
  let total = 0;
  for (const line of lines) {
    const bucket = byConfidence[line.confidence];
    bucket.lines += 1;
    if (line.amount !== null) {
      bucket.amount += line.amount;
      total += line.amount;
    }
  }
  const unpricedModels = new Set(
    lines
      .filter((line) => line.amount === null)
      .map((line) => `${line.endpoint}\u0000${line.dimensions.model}`),
  );
  return {
    ...estimate,
    lines,
    total,
    byConfidence,
    unpriced: estimate.unpriced.filter((entry) =>
      unpricedModels.has(`${entry.endpoint}\u0000${entry.model}`),
    ),
  };
}
