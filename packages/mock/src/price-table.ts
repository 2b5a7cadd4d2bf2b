/**
 * What the mock charges for. Token components use the kinds of a completions line item; the rest
 * name the billing unit.
 */
export type PricedComponent =
  | 'input'
  | 'cached input'
  | 'cache write'
  | 'output'
  | 'audio input'
  | 'cached audio input'
  | 'audio output'
  | 'image output'
  | 'training'
  | 'character'
  | 'minute'
  | 'image'
  | 'call'
  | 'session'
  | 'gibibyte hour';

/**
 * The one interface the mock prices through, so that it can later read the cost package's price
 * book instead of {@link mockPriceTable}.
 */
export interface MockPricing {
  /**
   * The list price of one unit of a component.
   *
   * @param item A model (`gpt-4o-2024-08-06`), an image model and size (`dall-e-3 1024x1024`), or a
   *   tool (`web_search:high`, `file_search`, `code_interpreter`, `vector_store`).
   * @param component What is charged.
   *
   * @returns USD per unit (per token, character, minute, image, call, session or GiB-hour), or
   *   `undefined` when the table has no price (the mock then refuses to start: nothing is ever
   *   priced at $0 silently).
   */
  price(item: string, component: PricedComponent): number | undefined;
  /**
   * The multiplier a service tier or the Batch API applies to token prices.
   *
   * @param tier `default`, `flex`, `priority` or `scale`.
   * @param batch Whether the tokens came through the Batch API.
   *
   * @returns The multiplier (`0.5` for batch and flex, `1.75` for priority).
   */
  tierMultiplier(tier: string, batch: boolean): number;
}

/** USD per 1M tokens: input, cached input, output, then audio input, cached audio, audio output. */
type TokenPrices = readonly [number, number, number, number?, number?, number?];

const TOKEN_PRICES_PER_MILLION: ReadonlyMap<string, TokenPrices> = new Map<string, TokenPrices>([
  ['gpt-4o-2024-08-06', [2.5, 1.25, 10]],
  ['gpt-4o-mini-2024-07-18', [0.15, 0.075, 0.6]],
  ['ft:gpt-4o-mini-2024-07-18:acme-labs::A1b2C3d4', [0.3, 0.15, 1.2]],
  ['gpt-4.1-2025-04-14', [2, 0.5, 8]],
  ['gpt-4.1-mini-2025-04-14', [0.4, 0.1, 1.6]],
  ['gpt-5-2025-08-07', [1.25, 0.125, 10]],
  ['gpt-5-mini-2025-08-07', [0.25, 0.025, 2]],
  ['gpt-5-nano-2025-08-07', [0.05, 0.005, 0.4]],
  ['o3-2025-04-16', [2, 0.5, 8]],
  ['o4-mini-2025-04-16', [1.1, 0.275, 4.4]],
  ['gpt-4o-audio-preview-2024-12-17', [2.5, 1.25, 10, 40, 2.5, 80]],
  ['gpt-4o-mini-audio-preview-2024-12-17', [0.15, 0.075, 0.6, 10, 0.3, 20]],
  ['gpt-4-turbo-2024-04-09', [10, 10, 30]],
  ['gpt-3.5-turbo-0125', [0.5, 0.5, 1.5]],
  ['text-embedding-3-small', [0.02, 0.02, 0]],
  ['text-embedding-3-large', [0.13, 0.13, 0]],
  ['text-embedding-ada-002', [0.1, 0.1, 0]],
]);

/** Image-output token prices per 1M for models that can emit images from chat. */
const IMAGE_OUTPUT_PER_MILLION: ReadonlyMap<string, number> = new Map([['gpt-5-2025-08-07', 40]]);

/** Fine-tuning training, USD per 1M trained tokens. */
const TRAINING_PER_MILLION: ReadonlyMap<string, number> = new Map([['gpt-4o-mini-2024-07-18', 3]]);

/** USD per 1M characters of speech. `gpt-4o-mini-tts` is token-priced; this is its rate per character. */
const SPEECH_PER_MILLION_CHARACTERS: ReadonlyMap<string, number> = new Map([
  ['tts-1', 15],
  ['tts-1-hd', 30],
  ['gpt-4o-mini-tts', 12],
]);

/** USD per minute of audio transcribed. */
const TRANSCRIPTION_PER_MINUTE: ReadonlyMap<string, number> = new Map([
  ['whisper-1', 0.006],
  ['gpt-4o-transcribe', 0.006],
  ['gpt-4o-mini-transcribe', 0.003],
]);

/** USD per image, by `model size`. */
const IMAGE_PRICES: ReadonlyMap<string, number> = new Map([
  ['gpt-image-1 1024x1024', 0.042],
  ['dall-e-3 1024x1024', 0.04],
  ['dall-e-3 1024x1792', 0.08],
  ['dall-e-2 1024x1024', 0.02],
  ['dall-e-2 512x512', 0.018],
  ['dall-e-2 256x256', 0.016],
]);

/** USD per unit of tool usage. */
const TOOL_PRICES: ReadonlyMap<string, number> = new Map([
  ['web_search:low call', 0.025],
  ['web_search:medium call', 0.0275],
  ['web_search:high call', 0.03],
  ['file_search call', 0.0025],
  ['code_interpreter session', 0.03],
  ['vector_store gibibyte hour', 0.1 / 24],
]);

const TOKEN_COLUMNS: ReadonlyMap<PricedComponent, number> = new Map<PricedComponent, number>([
  ['input', 0],
  ['cached input', 1],
  ['cache write', 0],
  ['output', 2],
  ['audio input', 3],
  ['cached audio input', 4],
  ['audio output', 5],
]);

/** Cache writes cost more than plain input: 1.25× the input price. */
const CACHE_WRITE_MULTIPLIER = 1.25;

const PER_MILLION = 1_000_000;

function perUnit(perMillion: number | undefined): number | undefined {
  return perMillion === undefined ? undefined : perMillion / PER_MILLION;
}

/**
 * The mock's built-in list prices (USD), per model and per unit, for every model and tool of the
 * demo organization.
 */
export const mockPriceTable: MockPricing = {
  price(item, component) {
    switch (component) {
      case 'training':
        return perUnit(TRAINING_PER_MILLION.get(item));
      case 'character':
        return perUnit(SPEECH_PER_MILLION_CHARACTERS.get(item));
      case 'minute':
        return TRANSCRIPTION_PER_MINUTE.get(item);
      case 'image':
        return IMAGE_PRICES.get(item);
      case 'call':
      case 'session':
      case 'gibibyte hour':
        return TOOL_PRICES.get(`${item} ${component}`);
      case 'image output':
        return perUnit(IMAGE_OUTPUT_PER_MILLION.get(item));
      default: {
        const prices = TOKEN_PRICES_PER_MILLION.get(item);
        const column = TOKEN_COLUMNS.get(component);
        if (!prices || column === undefined) return undefined;
        const price = perUnit(prices[column]);
        return component === 'cache write' && price !== undefined
          ? price * CACHE_WRITE_MULTIPLIER
          : price;
      }
    }
  },
  tierMultiplier(tier, batch) {
    if (batch || tier === 'flex') return 0.5;
    if (tier === 'priority') return 1.75;
    return 1;
  },
};
