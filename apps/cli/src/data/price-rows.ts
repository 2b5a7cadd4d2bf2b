import type { PriceBook, UsageRow } from '@usagekit/cost';
import { type EndpointName, getEndpoint, isEndpointName } from '@usagekit/schemas';
import { CliError } from '../cli-error';
import type { UsagekitConfig } from '../config/config-schema';
import { ExitCode } from '../exit-codes';
import type { GroupRow } from './group-row';

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

/**
 * Prices rolled-up usage rows (which carry `endpoint` and the pricing dimensions) with the cost
 * estimator, at the price in force on each period's day. Rows are priced per period and
 * organization so that every priced line maps back to exactly one row.
 *
 * @param rows Usage rows.
 * @param priceBook The price book.
 *
 * @returns The rows with `estimatedMicros` and `unpriced` set.
 */
export async function priceRows(
  rows: readonly GroupRow[],
  priceBook: PriceBook,
): Promise<PricedRows> {
  const { estimateCost } = await import('@usagekit/cost');
  const batches = new Map<string, GroupRow[]>();
  for (const row of rows) {
    const key = `${row.periodStart}\u0000${String(row.dimensions.get('organization'))}`;
    const batch = batches.get(key);
    if (batch === undefined) batches.set(key, [row]);
    else batch.push(row);
  }
  const priced: GroupRow[] = [];
  const unpriced = new Map<string, string>();
  for (const batch of batches.values()) {
    const inputs: UsageRow[] = [];
    for (const row of batch) {
      const endpoint = row.dimensions.get('endpoint');
      if (typeof endpoint !== 'string' || !isEndpointName(endpoint) || endpoint === 'costs')
        continue;
      inputs.push({
        endpoint,
        period_start: row.periodStart ?? 0,
        ...(row.periodEnd === null ? {} : { period_end: row.periodEnd }),
        metrics: Object.fromEntries(row.metrics),
        dimensions: Object.fromEntries(row.dimensions),
      });
    }
    const estimate = inputs.length === 0 ? undefined : estimateCost(inputs, { priceBook });
    const amounts = new Map<string, { micros: number; unpriced: boolean }>();
    for (const line of estimate?.lines ?? []) {
      const key = groupKey(line.endpoint, (dimension) => line.dimensions[dimension]);
      const entry = amounts.get(key) ?? { micros: 0, unpriced: false };
      if (line.amount === null) entry.unpriced = true;
      else entry.micros += line.amount;
      amounts.set(key, entry);
    }
    for (const item of estimate?.unpriced ?? []) {
      const label = `${item.model ?? item.endpoint} (${item.unit}): ${item.reason}`;
      unpriced.set(label, label);
    }
    for (const row of batch) {
      const endpoint = row.dimensions.get('endpoint');
      const amount =
        typeof endpoint === 'string' && isEndpointName(endpoint)
          ? amounts.get(groupKey(endpoint, (dimension) => row.dimensions.get(dimension)))
          : undefined;
      priced.push({
        ...row,
        estimatedMicros: amount?.micros ?? 0,
        unpriced: amount?.unpriced ?? false,
      });
    }
  }
  return { rows: priced, unpriced: [...unpriced.values()] };
}
