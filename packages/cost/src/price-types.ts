import type { EndpointName } from '@usagekit/schemas';
import type { PriceUnit, PriceVariant } from './price-unit';

/** Where a price came from, in order of precedence. */
export type PriceSource = 'override' | 'calibrated' | 'genai-prices' | 'supplement';

/** How sure a priced line is. */
export type Confidence = 'exact' | 'estimated' | 'unpriced';

/** What to price: one unit of one model's usage on one day. */
export interface PriceQuery {
  /** The usage endpoint; selects endpoint-specific prices (images, web search, tools). */
  readonly endpoint?: EndpointName | undefined;
  /** The model as reported; null or absent when usage was not grouped by model. */
  readonly model?: string | null | undefined;
  /** The unit to price. */
  readonly unit: PriceUnit;
  /** The day of use: `YYYY-MM-DD`, Unix seconds or milliseconds, ISO string or Date (UTC). */
  readonly date: string | number | Date;
  /** The `service_tier` dimension. */
  readonly serviceTier?: string | null | undefined;
  /** The `batch` dimension. */
  readonly batch?: boolean | null | undefined;
  /** The tier, when already known; wins over `batch` and `serviceTier`. */
  readonly variant?: PriceVariant | undefined;
  /** Image size such as `1024x1024`. */
  readonly size?: string | null | undefined;
  /** Image quality, when known. */
  readonly quality?: string | null | undefined;
  /** Web search context level (`low`, `medium`, `high`). */
  readonly contextLevel?: string | null | undefined;
}

/** A price found for a {@link PriceQuery}. */
export interface PricedRate {
  /** A price was found. */
  readonly priced: true;
  /** Price of one unit in pico-units (10⁻¹² USD): exact integer. */
  readonly unitPricePicos: number;
  /** The same price as an exact decimal string in USD per unit, e.g. `'0.0000025'`. */
  readonly unitPrice: string;
  /** First UTC day of the price period, or null when its start is unknown (undated data). */
  readonly effectiveFrom: string | null;
  /** Which price source won. */
  readonly source: PriceSource;
  /** The source in detail: dataset and key, URL, override note or calibrating line item. */
  readonly sourceDetail: string;
  /** The model (or tool key) whose price was used. */
  readonly matchedModel: string;
  /** The tier the price is for. */
  readonly variant: PriceVariant;
  /** `exact` when the reported usage maps to a published price, else `estimated`. */
  readonly confidence: 'exact' | 'estimated';
  /** What was assumed when `confidence` is `estimated`. */
  readonly assumption?: string | undefined;
}

/** No price: the reason says why (unknown model, no price for that unit, not grouped by model). */
export interface UnpricedRate {
  /** No price was found. */
  readonly priced: false;
  /** Why there is no price. */
  readonly reason: string;
  /** The model genai-prices or the supplement matched, if any. */
  readonly matchedModel?: string | undefined;
}

/** The answer of `PriceBook.lookup`. */
export type PriceLookup = PricedRate | UnpricedRate;
