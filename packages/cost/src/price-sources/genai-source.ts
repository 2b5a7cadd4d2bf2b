import { calcPrice, findProvider, type ModelInfo, type ModelPrice } from '@pydantic/genai-prices';
import type { EndpointName } from '@usagekit/schemas';
import type { PriceUnit } from '../price-unit';
import { dayStartMs } from '../utc-day';
import type { PriceProvider } from './price-provider';

/** One genai-prices price key, the unit it prices and how many units its price covers. */
interface GenaiKey {
  readonly unit: PriceUnit;
  /** Units per quoted price: 1e6 for `_mtok`, 1e3 for `_kcount`, 3600 for `_hours` (seconds). */
  readonly per: number;
  /** Only for usage of this endpoint (web searches are calls of the web search endpoint). */
  readonly endpoint?: EndpointName;
}

/** The genai-prices keys used for OpenAI, mapped to our units. */
const GENAI_KEYS: Readonly<Record<string, GenaiKey>> = {
  input_mtok: { unit: 'input_tokens', per: 1e6 },
  cache_read_mtok: { unit: 'cached_input_tokens', per: 1e6 },
  cache_write_mtok: { unit: 'cache_write_tokens', per: 1e6 },
  output_mtok: { unit: 'output_tokens', per: 1e6 },
  input_audio_mtok: { unit: 'audio_input_tokens', per: 1e6 },
  cache_audio_read_mtok: { unit: 'cached_audio_input_tokens', per: 1e6 },
  output_audio_mtok: { unit: 'audio_output_tokens', per: 1e6 },
  input_image_mtok: { unit: 'image_input_tokens', per: 1e6 },
  cache_image_read_mtok: { unit: 'cached_image_input_tokens', per: 1e6 },
  output_image_mtok: { unit: 'image_output_tokens', per: 1e6 },
  input_audio_hours: { unit: 'seconds', per: 3600 },
  web_searches_kcount: { unit: 'calls', per: 1e3, endpoint: 'web_search_calls' },
};

/** The prices of one genai-prices model in force on one day, converted to pico-units per unit. */
interface GenaiSheet {
  /** The genai-prices model id that matched. */
  readonly matchedModel: string;
  /** The start date of the price period, or null for the first (undated) period. */
  readonly effectiveFrom: string | null;
  /** Pico-units per unit, by unit; keys restricted to an endpoint are stored as `unit@endpoint`. */
  readonly picos: ReadonlyMap<string, number>;
  /** Whether some price has long-context tiers, which aggregated usage cannot apply. */
  readonly tiered: boolean;
}

/**
 * Converts a price quoted per `per` units (a float such as 2.5 USD per million tokens) to whole
 * pico-units per unit.
 *
 * @param quoted The quoted price.
 * @param per Units the quote covers.
 *
 * @returns Pico-units per unit.
 */
function quotedToPicos(quoted: number, per: number): number {
  return Math.round((quoted * 1e12) / per);
}

/**
 * Picks the prices of a genai-prices model in force on a day: the last start-date period that
 * began on or before it, else the undated first period.
 *
 * @param model The genai-prices model.
 * @param day `YYYY-MM-DD`.
 *
 * @returns The prices and their start date.
 */
function pricesInForce(
  model: ModelInfo,
  day: string,
): { prices: ModelPrice; effectiveFrom: string | null } {
  if (!Array.isArray(model.prices)) return { prices: model.prices, effectiveFrom: null };
  const dayMs = dayStartMs(day);
  for (let index = model.prices.length - 1; index >= 0; index -= 1) {
    const period = model.prices[index];
    if (period === undefined) continue;
    const constraint = period.constraint;
    if (constraint === undefined) return { prices: period.prices, effectiveFrom: null };
    if (constraint.type === 'start_date' && dayMs >= dayStartMs(constraint.start_date)) {
      return { prices: period.prices, effectiveFrom: constraint.start_date };
    }
  }
  return { prices: model.prices[0]?.prices ?? {}, effectiveFrom: null };
}

/**
 * Converts a genai-prices model's prices for one day to a {@link GenaiSheet}.
 *
 * @param model The genai-prices model.
 * @param day `YYYY-MM-DD`.
 *
 * @returns The sheet.
 */
function sheetOf(model: ModelInfo, day: string): GenaiSheet {
  const { prices, effectiveFrom } = pricesInForce(model, day);
  const picos = new Map<string, number>();
  let tiered = false;
  for (const [key, value] of Object.entries(prices)) {
    const mapping = GENAI_KEYS[key];
    if (mapping === undefined || value === undefined) continue;
    let quoted: number;
    if (typeof value === 'number') quoted = value;
    else {
      tiered = true;
      quoted = value.base;
    }
    const slot = mapping.endpoint ? `${mapping.unit}@${mapping.endpoint}` : mapping.unit;
    picos.set(slot, quotedToPicos(quoted, mapping.per));
  }
  return { matchedModel: model.id, effectiveFrom, picos, tiered };
}

/**
 * Finds the genai-prices model for a model name with genai-prices' own matching (OpenAI provider,
 * snapshot date normalisation). Matching does not depend on the day, so callers match a name once
 * and pick its prices per day with {@link sheetOf}.
 *
 * @param modelName The model name as the Usage API reports it.
 *
 * @returns The model, or undefined when genai-prices does not know it.
 */
function matchGenaiModel(modelName: string): ModelInfo | undefined {
  return calcPrice({}, modelName, { providerId: 'openai' })?.model;
}

/**
 * `@pydantic/genai-prices` as a price source: standard-tier prices of OpenAI models with
 * genai-prices' own name matching, effective-dated. Each name is matched once and each (model,
 * day) converted once.
 *
 * @returns The provider.
 */
export function genaiProvider(): PriceProvider {
  const matchedModels = new Map<string, ModelInfo | null>();
  const sheets = new Map<string, GenaiSheet>();

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

  return {
    source: 'genai-prices',
    find(name, unit, variant, context) {
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
    },
    listNames() {
      return (findProvider({ providerId: 'openai' })?.models ?? []).map((model) => model.id);
    },
    knownAs(name, day) {
      return sheetFor(name, day)?.matchedModel;
    },
  };
}
