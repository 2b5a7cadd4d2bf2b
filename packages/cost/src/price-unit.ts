/**
 * The token units, in the order the completions decomposition fills them. Each names what it
 * counts: `input_tokens` is uncached text input.
 */
export const TOKEN_PRICE_UNITS = [
  'input_tokens',
  'cached_input_tokens',
  'cache_write_tokens',
  'cache_write_12h_tokens',
  'cache_write_30m_tokens',
  'audio_input_tokens',
  'cached_audio_input_tokens',
  'image_input_tokens',
  'cached_image_input_tokens',
  'output_tokens',
  'audio_output_tokens',
  'image_output_tokens',
] as const;

/** Every unit the estimator prices: the token units, then the units of the other endpoints. */
export const PRICE_UNITS = [
  ...TOKEN_PRICE_UNITS,
  'characters',
  'seconds',
  'images',
  'gb_days',
  'sessions',
  'calls',
] as const;

/** A unit the estimator prices. */
export type PriceUnit = (typeof PRICE_UNITS)[number];

/** The units counted in tokens, whose prices are conventionally quoted per million. */
export const TOKEN_UNITS: ReadonlySet<PriceUnit> = new Set(TOKEN_PRICE_UNITS);

/**
 * How a request was processed, which selects the price: `standard` (the default tier), `batch`
 * (the Batch API), `flex`, `priority`, or `scale` (Scale Tier). Read from the `batch` and
 * `service_tier` dimensions.
 */
export const PRICE_VARIANTS = ['standard', 'batch', 'flex', 'priority', 'scale'] as const;

/** A processing tier that selects the price. */
export type PriceVariant = (typeof PRICE_VARIANTS)[number];

/**
 * Picks the price variant from the `batch` and `service_tier` dimensions. Batch wins over the
 * tier; `default`, `auto`, unknown tiers and null are `standard`.
 *
 * @param batch The `batch` dimension.
 * @param serviceTier The `service_tier` dimension.
 *
 * @returns The variant.
 */
export function priceVariantOf(
  batch: boolean | null | undefined,
  serviceTier: string | null | undefined,
): PriceVariant {
  if (batch === true) return 'batch';
  switch (serviceTier) {
    case 'flex':
      return 'flex';
    case 'priority':
      return 'priority';
    case 'scale':
      return 'scale';
    default:
      return 'standard';
  }
}

/**
 * Tells whether a string is a price unit.
 *
 * @param value The string.
 *
 * @returns Whether it names a {@link PriceUnit}.
 */
export function isPriceUnit(value: string): value is PriceUnit {
  return (PRICE_UNITS as readonly string[]).includes(value);
}
