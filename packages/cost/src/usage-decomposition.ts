import type { EndpointName } from '@usagekit/schemas';
import type { PriceUnit } from './price-unit';

/** A usage endpoint (every registry endpoint but costs). */
export type UsageEndpointName = Exclude<EndpointName, 'costs'>;

/** How one endpoint's metrics become priced units. */
export interface EndpointPricing {
  /** The units, in slot order. */
  readonly units: readonly PriceUnit[];
  /** Adds one result's quantities to `out` (one slot per unit). */
  readonly decompose: (metrics: Readonly<Record<string, unknown>>, out: Float64Array) => void;
  /** The dimension that selects a qualified price (image size, web search context level). */
  readonly qualifierDimension?: string | undefined;
}

function count(metrics: Readonly<Record<string, unknown>>, name: string): number {
  const value = metrics[name];
  return typeof value === 'number' ? value : 0;
}

function optional(metrics: Readonly<Record<string, unknown>>, name: string): number | undefined {
  const value = metrics[name];
  return typeof value === 'number' ? value : undefined;
}

const COMPLETIONS_UNITS: readonly PriceUnit[] = [
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
];

/**
 * Splits completions-style token counters into disjoint priced units, following the spec's
 * arithmetic: input = cached + cache writes + uncached; uncached = text + audio + image; cached =
 * cached text + cached audio + cached image; output = text + audio + image. Counters older
 * responses lack are derived as the remainder, so every token is priced once.
 *
 * @param metrics The result's counters.
 * @param out Quantities by slot of {@link COMPLETIONS_UNITS}, added to.
 */
export function decomposeCompletions(
  metrics: Readonly<Record<string, unknown>>,
  out: Float64Array,
): void {
  const input = count(metrics, 'input_tokens');
  const cached = count(metrics, 'input_cached_tokens');
  const cacheWrite = count(metrics, 'input_cache_write_tokens');
  const write12h = optional(metrics, 'input_cache_write_12h_tokens');
  const write30m = optional(metrics, 'input_cache_write_30m_tokens');
  const uncached = optional(metrics, 'input_uncached_tokens') ?? input - cached - cacheWrite;
  const audio = count(metrics, 'input_audio_tokens');
  const image = count(metrics, 'input_image_tokens');
  const text = optional(metrics, 'input_text_tokens') ?? uncached - audio - image;
  const cachedAudio = count(metrics, 'input_cached_audio_tokens');
  const cachedImage = count(metrics, 'input_cached_image_tokens');
  const cachedText =
    optional(metrics, 'input_cached_text_tokens') ?? cached - cachedAudio - cachedImage;
  const output = count(metrics, 'output_tokens');
  const outputAudio = count(metrics, 'output_audio_tokens');
  const outputImage = count(metrics, 'output_image_tokens');
  const outputText = optional(metrics, 'output_text_tokens') ?? output - outputAudio - outputImage;
  let writeRest = cacheWrite;
  if (write12h !== undefined || write30m !== undefined) {
    writeRest = cacheWrite - (write12h ?? 0) - (write30m ?? 0);
    out[3] = (out[3] ?? 0) + (write12h ?? 0);
    out[4] = (out[4] ?? 0) + (write30m ?? 0);
  }
  out[0] = (out[0] ?? 0) + Math.max(0, text);
  out[1] = (out[1] ?? 0) + Math.max(0, cachedText);
  out[2] = (out[2] ?? 0) + Math.max(0, writeRest);
  out[5] = (out[5] ?? 0) + audio;
  out[6] = (out[6] ?? 0) + cachedAudio;
  out[7] = (out[7] ?? 0) + image;
  out[8] = (out[8] ?? 0) + cachedImage;
  out[9] = (out[9] ?? 0) + Math.max(0, outputText);
  out[10] = (out[10] ?? 0) + outputAudio;
  out[11] = (out[11] ?? 0) + outputImage;
}

function single(unit: PriceUnit, metric: string, qualifierDimension?: string): EndpointPricing {
  return {
    units: [unit],
    decompose(metrics, out) {
      out[0] = (out[0] ?? 0) + count(metrics, metric);
    },
    qualifierDimension,
  };
}

const completionsPricing: EndpointPricing = {
  units: COMPLETIONS_UNITS,
  decompose: decomposeCompletions,
};

/**
 * How every usage endpoint of the registry is priced. Typed against the registry, so a new
 * endpoint fails to compile until it is priced here.
 */
export const ENDPOINT_PRICING: { readonly [TName in UsageEndpointName]: EndpointPricing } = {
  completions: completionsPricing,
  decisions: completionsPricing,
  embeddings: single('input_tokens', 'input_tokens'),
  moderations: single('input_tokens', 'input_tokens'),
  images: single('images', 'images', 'size'),
  audio_speeches: single('characters', 'characters'),
  audio_transcriptions: single('seconds', 'seconds'),
  vector_stores: single('gb_days', 'usage_bytes'),
  code_interpreter_sessions: single('sessions', 'num_sessions'),
  file_search_calls: single('calls', 'num_requests'),
  web_search_calls: single('calls', 'num_requests', 'context_level'),
};
