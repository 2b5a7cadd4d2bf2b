import type { EndpointName } from '@usagekit/schemas';
import type { PriceUnit, PriceVariant } from '../price-unit';

/**
 * One curated price fact: the prices of some units of a model (or of a tool such as vector
 * storage) in one variant, from a date on, with where it comes from.
 */
export interface SupplementEntry {
  /** The model (lowercase) or tool key the prices belong to; `*` applies to any model of `endpoints`. */
  readonly model: string;
  /** Other exact names (dated snapshots, aliases) that share these prices. */
  readonly aliases?: readonly string[] | undefined;
  /** Restricts the entry to usage of these endpoints. */
  readonly endpoints?: readonly EndpointName[] | undefined;
  /** The processing tier these prices are for. */
  readonly variant: PriceVariant;
  /** The first UTC day (`YYYY-MM-DD`) the prices apply; `null` when the start is unknown. */
  readonly effectiveFrom: string | null;
  /** Prices in currency (USD) per single unit. */
  readonly usdPerUnit: Partial<Record<PriceUnit, number>>;
  /** Image size (`1024x1024`) or web search context level these prices need. */
  readonly qualifier?: string | undefined;
  /** Image quality the prices are for; usage never reports it, so lines using it are estimated. */
  readonly quality?: string | undefined;
  /** Set when the price itself is an approximation (e.g. per-character TTS of a token-priced model). */
  readonly assumption?: string | undefined;
  /** Where the price comes from: a URL or a named dataset and key. */
  readonly source: string;
}

/**
 * Builds a supplement entry; a terse constructor keeps the data module readable.
 *
 * @param model The model or tool key.
 * @param variant The processing tier.
 * @param usdPerUnit Prices per single unit, in USD.
 * @param source Where the prices come from.
 * @param extra Aliases, endpoints, date, qualifier, quality or assumption.
 *
 * @returns The entry.
 */
// @__NO_SIDE_EFFECTS__
export function supplementEntry(
  model: string,
  variant: PriceVariant,
  usdPerUnit: Partial<Record<PriceUnit, number>>,
  source: string,
  extra: Partial<Omit<SupplementEntry, 'model' | 'variant' | 'usdPerUnit' | 'source'>> = {},
): SupplementEntry {
  return { effectiveFrom: null, ...extra, model, variant, usdPerUnit, source };
}
