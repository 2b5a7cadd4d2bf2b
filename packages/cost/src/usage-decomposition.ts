import { type EndpointName, endpoints, type MetricField } from '@usagekit/schemas';
import { type PriceUnit, TOKEN_PRICE_UNITS } from './price-unit';

/** A usage endpoint (every registry endpoint but costs). */
export type UsageEndpointName = Exclude<EndpointName, 'costs'>;

/**
 * How one endpoint's metrics become priced units. The estimator sums the `metrics` of every
 * result or row of a group first and splits the sums into units once per group; because the split
 * is linear, pricing daily roll-ups gives the same quantities as pricing the raw buckets.
 */
export interface EndpointPricing {
  /** The priced units, in slot order. */
  readonly units: readonly PriceUnit[];
  /** The registry metrics summed per group, in slot order. */
  readonly metrics: readonly string[];
  /** The metrics a roll-up row must carry (the registry's required ones among `metrics`). */
  readonly requiredMetrics: readonly string[];
  /**
   * Adds one result's (or row's) metrics to `sums`, slot `offset + i` for `metrics[i]`. Absent and
   * null counters add 0.
   */
  readonly accumulate: (
    result: Readonly<Record<string, unknown>>,
    sums: Float64Array,
    offset: number,
  ) => void;
  /**
   * Splits a group's metric sums (`sums`, from `offset`) into unit quantities, written to `out`
   * (one slot per unit).
   */
  readonly decompose: (sums: Float64Array, offset: number, out: Float64Array) => void;
  /** The dimension that selects a qualified price (image size, web search context level). */
  readonly qualifierDimension?: string | undefined;
}

function numberOr0(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

function requiredOf(endpoint: UsageEndpointName, metrics: readonly string[]): readonly string[] {
  const fields = endpoints[endpoint].metrics as readonly MetricField[];
  return metrics.filter((name) =>
    fields.some((field) => field.name === name && field.required === true),
  );
}

/**
 * The completions counters the split needs. Remainders (`input_uncached_tokens`,
 * `input_text_tokens`, `input_cached_text_tokens`, `output_text_tokens`) are derived from the
 * totals by the spec's identities, so a counter that some rows lack cannot skew summed roll-ups.
 */
const COMPLETIONS_METRICS = [
  'input_tokens',
  'input_cached_tokens',
  'input_cache_write_tokens',
  'input_cache_write_12h_tokens',
  'input_cache_write_30m_tokens',
  'input_audio_tokens',
  'input_image_tokens',
  'input_cached_audio_tokens',
  'input_cached_image_tokens',
  'output_tokens',
  'output_audio_tokens',
  'output_image_tokens',
] as const;

/** The completions counters, as the estimator reads them (named loads keep the hot loop monomorphic). */
interface CompletionsCounters {
  readonly input_tokens?: unknown;
  readonly input_cached_tokens?: unknown;
  readonly input_cache_write_tokens?: unknown;
  readonly input_cache_write_12h_tokens?: unknown;
  readonly input_cache_write_30m_tokens?: unknown;
  readonly input_audio_tokens?: unknown;
  readonly input_image_tokens?: unknown;
  readonly input_cached_audio_tokens?: unknown;
  readonly input_cached_image_tokens?: unknown;
  readonly output_tokens?: unknown;
  readonly output_audio_tokens?: unknown;
  readonly output_image_tokens?: unknown;
}

function accumulateCompletions(
  result: Readonly<Record<string, unknown>>,
  sums: Float64Array,
  offset: number,
): void {
  const counters = result as CompletionsCounters;
  sums[offset] = (sums[offset] as number) + numberOr0(counters.input_tokens);
  sums[offset + 1] = (sums[offset + 1] as number) + numberOr0(counters.input_cached_tokens);
  sums[offset + 2] = (sums[offset + 2] as number) + numberOr0(counters.input_cache_write_tokens);
  sums[offset + 3] =
    (sums[offset + 3] as number) + numberOr0(counters.input_cache_write_12h_tokens);
  sums[offset + 4] =
    (sums[offset + 4] as number) + numberOr0(counters.input_cache_write_30m_tokens);
  sums[offset + 5] = (sums[offset + 5] as number) + numberOr0(counters.input_audio_tokens);
  sums[offset + 6] = (sums[offset + 6] as number) + numberOr0(counters.input_image_tokens);
  sums[offset + 7] = (sums[offset + 7] as number) + numberOr0(counters.input_cached_audio_tokens);
  sums[offset + 8] = (sums[offset + 8] as number) + numberOr0(counters.input_cached_image_tokens);
  sums[offset + 9] = (sums[offset + 9] as number) + numberOr0(counters.output_tokens);
  sums[offset + 10] = (sums[offset + 10] as number) + numberOr0(counters.output_audio_tokens);
  sums[offset + 11] = (sums[offset + 11] as number) + numberOr0(counters.output_image_tokens);
}

/**
 * Splits summed completions counters into disjoint priced units with the spec's identities:
 * input = cached + cache writes + uncached; uncached = text + audio + image; cached = cached text +
 * cached audio + cached image; output = text + audio + image; cache writes = 12h + 30m (+ writes
 * whose retention is not reported). Text is the remainder, so every token is priced exactly once.
 *
 * @param sums Sums of {@link COMPLETIONS_METRICS}, from `offset`.
 * @param offset The group's first slot in `sums`.
 * @param out Quantities by slot of {@link TOKEN_PRICE_UNITS}, overwritten.
 */
export function decomposeCompletions(sums: Float64Array, offset: number, out: Float64Array): void {
  const input = sums[offset] as number;
  const cached = sums[offset + 1] as number;
  const cacheWrite = sums[offset + 2] as number;
  const write12h = sums[offset + 3] as number;
  const write30m = sums[offset + 4] as number;
  const audio = sums[offset + 5] as number;
  const image = sums[offset + 6] as number;
  const cachedAudio = sums[offset + 7] as number;
  const cachedImage = sums[offset + 8] as number;
  const output = sums[offset + 9] as number;
  const outputAudio = sums[offset + 10] as number;
  const outputImage = sums[offset + 11] as number;
  const uncached = input - cached - cacheWrite;
  out[0] = Math.max(0, uncached - audio - image);
  out[1] = Math.max(0, cached - cachedAudio - cachedImage);
  out[2] = Math.max(0, cacheWrite - write12h - write30m);
  out[3] = write12h;
  out[4] = write30m;
  out[5] = audio;
  out[6] = cachedAudio;
  out[7] = image;
  out[8] = cachedImage;
  out[9] = Math.max(0, output - outputAudio - outputImage);
  out[10] = outputAudio;
  out[11] = outputImage;
}

function completionsPricing(endpoint: 'completions' | 'decisions'): EndpointPricing {
  return {
    units: TOKEN_PRICE_UNITS,
    metrics: COMPLETIONS_METRICS,
    requiredMetrics: requiredOf(endpoint, COMPLETIONS_METRICS),
    accumulate: accumulateCompletions,
    decompose: decomposeCompletions,
  };
}

function single(
  endpoint: UsageEndpointName,
  unit: PriceUnit,
  metric: string,
  qualifierDimension?: string,
): EndpointPricing {
  return {
    units: [unit],
    metrics: [metric],
    requiredMetrics: requiredOf(endpoint, [metric]),
    accumulate(result, sums, offset) {
      sums[offset] = (sums[offset] as number) + numberOr0(result[metric]);
    },
    decompose(sums, offset, out) {
      out[0] = sums[offset] as number;
    },
    qualifierDimension,
  };
}

/**
 * How every usage endpoint of the registry is priced. Typed against the registry, so a new
 * endpoint fails to compile until it is priced here.
 */
export const ENDPOINT_PRICING: { readonly [TName in UsageEndpointName]: EndpointPricing } = {
  completions: completionsPricing('completions'),
  decisions: completionsPricing('decisions'),
  embeddings: single('embeddings', 'input_tokens', 'input_tokens'),
  moderations: single('moderations', 'input_tokens', 'input_tokens'),
  images: single('images', 'images', 'images', 'size'),
  audio_speeches: single('audio_speeches', 'characters', 'characters'),
  audio_transcriptions: single('audio_transcriptions', 'seconds', 'seconds'),
  vector_stores: single('vector_stores', 'gb_days', 'usage_bytes'),
  code_interpreter_sessions: single('code_interpreter_sessions', 'sessions', 'num_sessions'),
  file_search_calls: single('file_search_calls', 'calls', 'num_requests'),
  web_search_calls: single('web_search_calls', 'calls', 'num_requests', 'context_level'),
};
