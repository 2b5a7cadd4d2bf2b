import type { EndpointName } from '@usagekit/schemas';
import type { PriceSource } from '../price-types';
import type { PriceUnit, PriceVariant } from '../price-unit';

/** The day and qualifiers one price is looked up for. */
export interface PriceContext {
  /** The usage endpoint, when known; selects endpoint-specific prices. */
  readonly endpoint: EndpointName | undefined;
  /** The UTC day `YYYY-MM-DD` of use. */
  readonly day: string;
  /** Image size or web search context level, when reported. */
  readonly qualifier: string | undefined;
  /** Image quality, when known. */
  readonly quality: string | undefined;
}

/** A price as one source holds it, before the price book derives anything from it. */
export interface SourcePrice {
  /** Price of one unit, in pico-units (10⁻¹² USD). */
  readonly picos: number;
  /** First UTC day the price is in force, or null when undated. */
  readonly effectiveFrom: string | null;
  /** The model (or tool key) whose price this is. */
  readonly matchedModel: string;
  /** The source. */
  readonly source: PriceSource;
  /** The source in detail: dataset and key, URL, override note or calibrating line item. */
  readonly sourceDetail: string;
  /** What the source itself assumed (a default image size, an approximate price). */
  readonly assumption?: string | undefined;
}

/**
 * One source of prices: user overrides, calibration from the bill, genai-prices or the curated
 * supplement. A provider answers only for what it holds, by exact name, unit and tier; the price
 * book tries providers in precedence order, tries the model's other names, and derives what none
 * holds (batch from standard, a cache-write retention from the cache-write rate).
 */
export interface PriceProvider {
  /** Which source this is. */
  readonly source: PriceSource;
  /**
   * Finds the price of one name, unit and tier on the context's day.
   *
   * @param name A lowercase model name or tool key (`*` for any model).
   * @param unit The unit.
   * @param variant The processing tier.
   * @param context The day and qualifiers.
   *
   * @returns The price, or undefined when this source has none.
   */
  find(
    name: string,
    unit: PriceUnit,
    variant: PriceVariant,
    context: PriceContext,
  ): SourcePrice | undefined;
  /**
   * Lists the names this source prices on any endpoint, for `PriceBook.listPrices`.
   *
   * @returns The names (no `*`).
   */
  listNames(): Iterable<string>;
  /**
   * Names the model this source knows a name as, even when it lacks the price asked for; used to
   * say why usage is unpriced.
   *
   * @param name The reported model name.
   * @param day The UTC day.
   *
   * @returns The source's model id, or undefined.
   */
  knownAs?(name: string, day: string): string | undefined;
}
