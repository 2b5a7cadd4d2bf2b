/**
 * The mock's own frozen price list: what the simulated Costs API bills, independent of the cost
 * estimator's price book, so the demo can reveal a mispricing instead of repeating it.
 *
 * Prices are OpenAI's published list prices (https://openai.com/api/pricing/ and
 * https://platform.openai.com/docs/pricing), cross-checked against LiteLLM's
 * `model_prices_and_context_window.json` (OpenAI entries), as checked on 2026-12-04. An entry
 * without `from` holds since the model's release; a dated entry replaces it from that UTC day on.
 * Anything the pricing pages do not list is an assumption, said so in `source`.
 */

/** Token prices of one processing tier. @unit USD per 1M tokens */
export interface TokenRates {
  readonly input: number;
  /** Cached input; absent when the model has no cache discount (cached tokens bill as input). */
  readonly cachedInput?: number;
  readonly output: number;
  readonly audioInput?: number;
  /** Cached audio input; absent when the model has no cache discount. */
  readonly cachedAudioInput?: number;
  readonly audioOutput?: number;
  /** Image output tokens; absent when they bill as output. */
  readonly imageOutput?: number;
}

/** The token prices of a model from one day on. */
export interface TokenPrice {
  /** First UTC day (`YYYY-MM-DD`) the prices hold; absent: since the model's release. */
  readonly from?: string;
  readonly standard: TokenRates;
  readonly batch?: TokenRates;
  readonly flex?: TokenRates;
  readonly priority?: TokenRates;
  /** Where the prices come from. */
  readonly source: string;
}

const PRICING_PAGE = 'https://openai.com/api/pricing/';
const BATCH_NOTE = 'Batch API: 50% of the standard prices';

/**
 * Token prices by model (a fine-tuned model under `ft:<base>`), oldest first. Image input tokens
 * bill at the text input prices (cached at the cached price); cache writes bill as uncached input
 * (OpenAI lists no separate cache-write price).
 */
export const TOKEN_PRICES: Readonly<Record<string, readonly TokenPrice[]>> = {
  'gpt-4o-mini-2024-07-18': [
    {
      standard: { input: 0.15, cachedInput: 0.075, output: 0.6 },
      batch: { input: 0.075, cachedInput: 0.0375, output: 0.3 },
      priority: { input: 0.25, cachedInput: 0.125, output: 1 },
      source: `${PRICING_PAGE} (gpt-4o-mini; ${BATCH_NOTE}; priority processing)`,
    },
  ],
  'gpt-4o-2024-08-06': [
    {
      standard: { input: 2.5, cachedInput: 1.25, output: 10 },
      batch: { input: 1.25, cachedInput: 0.625, output: 5 },
      priority: { input: 4.25, cachedInput: 2.125, output: 17 },
      source: `${PRICING_PAGE} (gpt-4o; ${BATCH_NOTE}; priority processing)`,
    },
  ],
  'ft:gpt-4o-mini-2024-07-18': [
    {
      standard: { input: 0.3, cachedInput: 0.15, output: 1.2 },
      batch: { input: 0.15, cachedInput: 0.075, output: 0.6 },
      source: `${PRICING_PAGE} (fine-tuned gpt-4o-mini-2024-07-18 inference)`,
    },
  ],
  'gpt-4.1-2025-04-14': [
    {
      standard: { input: 2, cachedInput: 0.5, output: 8 },
      batch: { input: 1, cachedInput: 0.25, output: 4 },
      priority: { input: 3.5, cachedInput: 0.875, output: 14 },
      source: `${PRICING_PAGE} (gpt-4.1; ${BATCH_NOTE}; priority processing)`,
    },
  ],
  'gpt-4.1-mini-2025-04-14': [
    {
      standard: { input: 0.4, cachedInput: 0.1, output: 1.6 },
      batch: { input: 0.2, cachedInput: 0.05, output: 0.8 },
      priority: { input: 0.7, cachedInput: 0.175, output: 2.8 },
      source: `${PRICING_PAGE} (gpt-4.1-mini; ${BATCH_NOTE}; priority processing)`,
    },
  ],
  'gpt-5-2025-08-07': [
    {
      standard: { input: 1.25, cachedInput: 0.125, output: 10, imageOutput: 40 },
      batch: { input: 0.625, cachedInput: 0.0625, output: 5, imageOutput: 40 },
      flex: { input: 0.625, cachedInput: 0.0625, output: 5, imageOutput: 40 },
      priority: { input: 2.5, cachedInput: 0.25, output: 20, imageOutput: 40 },
      source: `${PRICING_PAGE} (gpt-5 standard, batch, flex, priority; image output tokens of the image generation tool at gpt-image-1's $40 / 1M in every tier, assumed)`,
    },
  ],
  'gpt-5-mini-2025-08-07': [
    {
      standard: { input: 0.25, cachedInput: 0.025, output: 2 },
      batch: { input: 0.125, cachedInput: 0.0125, output: 1 },
      flex: { input: 0.125, cachedInput: 0.0125, output: 1 },
      priority: { input: 0.45, cachedInput: 0.045, output: 3.6 },
      source: `${PRICING_PAGE} (gpt-5-mini standard, batch, flex, priority)`,
    },
  ],
  'gpt-5-nano-2025-08-07': [
    {
      standard: { input: 0.05, cachedInput: 0.005, output: 0.4 },
      batch: { input: 0.025, cachedInput: 0.0025, output: 0.2 },
      flex: { input: 0.025, cachedInput: 0.0025, output: 0.2 },
      source: `${PRICING_PAGE} (gpt-5-nano standard, batch, flex; no priority processing)`,
    },
  ],
  'o3-2025-04-16': [
    {
      standard: { input: 10, cachedInput: 2.5, output: 40 },
      batch: { input: 5, cachedInput: 1.25, output: 20 },
      flex: { input: 5, cachedInput: 1.25, output: 20 },
      source: `${PRICING_PAGE} (o3 at launch, 2025-04-16)`,
    },
    {
      from: '2025-06-10',
      standard: { input: 2, cachedInput: 0.5, output: 8 },
      batch: { input: 1, cachedInput: 0.25, output: 4 },
      flex: { input: 1, cachedInput: 0.25, output: 4 },
      priority: { input: 3.5, cachedInput: 0.875, output: 14 },
      source: `${PRICING_PAGE} (o3 after the 80% price cut of 2025-06-10)`,
    },
  ],
  'o4-mini-2025-04-16': [
    {
      standard: { input: 1.1, cachedInput: 0.275, output: 4.4 },
      batch: { input: 0.55, cachedInput: 0.1375, output: 2.2 },
      flex: { input: 0.55, cachedInput: 0.1375, output: 2.2 },
      priority: { input: 2, cachedInput: 0.5, output: 8 },
      source: `${PRICING_PAGE} (o4-mini standard, batch, flex, priority)`,
    },
  ],
  'gpt-4o-audio-preview-2024-12-17': [
    {
      standard: { input: 2.5, output: 10, audioInput: 40, audioOutput: 80 },
      source: `${PRICING_PAGE} (gpt-4o-audio-preview; no cached-input price is listed, so cached tokens bill as input)`,
    },
  ],
  'gpt-4o-mini-audio-preview-2024-12-17': [
    {
      standard: { input: 0.15, output: 0.6, audioInput: 10, audioOutput: 20 },
      source: `${PRICING_PAGE} (gpt-4o-mini-audio-preview; no cached-input price is listed, so cached tokens bill as input)`,
    },
  ],
  'gpt-4-turbo-2024-04-09': [
    {
      standard: { input: 10, output: 30 },
      batch: { input: 5, output: 15 },
      source: `${PRICING_PAGE} (legacy models: gpt-4-turbo-2024-04-09)`,
    },
  ],
  'gpt-3.5-turbo-0125': [
    {
      standard: { input: 0.5, output: 1.5 },
      batch: { input: 0.25, output: 0.75 },
      source: `${PRICING_PAGE} (legacy models: gpt-3.5-turbo-0125)`,
    },
  ],
};

/** A price of one billing unit, with its source. */
export interface UnitPrice {
  /** @unit USD per the entry's unit */
  readonly usd: number;
  readonly source: string;
}

/** Embeddings input tokens, standard and batch. @unit USD per 1M tokens */
export const EMBEDDING_PRICES: Readonly<
  Record<string, { readonly standard: number; readonly batch: number; readonly source: string }>
> = {
  'text-embedding-3-small': { standard: 0.02, batch: 0.01, source: PRICING_PAGE },
  'text-embedding-3-large': { standard: 0.13, batch: 0.065, source: PRICING_PAGE },
  'text-embedding-ada-002': { standard: 0.1, batch: 0.05, source: PRICING_PAGE },
};

/** Images by model and size. @unit USD per image */
export const IMAGE_PRICES: Readonly<Record<string, Readonly<Record<string, UnitPrice>>>> = {
  'gpt-image-1': {
    '1024x1024': {
      usd: 0.042,
      source: `${PRICING_PAGE} (gpt-image-1, medium quality; usage does not report quality)`,
    },
  },
  'dall-e-3': {
    '1024x1024': { usd: 0.04, source: `${PRICING_PAGE} (DALL·E 3 standard)` },
    '1024x1792': { usd: 0.08, source: `${PRICING_PAGE} (DALL·E 3 standard)` },
    '1792x1024': { usd: 0.08, source: `${PRICING_PAGE} (DALL·E 3 standard)` },
  },
  'dall-e-2': {
    '1024x1024': { usd: 0.02, source: `${PRICING_PAGE} (DALL·E 2)` },
    '512x512': { usd: 0.018, source: `${PRICING_PAGE} (DALL·E 2)` },
    '256x256': { usd: 0.016, source: `${PRICING_PAGE} (DALL·E 2)` },
  },
};

/** Text-to-speech by model. @unit USD per 1M characters */
export const SPEECH_PRICES: Readonly<Record<string, UnitPrice>> = {
  'tts-1': { usd: 15, source: PRICING_PAGE },
  'tts-1-hd': { usd: 30, source: PRICING_PAGE },
  'gpt-4o-mini-tts': {
    usd: 15,
    source: `${PRICING_PAGE} (assumed: the page's estimate of $0.015 per minute of audio at about 1,000 characters a minute; usage reports characters, not tokens)`,
  },
};

/** Transcription by model. @unit USD per minute of audio */
export const TRANSCRIPTION_PRICES: Readonly<Record<string, UnitPrice>> = {
  'whisper-1': { usd: 0.006, source: PRICING_PAGE },
  'gpt-4o-transcribe': { usd: 0.006, source: `${PRICING_PAGE} (estimated cost per minute)` },
  'gpt-4o-mini-transcribe': { usd: 0.003, source: `${PRICING_PAGE} (estimated cost per minute)` },
};

/**
 * Web search tool calls by the model family that called the tool and the search context size.
 * @unit USD per 1,000 calls
 */
export const WEB_SEARCH_PRICES: readonly {
  /** Models of the family (dated snapshots included). */
  readonly models: RegExp;
  readonly byContext: Readonly<Record<'low' | 'medium' | 'high', number>>;
  readonly source: string;
}[] = [
  {
    models: /^(gpt-4o-mini|gpt-4\.1-mini)(-|$)/,
    byContext: { low: 25, medium: 27.5, high: 30 },
    source: `${PRICING_PAGE} (web search, gpt-4o-mini and gpt-4.1-mini)`,
  },
  {
    models: /^(gpt-4o|gpt-4\.1)(-|$)/,
    byContext: { low: 30, medium: 35, high: 50 },
    source: `${PRICING_PAGE} (web search, gpt-4o and gpt-4.1)`,
  },
  {
    models: /^(gpt-5|o3|o4-mini)(-|$)/,
    byContext: { low: 10, medium: 10, high: 10 },
    source: `${PRICING_PAGE} (web search, reasoning models: $10 / 1K calls at any context size)`,
  },
];

/** Prices of the remaining tools and of storage and training. */
export const OTHER_PRICES = {
  /** @unit USD per 1,000 calls */
  fileSearchCalls: { usd: 2.5, source: `${PRICING_PAGE} (file search tool calls)` },
  /** @unit USD per session (container) */
  codeInterpreterSessions: {
    usd: 0.03,
    source: `${PRICING_PAGE} (code interpreter, 1 GB container)`,
  },
  /** @unit USD per GB-day */
  vectorStorage: { usd: 0.1, source: `${PRICING_PAGE} (file search storage)` },
  /** Fine-tuning training by base model. @unit USD per 1M training tokens */
  training: {
    'gpt-4o-mini-2024-07-18': {
      usd: 3,
      source: `${PRICING_PAGE} (fine-tuning, gpt-4o-mini-2024-07-18 training)`,
    },
  } as Readonly<Record<string, UnitPrice>>,
} as const;
