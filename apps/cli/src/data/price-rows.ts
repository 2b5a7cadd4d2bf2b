import type { PriceBook } from '@usagekit/cost';
import { CliError } from '../cli-error';
import type { UsagekitConfig } from '../config/config-schema';
import { ExitCode } from '../exit-codes';

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
