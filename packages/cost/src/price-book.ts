import { endpoints } from '@usagekit/schemas';
import { joinAssumptions } from './assumption';
import type { CalibratedPrices } from './calibrate';
import { type ModelCandidate, modelCandidates } from './model-name';
import { picosToDecimalString } from './money';
import type { PriceOverrides } from './price-overrides';
import { brokenPriceRules } from './price-rules';
import { calibrationProvider } from './price-sources/calibration-source';
import { genaiProvider } from './price-sources/genai-source';
import { overrideProvider } from './price-sources/override-source';
import type { PriceContext, PriceProvider, SourcePrice } from './price-sources/price-provider';
import { SUPPLEMENT_ENTRIES } from './price-sources/supplement-data';
import type { SupplementEntry } from './price-sources/supplement-entry';
import { supplementProvider } from './price-sources/supplement-source';
import type { PricedRate, PriceLookup, PriceQuery, PriceSource } from './price-types';
import { type PriceUnit, type PriceVariant, priceVariantOf } from './price-unit';
import { utcDay } from './utc-day';

/** Options of {@link createPriceBook}. */
export interface PriceBookOptions {
  /** Prices that win over every other source (from {@link loadPriceOverrides}). */
  readonly overrides?: PriceOverrides | undefined;
  /** Prices derived from the organization's bill (from `calibrate`), used after the bill's last day. */
  readonly calibration?: CalibratedPrices | undefined;
  /**
   * The curated supplement. Replace it only in tests or to pin a different data set.
   * @default SUPPLEMENT_ENTRIES
   */
  readonly supplement?: readonly SupplementEntry[] | undefined;
}

/** One explicit price of the book, as {@link PriceBook.listPrices} reports it. */
export interface PriceBookEntry {
  /** The model name or price key. */
  readonly model: string;
  /** The processing tier. */
  readonly variant: PriceVariant;
  /** The unit priced. */
  readonly unit: PriceUnit;
  /** Price of one unit, in pico-units (10⁻¹² USD). */
  readonly unitPricePicos: number;
  /** The source that won. */
  readonly source: PriceSource;
  /** The source in detail (dataset and key, URL or override note). */
  readonly sourceDetail: string;
  /** First UTC day the price is in force, or null when undated. */
  readonly effectiveFrom: string | null;
}

/** Prices for any usage: overrides, then calibration, then genai-prices, then the supplement. */
export interface PriceBook {
  /**
   * Prices one unit of one model on one day. Results are cached per query, so repeated lookups
   * cost a map read.
   *
   * @param query Model, unit, day, tier and qualifiers.
   *
   * @returns The price with its source, date and confidence, or why there is none.
   */
  lookup(query: PriceQuery): PriceLookup;
  /**
   * Lists every explicit token price (no derived batch or fallback prices) in force on a day, for
   * every model any source knows, the winning source per (model, tier, unit).
   *
   * @param date The day.
   *
   * @returns The entries.
   */
  listPrices(date: string | number | Date): PriceBookEntry[];
  /** The calibration the book was built with, if any. */
  readonly calibration: CalibratedPrices | undefined;
}

/** Why usage without a model has no price: its usage was fetched without the model grouping. */
export const MODEL_UNKNOWN = 'model unknown: fetched without group_by=model';

/** A unit to price a unit at when a model has no price for it, and what that assumes. */
interface UnitFallback {
  readonly unit: PriceUnit;
  readonly assumption: string;
  /** Only the model's own price of `unit` (any tier), not one derived from another unit. */
  readonly ownPriceOnly?: true | undefined;
}

/** Fallback units, tried in order: the price to use when a model has none for a unit. */
const UNIT_FALLBACKS: Partial<Record<PriceUnit, readonly UnitFallback[]>> = {
  cached_input_tokens: [
    {
      unit: 'input_tokens',
      assumption: 'no cached-input price; priced as uncached input (upper bound)',
    },
  ],
  cache_write_tokens: [
    {
      unit: 'input_tokens',
      assumption: 'no cache-write price; cache writes priced as uncached input',
    },
  ],
  cache_write_12h_tokens: [
    {
      unit: 'cache_write_tokens',
      assumption: 'no 12h cache-write price; priced at the cache-write rate',
    },
  ],
  cache_write_30m_tokens: [
    {
      unit: 'cache_write_tokens',
      assumption: 'no 30m cache-write price; priced at the cache-write rate',
    },
  ],
  cached_audio_input_tokens: [
    {
      unit: 'audio_input_tokens',
      assumption: 'no cached-audio price; priced as uncached audio input (upper bound)',
    },
  ],
  cached_image_input_tokens: [
    {
      unit: 'image_input_tokens',
      assumption: 'no cached-image price; priced as uncached image input (upper bound)',
      ownPriceOnly: true,
    },
    {
      unit: 'cached_input_tokens',
      assumption: 'no image-input prices; cached image tokens priced at the cached text input rate',
    },
  ],
  image_input_tokens: [
    {
      unit: 'input_tokens',
      assumption: 'no image-input price; image tokens priced at the text input rate',
    },
  ],
  image_output_tokens: [
    {
      unit: 'output_tokens',
      assumption: 'no image-output price; priced at the text output rate',
    },
  ],
};

const CHECKED_UNITS: readonly PriceUnit[] = [
  'input_tokens',
  'cached_input_tokens',
  'cache_write_tokens',
  'output_tokens',
];

const CHECKED_VARIANTS: readonly PriceVariant[] = ['standard', 'batch', 'flex', 'priority'];

/** The same price, with `note` added after what it already assumes. */
function withAssumption(price: SourcePrice, note: string): SourcePrice {
  return { ...price, assumption: joinAssumptions(price.assumption, note) };
}

/** The first price any of `providers` holds for exactly this name, unit and tier. */
function held(
  providers: readonly PriceProvider[],
  name: string,
  unit: PriceUnit,
  variant: PriceVariant,
  context: PriceContext,
): SourcePrice | undefined {
  for (const provider of providers) {
    const found = provider.find(name, unit, variant, context);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Where one search for a price looks: one precedence stage's providers, the day and qualifiers,
 * and the held prices it skipped because they break the sanity rules of `checkPriceBook`.
 */
interface Search {
  readonly providers: readonly PriceProvider[];
  readonly context: PriceContext;
  readonly skipped: string[];
}

/**
 * The price held for exactly this name, unit and tier, unless it breaks a sanity rule against
 * its siblings (a priority price 50× the standard one, cached above uncached): such a price is
 * skipped, noted in `search.skipped`, so the price is derived (from the standard tier, the
 * uncached unit) and carries low confidence.
 */
function direct(
  search: Search,
  name: string,
  unit: PriceUnit,
  variant: PriceVariant,
): SourcePrice | undefined {
  const { providers, context } = search;
  const found = held(providers, name, unit, variant, context);
  if (found === undefined) return undefined;
  const [broken] = brokenPriceRules(
    { variant, unit, picos: found.picos },
    (siblingVariant, siblingUnit) =>
      held(providers, name, siblingUnit, siblingVariant, context)?.picos,
  );
  if (broken === undefined) return found;
  search.skipped.push(
    `the ${found.source} ${variant} ${unit} price of ${name} is not used: ${broken.ratio.toFixed(3)}× ${broken.referenceVariant} ${broken.referenceUnit}, expected ${broken.expectation} (flagged by checkPriceBook)`,
  );
  return undefined;
}

/**
 * The price of a tier, derived from another tier when none is held: flex from batch, batch and
 * flex at half the standard rate, priority and Scale Tier at the standard rate.
 */
function withVariant(
  search: Search,
  name: string,
  unit: PriceUnit,
  variant: PriceVariant,
): SourcePrice | undefined {
  const found = direct(search, name, unit, variant);
  if (found !== undefined || variant === 'standard') return found;
  if (variant === 'flex') {
    const batch = direct(search, name, unit, 'batch');
    if (batch !== undefined)
      return withAssumption(batch, 'no flex price; priced at the batch rate');
  }
  const standard = direct(search, name, unit, 'standard');
  if (standard === undefined) return undefined;
  if (variant === 'batch' || variant === 'flex') {
    return {
      ...withAssumption(
        standard,
        `no ${variant} price; priced at half the standard rate (OpenAI's batch discount)`,
      ),
      picos: Math.round(standard.picos / 2),
    };
  }
  return withAssumption(
    standard,
    variant === 'priority'
      ? 'no priority price; priced at the standard rate (lower bound)'
      : 'Scale Tier usage priced at the pay-as-you-go rate; the bill charges Scale Tier at organization level',
  );
}

/** The price of a unit, derived from a fallback unit when none is held (see UNIT_FALLBACKS). */
function withUnit(
  search: Search,
  name: string,
  unit: PriceUnit,
  variant: PriceVariant,
): SourcePrice | undefined {
  const found = withVariant(search, name, unit, variant);
  if (found !== undefined) return found;
  for (const fallback of UNIT_FALLBACKS[unit] ?? []) {
    const substitute = fallback.ownPriceOnly
      ? withVariant(search, name, fallback.unit, variant)
      : withUnit(search, name, fallback.unit, variant);
    if (substitute === undefined) continue;
    return {
      ...substitute,
      assumption: joinAssumptions(fallback.assumption, substitute.assumption),
    };
  }
  return undefined;
}

/** Whether two names hold the same explicit standard price for a unit in one stage. */
function sameStandardPrice(search: Search, name: string, other: string, unit: PriceUnit): boolean {
  const own = held(search.providers, name, unit, 'standard', search.context);
  const base = held(search.providers, other, unit, 'standard', search.context);
  return own !== undefined && base !== undefined && own.picos === base.picos;
}

/**
 * A price found under a candidate name, with what trying that name, deriving it and skipping
 * implausible held prices assumed.
 */
function pricedRate(
  found: SourcePrice,
  candidate: ModelCandidate,
  variant: PriceVariant,
  skipped: readonly string[],
): PricedRate {
  const assumption = joinAssumptions(
    found.matchedModel === '*' ? undefined : candidate.assumption,
    found.assumption,
    ...new Set(skipped),
  );
  return {
    priced: true,
    unitPricePicos: found.picos,
    unitPrice: picosToDecimalString(found.picos),
    effectiveFrom: found.effectiveFrom,
    source: found.source,
    sourceDetail: found.sourceDetail,
    matchedModel: found.matchedModel,
    variant,
    confidence: assumption === undefined ? 'exact' : 'estimated',
    assumption,
  };
}

/**
 * Builds a price book. Precedence per (model, unit, tier, day): user overrides, then prices
 * calibrated from the bill (for days after the bill's last day), then `@pydantic/genai-prices`
 * (token prices, effective-dated), then the curated supplement. A missing batch price is half the
 * standard one, a missing flex price is the batch price, a missing priority or Scale Tier price is
 * the standard one (all `estimated`, with the assumption stated); a model nothing matches is
 * unpriced, never $0.
 *
 * @param options Overrides, calibration and the supplement to use.
 *
 * @returns The price book.
 */
export function createPriceBook(options: PriceBookOptions = {}): PriceBook {
  const calibration = options.calibration;
  // Precedence: overrides win for every name a model is tried under; then the list sources.
  const stages: readonly (readonly PriceProvider[])[] = [
    [overrideProvider(options.overrides)],
    [
      calibrationProvider(calibration),
      genaiProvider(),
      supplementProvider(options.supplement ?? SUPPLEMENT_ENTRIES),
    ],
  ];
  const providers = stages.flat();
  const lookups = new Map<string, PriceLookup>();

  function unpriced(query: PriceQuery, variant: PriceVariant, context: PriceContext): PriceLookup {
    const first = query.model?.trim() ? modelCandidates(query.model)[0]?.name : undefined;
    if (first === undefined) {
      const byModel =
        query.endpoint === undefined ||
        (endpoints[query.endpoint].dimensions as readonly string[]).includes('model');
      return {
        priced: false,
        reason: byModel
          ? MODEL_UNKNOWN
          : `no price for ${query.unit} of ${query.endpoint} in overrides, calibration or the supplement`,
      };
    }
    for (const provider of providers) {
      const known = provider.knownAs?.(first, context.day);
      if (known === undefined) continue;
      return {
        priced: false,
        reason: `${provider.source} model "${known}" has no ${variant} price for ${query.unit}, and no override or supplement entry covers it`,
        matchedModel: known,
      };
    }
    return {
      priced: false,
      reason: `no price for model "${query.model}" (${query.unit}) in overrides, calibration, genai-prices or the supplement`,
    };
  }

  function resolve(query: PriceQuery): PriceLookup {
    const variant = query.variant ?? priceVariantOf(query.batch, query.serviceTier);
    const context: PriceContext = {
      endpoint: query.endpoint,
      day: utcDay(query.date),
      qualifier:
        (query.endpoint === 'web_search_calls' ? query.contextLevel : query.size) ?? undefined,
      quality: query.quality ?? undefined,
    };
    const candidates =
      query.model === null || query.model === undefined || query.model.trim() === ''
        ? []
        : modelCandidates(query.model);
    const names: readonly ModelCandidate[] = [...candidates, { name: '*' }];
    return search(query.unit, variant, context, names) ?? unpriced(query, variant, context);
  }

  /**
   * Searches the stages for a price: first an explicit price of this tier and unit under any of
   * the model's own names (a dated snapshot's base model included), then one derived from another
   * tier, unit or (for a fine-tune) the base model.
   */
  function search(
    unit: PriceUnit,
    variant: PriceVariant,
    context: PriceContext,
    names: readonly ModelCandidate[],
  ): PricedRate | undefined {
    const skipped: string[] = [];
    const searches = stages.map((providers): Search => ({ providers, context, skipped }));
    const [reported] = names;
    for (const stageSearch of searches) {
      for (const candidate of names) {
        if (candidate.otherModel === true) continue;
        const found = direct(stageSearch, candidate.name, unit, variant);
        if (found === undefined) continue;
        // A snapshot with its base model's standard price is the base's current snapshot: the
        // base's explicit tier prices are its own.
        const isSnapshot =
          reported !== undefined &&
          candidate !== reported &&
          sameStandardPrice(stageSearch, reported.name, candidate.name, unit);
        return pricedRate(
          found,
          isSnapshot ? { name: candidate.name } : candidate,
          variant,
          skipped,
        );
      }
    }
    for (const stageSearch of searches) {
      for (const candidate of names) {
        const found = withUnit(stageSearch, candidate.name, unit, variant);
        if (found !== undefined) return pricedRate(found, candidate, variant, skipped);
      }
    }
    return undefined;
  }

  return {
    calibration,
    lookup(query) {
      const key = `${query.endpoint}\u0000${query.model}\u0000${query.unit}\u0000${utcDay(query.date)}\u0000${query.variant ?? priceVariantOf(query.batch, query.serviceTier)}\u0000${query.size}\u0000${query.quality}\u0000${query.contextLevel}`;
      let found = lookups.get(key);
      if (found === undefined) {
        found = resolve(query);
        lookups.set(key, found);
      }
      return found;
    },
    listPrices(date) {
      const context: PriceContext = {
        endpoint: undefined,
        day: utcDay(date),
        qualifier: undefined,
        quality: undefined,
      };
      const names = new Set<string>();
      for (const provider of providers) for (const name of provider.listNames()) names.add(name);
      const entries: PriceBookEntry[] = [];
      for (const name of [...names].sort()) {
        for (const variant of CHECKED_VARIANTS) {
          for (const unit of CHECKED_UNITS) {
            let found: SourcePrice | undefined;
            for (const stage of stages) {
              found = held(stage, name, unit, variant, context);
              if (found !== undefined) break;
            }
            if (found === undefined) continue;
            entries.push({
              model: name,
              variant,
              unit,
              unitPricePicos: found.picos,
              source: found.source,
              sourceDetail: found.sourceDetail,
              effectiveFrom: found.effectiveFrom,
            });
          }
        }
      }
      return entries;
    },
  };
}
