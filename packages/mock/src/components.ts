import { getEndpoint } from '@usagekit/schemas';
import type { UsageEndpointName } from './organization';

/**
 * The independent counters of completions-like usage. Every reported metric is a sum of some of
 * them, so any sum over minutes, hours, groups or filters keeps the token arithmetic exact
 * (`input_tokens = cached + cache writes + uncached`, and so on).
 */
const TOKEN_COMPONENTS = [
  'num_model_requests',
  'input_text_tokens',
  'input_audio_tokens',
  'input_image_tokens',
  'input_cached_text_tokens',
  'input_cached_audio_tokens',
  'input_cached_image_tokens',
  'input_cache_write_12h_tokens',
  'input_cache_write_30m_tokens',
  'output_text_tokens',
  'output_audio_tokens',
  'output_image_tokens',
] as const;

const DERIVED_TOKEN_METRICS: ReadonlyMap<string, readonly string[]> = new Map([
  ['input_tokens', TOKEN_COMPONENTS.slice(1, 9)],
  ['output_tokens', TOKEN_COMPONENTS.slice(9)],
  ['input_uncached_tokens', TOKEN_COMPONENTS.slice(1, 4)],
  ['input_cached_tokens', TOKEN_COMPONENTS.slice(4, 7)],
  ['input_cache_write_tokens', TOKEN_COMPONENTS.slice(7, 9)],
]);

/** How an endpoint's metrics are generated: its components and how each metric sums them. */
export interface EndpointComponents {
  /** Generated counters; the first one drives the rest (requests, calls, sessions or bytes). */
  readonly components: readonly string[];
  /** For each metric of the registry (same order), the component indices it sums. */
  readonly metricComponents: readonly (readonly number[])[];
  /** Whether the endpoint reports a level (stored bytes) instead of a sum over time. */
  readonly level: boolean;
}

/**
 * Derives an endpoint's components from the registry: completions-like endpoints (those whose
 * metrics include `input_tokens` and `output_tokens` with token details) use the independent token
 * counters; every other endpoint generates its registry metrics directly, driver first.
 *
 * @param name The usage endpoint.
 *
 * @returns Its components.
 */
export function componentsOf(name: UsageEndpointName): EndpointComponents {
  const metrics = getEndpoint(name).metrics.map((metric) => metric.name as string);
  const tokenLike = metrics.includes('input_cached_tokens');
  const components: string[] = tokenLike
    ? [...TOKEN_COMPONENTS]
    : metrics.includes('num_model_requests')
      ? ['num_model_requests', ...metrics.filter((metric) => metric !== 'num_model_requests')]
      : [...metrics];
  const metricComponents = metrics.map((metric) => {
    const parts = (tokenLike ? DERIVED_TOKEN_METRICS.get(metric) : undefined) ?? [metric];
    return parts.map((part) => {
      const index = components.indexOf(part);
      if (index < 0) throw new Error(`${name}: no component for metric ${metric}`);
      return index;
    });
  });
  return { components, metricComponents, level: metrics.includes('usage_bytes') };
}
