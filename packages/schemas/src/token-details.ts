import type * as v from 'valibot';
import { flagFilter, idsFilter } from './filter';
import { metric } from './metric';
import { scopeFilters } from './scope';

/**
 * The token-detail counters of completions and decisions, in the order they are listed. The spec
 * marks all of them optional; the API adds new ones over time, so older responses lack some.
 */
export const TOKEN_DETAIL_FIELDS = [
  'input_cached_tokens',
  'input_uncached_tokens',
  'input_cache_write_tokens',
  'input_cache_write_12h_tokens',
  'input_cache_write_30m_tokens',
  'input_text_tokens',
  'input_cached_text_tokens',
  'input_audio_tokens',
  'input_cached_audio_tokens',
  'input_image_tokens',
  'input_cached_image_tokens',
  'output_text_tokens',
  'output_audio_tokens',
  'output_image_tokens',
] as const;

/** The name of one token-detail counter. */
export type TokenDetailField = (typeof TOKEN_DETAIL_FIELDS)[number];

/**
 * The label of each token-detail counter, worded after the spec's descriptions: the per-modality
 * input counters without "cached" count uncached tokens only (cache writes excluded).
 */
const TOKEN_DETAIL_LABELS: { readonly [TKey in TokenDetailField]: string } = {
  input_cached_tokens: 'Cached input tokens',
  input_uncached_tokens: 'Uncached input tokens',
  input_cache_write_tokens: 'Cache-write input tokens',
  input_cache_write_12h_tokens: 'Cache-write input tokens (12h)',
  input_cache_write_30m_tokens: 'Cache-write input tokens (30m)',
  input_text_tokens: 'Uncached text input tokens',
  input_cached_text_tokens: 'Cached text input tokens',
  input_audio_tokens: 'Uncached audio input tokens',
  input_cached_audio_tokens: 'Cached audio input tokens',
  input_image_tokens: 'Uncached image input tokens',
  input_cached_image_tokens: 'Cached image input tokens',
  output_text_tokens: 'Text output tokens',
  output_audio_tokens: 'Audio output tokens',
  output_image_tokens: 'Image output tokens',
};

/**
 * Builds the result entries of every token-detail counter with the given field schema.
 *
 * @param field Makes the schema of one counter (optional or nullable).
 *
 * @returns One entry per counter.
 */
// @__NO_SIDE_EFFECTS__
export function tokenDetailEntries<TSchema extends v.GenericSchema>(
  field: () => TSchema,
): { [TKey in TokenDetailField]: TSchema } {
  return Object.fromEntries(TOKEN_DETAIL_FIELDS.map((name) => [name, field()])) as {
    [TKey in TokenDetailField]: TSchema;
  };
}

/**
 * The metrics of a completions-like endpoint: the three required counters, then every token
 * detail.
 *
 * @returns The metric list.
 */
// @__NO_SIDE_EFFECTS__
export function completionsMetrics() {
  return [
    metric('input_tokens', 'tokens', 'Input tokens', { required: true }),
    metric('output_tokens', 'tokens', 'Output tokens', { required: true }),
    metric('num_model_requests', 'requests', 'Model requests', { required: true }),
    ...TOKEN_DETAIL_FIELDS.map((name) => metric(name, 'tokens', TOKEN_DETAIL_LABELS[name])),
  ];
}

/** The `group_by` values of completions and decisions, in the SDK's order. */
export const COMPLETIONS_DIMENSIONS = [
  'project_id',
  'user_id',
  'api_key_id',
  'model',
  'batch',
  'service_tier',
  'api_source',
] as const;

/**
 * The filters of completions and decisions: project, user, key, model and batch.
 *
 * @returns The filter map.
 */
// @__NO_SIDE_EFFECTS__
export function completionsFilters() {
  return { ...scopeFilters(), models: idsFilter('model'), batch: flagFilter('batch') };
}
