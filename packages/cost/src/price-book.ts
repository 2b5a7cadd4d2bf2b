import type { ModelInfo } from '@pydantic/genai-prices';
import type { EndpointName } from '@usagekit/schemas';
import type { CalibratedPrices } from './calibrate';
import { type GenaiSheet, genaiModels, matchGenaiModel, sheetOf } from './genai-source';
import { modelCandidates } from './model-name';
import { picosToDecimalString } from './money';
import type { PriceOverride, PriceOverrides } from './price-overrides';
import type { PricedRate, PriceLookup, PriceQuery, PriceSource } from './price-types';
import { type PriceUnit, type PriceVariant, priceVariantOf } from './price-unit';
import { SUPPLEMENT_ENTRIES } from './supplement-data';
import type { SupplementEntry } from './supplement-entry';
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

interface RawPrice {
  readonly picos: number;
  readonly effectiveFrom: string | null;
  readonly matchedModel: string;
  readonly source: PriceSource;
  readonly sourceDetail: string;
  readonly assumption?: string | undefined;
}

interface Context {
  readonly endpoint: EndpointName | undefined;
  readonly day: string;
  readonly qualifier: string | undefined;
  readonly quality: string | undefined;
}

/** Finds the price of one model name, unit and tier on the context's day, or undefined. */
type Finder = (
  name: string,
  unit: PriceUnit,
  variant: PriceVariant,
  context: Context,
) => RawPrice | undefined;

/** Finds a price with the first of `finders` that has one, with a fallback rule of its own. */
type Search = (finders: readonly Finder[], ...query: Parameters<Finder>) => RawPrice | undefined;

interface Dated {
  readonly effectiveFrom: string | null;
  readonly qualifier?: string | undefined;
  readonly quality?: string | undefined;
}

/** Fallback units: the price to use when a model has none for a unit, and what that assumes. */
const UNIT_FALLBACKS: Partial<Record<PriceUnit, { unit: PriceUnit; assumption: string }>> = {
  cached_input_tokens: {
    unit: 'input_tokens',
    assumption: 'no cached-input price; priced as uncached input (upper bound)',
  },
  cache_write_tokens: {
    unit: 'input_tokens',
    assumption: 'no cache-write price; cache writes priced as uncached input',
  },
  cache_write_12h_tokens: {
    unit: 'cache_write_tokens',
    assumption: 'no 12h cache-write price; priced at the cache-write rate',
  },
  cache_write_30m_tokens: {
    unit: 'cache_write_tokens',
    assumption: 'no 30m cache-write price; priced at the cache-write rate',
  },
  cached_audio_input_tokens: {
    unit: 'audio_input_tokens',
    assumption: 'no cached-audio price; priced as uncached audio input (upper bound)',
  },
  cached_image_input_tokens: {
    unit: 'image_input_tokens',
    assumption: 'no cached-image price; priced as uncached image input (upper bound)',
  },
  image_input_tokens: {
    unit: 'input_tokens',
    assumption: 'no image-input price; image tokens priced at the text input rate',
  },
  image_output_tokens: {
    unit: 'output_tokens',
    assumption: 'no image-output price; priced at the text output rate',
  },
};

/** Qualifier assumed when usage does not report one but the prices need it. */
const DEFAULT_QUALIFIERS: Partial<Record<EndpointName, string>> = {
  images: '1024x1024',
  web_search_calls: 'medium',
};

const DEFAULT_QUALITIES = ['medium', 'standard'];

const CHECKED_UNITS: readonly PriceUnit[] = [
  'input_tokens',
  'cached_input_tokens',
  'cache_write_tokens',
  'output_tokens',
];

const CHECKED_VARIANTS: readonly PriceVariant[] = ['standard', 'batch', 'flex', 'priority'];

/**
 * Picks the entry in force on a day among those matching the qualifier and quality, filling in a
 * stated default when the usage does not report what the prices need.
 */
function selectDated<TEntry extends Dated>(
  entries: readonly TEntry[],
  context: Context,
): { entry: TEntry; assumption?: string } | undefined {
  let qualifier = context.qualifier;
  let assumption: string | undefined;
  const needsQualifier = entries.some((entry) => entry.qualifier !== undefined);
  if (qualifier === undefined && needsQualifier && context.endpoint !== undefined) {
    const fallback = DEFAULT_QUALIFIERS[context.endpoint];
    if (fallback !== undefined && entries.some((entry) => entry.qualifier === fallback)) {
      qualifier = fallback;
      assumption = `${context.endpoint === 'images' ? 'image size' : 'context level'} not reported; priced as ${fallback}`;
    }
  }
  let candidates = entries.filter(
    (entry) => entry.qualifier === undefined || entry.qualifier === qualifier,
  );
  if (context.quality !== undefined) {
    candidates = candidates.filter(
      (entry) => entry.quality === undefined || entry.quality === context.quality,
    );
  } else if (candidates.some((entry) => entry.quality !== undefined)) {
    const qualities = new Set(candidates.map((entry) => entry.quality));
    const chosen =
      DEFAULT_QUALITIES.find((quality) => qualities.has(quality)) ?? candidates[0]?.quality;
    candidates = candidates.filter((entry) => entry.quality === chosen);
    const qualityNote = `image quality not reported; priced as ${chosen} quality`;
    assumption = assumption ? `${assumption}; ${qualityNote}` : qualityNote;
  }
  let best: TEntry | undefined;
  for (const entry of candidates) {
    if (entry.effectiveFrom !== null && entry.effectiveFrom > context.day) continue;
    if (best === undefined || (entry.effectiveFrom ?? '') >= (best.effectiveFrom ?? '')) {
      best = entry;
    }
  }
  if (best === undefined) return undefined;
  return assumption === undefined ? { entry: best } : { entry: best, assumption };
}

function joinAssumptions(...parts: (string | undefined)[]): string | undefined {
  const present = parts.filter((part): part is string => part !== undefined && part.length > 0);
  return present.length === 0 ? undefined : present.join('; ');
}

/** The same price, with `note` added after what it already assumes. */
function withAssumption(price: RawPrice, note: string): RawPrice {
  return { ...price, assumption: joinAssumptions(price.assumption, note) };
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
  const overrides = options.overrides?.entries ?? [];
  const calibration = options.calibration;
  const supplementIndex = new Map<string, SupplementEntry[]>();
  for (const entry of options.supplement ?? SUPPLEMENT_ENTRIES) {
    for (const name of [entry.model, ...(entry.aliases ?? [])]) {
      const list = supplementIndex.get(name);
      if (list === undefined) supplementIndex.set(name, [entry]);
      else list.push(entry);
    }
  }
  const matchedModels = new Map<string, ModelInfo | null>();
  const sheets = new Map<string, GenaiSheet>();
  const lookups = new Map<string, PriceLookup>();

  function sheetFor(name: string, day: string): GenaiSheet | undefined {
    if (name === '*') return undefined;
    let model = matchedModels.get(name);
    if (model === undefined) {
      model = matchGenaiModel(name) ?? null;
      matchedModels.set(name, model);
    }
    if (model === null) return undefined;
    const key = `${model.id}\u0000${day}`;
    let sheet = sheets.get(key);
    if (sheet === undefined) {
      sheet = sheetOf(model, day);
      sheets.set(key, sheet);
    }
    return sheet;
  }

  const fromOverrides: Finder = (name, unit, variant, context) => {
    const matching = overrides.filter(
      (entry: PriceOverride) =>
        entry.tier === variant &&
        entry.picos[unit] !== undefined &&
        (entry.model === name ||
          entry.model === '*' ||
          (entry.match === 'prefix' && name.startsWith(entry.model))),
    );
    const selected = selectDated(matching, context);
    if (selected === undefined) return undefined;
    const { entry } = selected;
    return {
      picos: entry.picos[unit] ?? 0,
      effectiveFrom: entry.effectiveFrom,
      matchedModel: entry.model,
      source: 'override',
      sourceDetail: entry.note ? `user override: ${entry.note}` : 'user override',
      assumption: selected.assumption,
    };
  };

  const fromCalibration: Finder = (name, unit, variant, context) => {
    if (calibration === undefined) return undefined;
    if (calibration.coveredThrough !== null && context.day <= calibration.coveredThrough) {
      return undefined;
    }
    let best: CalibratedPrices['prices'][number] | undefined;
    for (const price of calibration.prices) {
      if (price.model !== name || price.unit !== unit || price.variant !== variant) continue;
      if (best === undefined || price.lastDay > best.lastDay) best = price;
    }
    if (best === undefined) return undefined;
    return {
      picos: best.unitPricePicos,
      effectiveFrom: best.firstDay,
      matchedModel: best.model,
      source: 'calibrated',
      sourceDetail: `calibrated from the bill's line item "${best.lineItem}" (${best.firstDay}..${best.lastDay})`,
    };
  };

  const fromGenai: Finder = (name, unit, variant, context) => {
    if (variant !== 'standard') return undefined;
    const sheet = sheetFor(name, context.day);
    if (sheet === undefined) return undefined;
    const picos =
      sheet.picos.get(unit) ??
      (context.endpoint ? sheet.picos.get(`${unit}@${context.endpoint}`) : undefined);
    if (picos === undefined) return undefined;
    return {
      picos,
      effectiveFrom: sheet.effectiveFrom,
      matchedModel: sheet.matchedModel,
      source: 'genai-prices',
      sourceDetail: sheet.tiered
        ? `@pydantic/genai-prices, OpenAI model "${sheet.matchedModel}" (base rate; its long-context tier is not applied, see README)`
        : `@pydantic/genai-prices, OpenAI model "${sheet.matchedModel}"`,
    };
  };

  const fromSupplement: Finder = (name, unit, variant, context) => {
    const entries = supplementIndex.get(name);
    if (entries === undefined) return undefined;
    const matching = entries.filter(
      (entry) =>
        entry.variant === variant &&
        entry.usdPerUnit[unit] !== undefined &&
        (entry.endpoints === undefined ||
          (context.endpoint !== undefined && entry.endpoints.includes(context.endpoint))),
    );
    const selected = selectDated(matching, context);
    if (selected === undefined) return undefined;
    const { entry } = selected;
    return {
      picos: Math.round((entry.usdPerUnit[unit] ?? 0) * 1e12),
      effectiveFrom: entry.effectiveFrom,
      matchedModel: entry.model,
      source: 'supplement',
      sourceDetail: entry.source,
      assumption: joinAssumptions(entry.assumption, selected.assumption),
    };
  };

  const overrideFinders: readonly Finder[] = [fromOverrides];
  const listFinders: readonly Finder[] = [fromCalibration, fromGenai, fromSupplement];

  const direct: Search = (finders, name, unit, variant, context) => {
    for (const finder of finders) {
      const found = finder(name, unit, variant, context);
      if (found !== undefined) return found;
    }
    return undefined;
  };

  const withVariant: Search = (finders, name, unit, variant, context) => {
    const found = direct(finders, name, unit, variant, context);
    if (found !== undefined || variant === 'standard') return found;
    if (variant === 'flex') {
      const batch = direct(finders, name, unit, 'batch', context);
      if (batch !== undefined) {
        return withAssumption(batch, 'no flex price; priced at the batch rate');
      }
    }
    const standard = direct(finders, name, unit, 'standard', context);
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
  };

  const withUnit: Search = (finders, name, unit, variant, context) => {
    const found = withVariant(finders, name, unit, variant, context);
    if (found !== undefined) return found;
    const fallback = UNIT_FALLBACKS[unit];
    if (fallback === undefined) return undefined;
    const substitute = withUnit(finders, name, fallback.unit, variant, context);
    if (substitute === undefined) return undefined;
    return {
      ...substitute,
      assumption: joinAssumptions(fallback.assumption, substitute.assumption),
    };
  };

  function resolve(query: PriceQuery): PriceLookup {
    const variant = query.variant ?? priceVariantOf(query.batch, query.serviceTier);
    const context: Context = {
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
    const names = [...candidates, { name: '*', assumption: undefined }];
    let raw: RawPrice | undefined;
    let nameAssumption: string | undefined;
    for (const finders of [overrideFinders, listFinders]) {
      for (const candidate of names) {
        raw = withUnit(finders, candidate.name, query.unit, variant, context);
        if (raw !== undefined) {
          nameAssumption = raw.matchedModel === '*' ? undefined : candidate.assumption;
          break;
        }
      }
      if (raw !== undefined) break;
    }
    if (raw === undefined) {
      const matched =
        candidates.length > 0 ? sheetFor(candidates[0]?.name ?? '', context.day) : undefined;
      const reason =
        candidates.length === 0
          ? `usage is not grouped by model; group by model to price ${query.unit}`
          : matched !== undefined
            ? `genai-prices model "${matched.matchedModel}" has no ${variant} price for ${query.unit}, and no override or supplement entry covers it`
            : `no price for model "${query.model}" (${query.unit}) in overrides, calibration, genai-prices or the supplement`;
      return { priced: false, reason, matchedModel: matched?.matchedModel };
    }
    const assumption = joinAssumptions(nameAssumption, raw.assumption);
    const rate: PricedRate = {
      priced: true,
      unitPricePicos: raw.picos,
      unitPrice: picosToDecimalString(raw.picos),
      effectiveFrom: raw.effectiveFrom,
      source: raw.source,
      sourceDetail: raw.sourceDetail,
      matchedModel: raw.matchedModel,
      variant,
      confidence: assumption === undefined ? 'exact' : 'estimated',
      assumption,
    };
    return rate;
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
      const day = utcDay(date);
      const context: Context = {
        endpoint: undefined,
        day,
        qualifier: undefined,
        quality: undefined,
      };
      const names = new Set<string>();
      for (const model of genaiModels()) names.add(model.id);
      for (const [name, entries] of supplementIndex) {
        if (name !== '*' && entries.some((entry) => entry.endpoints === undefined)) names.add(name);
      }
      for (const entry of overrides)
        if (entry.match === 'exact' && entry.model !== '*') names.add(entry.model);
      const entries: PriceBookEntry[] = [];
      for (const name of [...names].sort()) {
        for (const variant of CHECKED_VARIANTS) {
          for (const unit of CHECKED_UNITS) {
            const raw =
              direct(overrideFinders, name, unit, variant, context) ??
              direct(listFinders, name, unit, variant, context);
            if (raw === undefined) continue;
            entries.push({
              model: name,
              variant,
              unit,
              unitPricePicos: raw.picos,
              source: raw.source,
              sourceDetail: raw.sourceDetail,
              effectiveFrom: raw.effectiveFrom,
            });
          }
        }
      }
      return entries;
    },
  };
}
