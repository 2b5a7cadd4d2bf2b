import type { RollupRow } from '@usagekit/aggregate';
import type { PriceBook } from '@usagekit/cost';
import { type EndpointName, getEndpoint, isEndpointName } from '@usagekit/schemas';
import { CliError } from '../cli-error';
import type { UsagekitConfig } from '../config/config-schema';
import { ExitCode } from '../exit-codes';
import type { FetchedEndpoint } from './fetch-endpoints';
import type { GroupRow } from './group-row';
import { groupRowOf, type RollupUsageOptions, rollupOrganizations } from './rollup-usage';

/** Rows with their estimated cost, and what could not be priced. */
export interface PricedRows {
  readonly rows: GroupRow[];
  /** One line per model and unit without a price (never counted as $0). */
  readonly unpriced: string[];
}

/**
 * Builds the price book: the cost package's book, with the config's `prices` winning.
 *
 * @param config The config.
 *
 * @returns The price book.
 */
export async function loadPriceBook(config: UsagekitConfig): Promise<PriceBook> {
  const { createPriceBook, loadPriceOverrides } = await import('@usagekit/cost');
  if (config.prices === undefined || config.prices.length === 0) return createPriceBook();
  try {
    return createPriceBook({ overrides: loadPriceOverrides({ prices: config.prices }) });
  } catch (error) {
    throw new CliError(`invalid config prices: ${(error as Error).message}`, ExitCode.config);
  }
}

function groupKey(endpoint: EndpointName, values: (dimension: string) => unknown): string {
  const dimensions = getEndpoint(endpoint).dimensions as readonly string[];
  return `${endpoint}\u0000${JSON.stringify(dimensions.map((dimension) => values(dimension) ?? null))}`;
}

function usageEndpointOf(row: RollupRow): EndpointName | undefined {
  const endpoint = row.endpoint;
  return typeof endpoint === 'string' && isEndpointName(endpoint) && endpoint !== 'costs'
    ? endpoint
    : undefined;
}

/**
 * Rolls fetched usage up (grouped by `endpoint` and the pricing dimensions) and prices the
 * engine's rows as they are with the cost estimator, at the price in force on each period's day.
 * Rows are priced per period and organization so that every priced line maps back to exactly one
 * row.
 *
 * @param fetched The buckets of every endpoint.
 * @param options Grouping (must include `endpoint`), grain, zone and range.
 * @param priceBook The price book.
 *
 * @returns The detail rows with `estimatedMicros` and `unpriced` set.
 */
export async function priceUsage(
  fetched: readonly FetchedEndpoint[],
  options: RollupUsageOptions,
  priceBook: PriceBook,
): Promise<PricedRows> {
  const [rollups, { estimateCost, toMicros }] = await Promise.all([
    rollupOrganizations(fetched, options),
    import('@usagekit/cost'),
  ]);
  const priced: GroupRow[] = [];
  const unpriced = new Set<string>();
  for (const { organization, result } of rollups) {
    const periods = new Map<number, RollupRow[]>();
    for (const row of result.rows) {
      if (row.row_kind !== 'detail') continue;
      const batch = periods.get(row.period_start);
      if (batch === undefined) periods.set(row.period_start, [row]);
      else batch.push(row);
    }
    for (const batch of periods.values()) {
      const usage = batch.filter((row) => usageEndpointOf(row) !== undefined);
      const estimate =
        usage.length === 0 ? undefined : estimateCost({ rows: usage }, { priceBook });
      const amounts = new Map<string, { micros: number; unpriced: boolean }>();
      for (const line of estimate?.lines ?? []) {
        const key = groupKey(line.endpoint, (dimension) => line.dimensions[dimension]);
        const entry = amounts.get(key) ?? { micros: 0, unpriced: false };
        if (line.amount === null) entry.unpriced = true;
        else entry.micros += line.amount;
        amounts.set(key, entry);
      }
      for (const item of estimate?.unpriced ?? []) {
        unpriced.add(`${item.model ?? item.endpoint} (${item.unit}): ${item.reason}`);
      }
      for (const row of batch) {
        const endpoint = usageEndpointOf(row);
        const amount =
          endpoint === undefined
            ? undefined
            : amounts.get(groupKey(endpoint, (dimension) => row[dimension]));
        priced.push({
          ...groupRowOf(organization, row, result, toMicros),
          estimatedMicros: amount?.micros ?? 0,
          unpriced: amount?.unpriced ?? false,
        });
      }
    }
  }
  return { rows: priced, unpriced: [...unpriced] };
}
