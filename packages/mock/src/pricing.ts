import {
  EMBEDDING_PRICES,
  IMAGE_PRICES,
  OTHER_PRICES,
  SPEECH_PRICES,
  TOKEN_PRICES,
  type TokenRates,
  TRANSCRIPTION_PRICES,
  WEB_SEARCH_PRICES,
} from './price-list';

/** The billing units the mock prices. */
export type MockPriceUnit =
  | 'input_tokens'
  | 'cached_input_tokens'
  | 'cache_write_tokens'
  | 'audio_input_tokens'
  | 'cached_audio_input_tokens'
  | 'image_input_tokens'
  | 'cached_image_input_tokens'
  | 'output_tokens'
  | 'audio_output_tokens'
  | 'image_output_tokens'
  | 'images'
  | 'characters'
  | 'seconds'
  | 'calls'
  | 'sessions'
  | 'gb_days'
  | 'training_tokens';

/** What to price: one unit of one model or tool on one UTC day. */
export interface MockPriceQuery {
  /** The usage endpoint (`completions`, `web_search_calls`, …), or `fine_tuning` for training. */
  readonly endpoint: string;
  /** The model (a fine-tuned `ft:` id included), or `null` for tools without one. */
  readonly model: string | null;
  readonly unit: MockPriceUnit;
  /** The UTC day, `YYYY-MM-DD`. */
  readonly date: string;
  readonly batch?: boolean | undefined;
  /** `default`, `flex` or `priority`. */
  readonly serviceTier?: string | null | undefined;
  /** Image size (`1024x1024`). */
  readonly size?: string | null | undefined;
  /** Web search context size (`low`, `medium`, `high`). */
  readonly contextLevel?: string | null | undefined;
}

/** A price, or why there is none. */
export type MockPriceAnswer =
  | {
      readonly priced: true /** @unit pico-USD (10⁻¹² USD) per unit */;
      readonly unitPricePicos: number;
    }
  | { readonly priced: false; readonly reason: string };

/**
 * Where the mock reads the prices it bills at. The default is {@link MOCK_PRICE_LIST}, the mock's
 * own frozen list of OpenAI's published prices; pass another to bill the demo at other prices.
 */
export interface MockPricing {
  lookup(query: MockPriceQuery): MockPriceAnswer;
}

const PICOS_PER_USD = 1e12;

/**
 * Converts a published price to integer pico-USD per unit.
 *
 * @param usd The published price. @unit USD per `per` units
 * @param per How many units the price is for (1,000,000 tokens, 1,000 calls, 60 seconds…).
 *
 * @returns The price of one unit. @unit pico-USD
 * @throws {Error} when the price is not a whole number of pico-USD per unit.
 */
function picosPerUnit(usd: number, per: number): number {
  const exact = (usd * PICOS_PER_USD) / per;
  const rounded = Math.round(exact);
  if (Math.abs(exact - rounded) > 1e-6) {
    throw new Error(`usagekit mock: $${usd} per ${per} units is not a whole number of pico-USD`);
  }
  return rounded;
}

/** The key of a model's token prices: a fine-tuned `ft:<base>:<org>::<id>` prices as `ft:<base>`. */
function tokenPriceKey(model: string): string {
  if (!model.startsWith('ft:')) return model;
  return `ft:${model.split(':')[1] ?? ''}`;
}

function tierRates(model: string, query: MockPriceQuery): TokenRates | string {
  const versions = TOKEN_PRICES[tokenPriceKey(model)];
  if (versions === undefined) return `no token prices for ${model}`;
  let current = versions[0];
  for (const version of versions) {
    if (version.from === undefined || version.from <= query.date) current = version;
  }
  if (current === undefined) return `no token prices for ${model}`;
  const tier = query.batch === true ? 'batch' : (query.serviceTier ?? 'default');
  const rates =
    tier === 'default'
      ? current.standard
      : tier === 'batch' || tier === 'flex' || tier === 'priority'
        ? current[tier]
        : undefined;
  return rates ?? `${model} has no ${tier} prices`;
}

/** The per-1M-token price of a token unit, with the fallbacks the list's notes describe. */
function tokenUsd(rates: TokenRates, unit: MockPriceUnit): number | undefined {
  switch (unit) {
    case 'input_tokens':
    case 'image_input_tokens':
    case 'cache_write_tokens':
      return rates.input;
    case 'cached_input_tokens':
    case 'cached_image_input_tokens':
      return rates.cachedInput ?? rates.input;
    case 'audio_input_tokens':
      return rates.audioInput;
    case 'cached_audio_input_tokens':
      return rates.cachedAudioInput ?? rates.audioInput;
    case 'output_tokens':
      return rates.output;
    case 'audio_output_tokens':
      return rates.audioOutput;
    case 'image_output_tokens':
      return rates.imageOutput ?? rates.output;
    default:
      return undefined;
  }
}

function priceOf(query: MockPriceQuery): { usd: number; per: number } | string {
  const { endpoint, model, unit } = query;
  switch (endpoint) {
    case 'completions':
    case 'decisions': {
      if (model === null) return 'token usage without a model';
      const rates = tierRates(model, query);
      if (typeof rates === 'string') return rates;
      const usd = tokenUsd(rates, unit);
      return usd === undefined ? `${model} has no ${unit} price` : { usd, per: 1_000_000 };
    }
    case 'embeddings': {
      const price = model === null ? undefined : EMBEDDING_PRICES[model];
      if (price === undefined || unit !== 'input_tokens') return `no embeddings price for ${model}`;
      return { usd: query.batch === true ? price.batch : price.standard, per: 1_000_000 };
    }
    case 'images': {
      const price = model === null ? undefined : IMAGE_PRICES[model]?.[query.size ?? ''];
      return price === undefined
        ? `no image price for ${model} ${query.size}`
        : { usd: price.usd, per: 1 };
    }
    case 'audio_speeches': {
      const price = model === null ? undefined : SPEECH_PRICES[model];
      return price === undefined
        ? `no speech price for ${model}`
        : { usd: price.usd, per: 1_000_000 };
    }
    case 'audio_transcriptions': {
      const price = model === null ? undefined : TRANSCRIPTION_PRICES[model];
      return price === undefined
        ? `no transcription price for ${model}`
        : { usd: price.usd, per: 60 };
    }
    case 'web_search_calls': {
      const family = WEB_SEARCH_PRICES.find((entry) => model !== null && entry.models.test(model));
      const context = query.contextLevel as 'low' | 'medium' | 'high' | null | undefined;
      const usd = context == null ? undefined : family?.byContext[context];
      return usd === undefined
        ? `no web search price for ${model} (${context})`
        : { usd, per: 1000 };
    }
    case 'file_search_calls':
      return { usd: OTHER_PRICES.fileSearchCalls.usd, per: 1000 };
    case 'code_interpreter_sessions':
      return { usd: OTHER_PRICES.codeInterpreterSessions.usd, per: 1 };
    case 'vector_stores':
      return { usd: OTHER_PRICES.vectorStorage.usd, per: 1 };
    case 'fine_tuning': {
      const price = model === null ? undefined : OTHER_PRICES.training[model];
      return price === undefined
        ? `no training price for ${model}`
        : { usd: price.usd, per: 1_000_000 };
    }
    default:
      return `no prices for ${endpoint}`;
  }
}

/**
 * The mock's default pricing: its own frozen list of OpenAI's published prices
 * (see `price-list.ts` for each entry's source and effective day).
 */
export const MOCK_PRICE_LIST: MockPricing = {
  lookup(query) {
    const price = priceOf(query);
    if (typeof price === 'string') return { priced: false, reason: price };
    return { priced: true, unitPricePicos: picosPerUnit(price.usd, price.per) };
  },
};

/**
 * Reads one unit price.
 *
 * @param pricing The prices.
 * @param query What to price.
 *
 * @returns The price of one unit. @unit pico-USD (10⁻¹² USD)
 * @throws {Error} when there is no price: the mock never bills anything at $0 silently.
 */
export function unitPricePicos(pricing: MockPricing, query: MockPriceQuery): number {
  const found = pricing.lookup(query);
  if (!found.priced) {
    throw new Error(
      `usagekit mock: no price for ${query.endpoint} ${query.model ?? '(no model)'} ${query.unit}: ${found.reason}`,
    );
  }
  return found.unitPricePicos;
}
