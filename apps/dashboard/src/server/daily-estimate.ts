import { rollup } from '@usagekit/aggregate';
import {
  type CostEstimate,
  estimateCost,
  type PriceBook,
  type PricedLine,
  pricingDimensions,
  type UnpricedUsage,
} from '@usagekit/cost';
import type { TableLevels } from './dashboard-context';
import { DAY_SECONDS, type TimeRange } from './time-range';

/** Days priced by one roll-up: a month's rows at a time instead of the year's at once. */
const CHUNK_DAYS = 31;

/**
 * Prices usage per UTC day and project with the cost package: a roll-up by every dimension that
 * decides a price, whose rows go to `estimateCost` as they are. Done once at load, a month at a
 * time so that only one month's roll-up rows are held; views take the lines of the days and
 * filters they show.
 *
 * @param usage The usage tables.
 * @param priceBook The prices.
 * @param range The loaded range, whole UTC days.
 *
 * @returns The estimate, one line per day, group and priced unit.
 */
export function estimateDailyUsage(
  usage: TableLevels,
  priceBook: PriceBook,
  range: TimeRange,
): CostEstimate {
  const parts: CostEstimate[] = [];
  for (let start = range.start; start < range.end; start += CHUNK_DAYS * DAY_SECONDS) {
    const result = rollup(usage.daily, {
      endpoints: usage.daily.endpoints(),
      by: ['endpoint', 'project_id', ...pricingDimensions()],
      grain: 'day',
      timeZone: 'UTC',
      range: { start, end: Math.min(range.end, start + CHUNK_DAYS * DAY_SECONDS) },
    });
    parts.push(estimateCost({ rows: result.rows }, { priceBook }));
  }
  const unpriced = new Map<string, UnpricedUsage>();
  for (const entry of parts.flatMap((part) => part.unpriced)) {
    const key = JSON.stringify([entry.endpoint, entry.model, entry.unit, entry.reason]);
    const known = unpriced.get(key);
    unpriced.set(
      key,
      known === undefined
        ? entry
        : { ...known, quantity: known.quantity + entry.quantity, lines: known.lines + entry.lines },
    );
  }
  const first = parts[0] ?? estimateCost({ rows: [] }, { priceBook });
  return selectLines(
    {
      ...first,
      lines: parts.flatMap((part) => part.lines),
      unpriced: [...unpriced.values()],
      roundingDifference: 0,
      skippedRows: parts.reduce((sum, part) => sum + part.skippedRows, 0),
    },
    () => true,
  );
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
