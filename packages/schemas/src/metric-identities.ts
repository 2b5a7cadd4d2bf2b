import { type EndpointName, endpoints, type MetricName } from './registry';

/**
 * An identity between the counters of one result: `whole` equals the sum of `parts`. Each part is
 * therefore counted within the whole, and adding a whole to one of its parts counts twice.
 */
export interface MetricIdentity {
  /** The counter that holds the total. */
  readonly whole: MetricName;
  /** The counters that add up to it, with no overlap between them. */
  readonly parts: readonly MetricName[];
}

/**
 * The identities between the token counters of completions and decisions, as the spec's field
 * descriptions state them (and both of its examples satisfy): input tokens are cached, cache-write
 * and uncached tokens; uncached and cached input, and output, each split into text, audio and
 * image; cache writes split into their two retention periods (12 hours and 30 minutes).
 *
 * They hold for data reported under the spec's current wording (since 2026-07-15). Earlier
 * responses counted `input_tokens` as text only and `input_audio_tokens` with cached tokens, so
 * older data may break them: check with {@link identityViolations}, do not assume.
 */
export const METRIC_IDENTITIES: readonly MetricIdentity[] = [
  {
    whole: 'input_tokens',
    parts: ['input_cached_tokens', 'input_cache_write_tokens', 'input_uncached_tokens'],
  },
  {
    whole: 'input_uncached_tokens',
    parts: ['input_text_tokens', 'input_audio_tokens', 'input_image_tokens'],
  },
  {
    whole: 'input_cached_tokens',
    parts: ['input_cached_text_tokens', 'input_cached_audio_tokens', 'input_cached_image_tokens'],
  },
  {
    whole: 'output_tokens',
    parts: ['output_text_tokens', 'output_audio_tokens', 'output_image_tokens'],
  },
  {
    whole: 'input_cache_write_tokens',
    parts: ['input_cache_write_12h_tokens', 'input_cache_write_30m_tokens'],
  },
];

/**
 * The identities an endpoint's results obey: those whose whole and parts are all its metrics.
 *
 * @param endpoint The endpoint name.
 *
 * @returns Its identities, empty for an endpoint without token details.
 */
export function identitiesOf(endpoint: EndpointName): readonly MetricIdentity[] {
  const names = new Set<string>(endpoints[endpoint].metrics.map((metric) => metric.name));
  return METRIC_IDENTITIES.filter(
    (identity) => names.has(identity.whole) && identity.parts.every((part) => names.has(part)),
  );
}

/**
 * Tells whether one counter is counted within another, directly or through intermediate wholes
 * (`input_cached_text_tokens` is within `input_cached_tokens`, and so within `input_tokens`).
 *
 * @param part The counter that may be a part.
 * @param whole The counter that may contain it.
 *
 * @returns Whether `part` is counted within `whole`.
 */
export function isWithin(part: string, whole: string): boolean {
  return METRIC_IDENTITIES.some(
    (identity) =>
      identity.whole === whole &&
      identity.parts.some((candidate) => candidate === part || isWithin(part, candidate)),
  );
}

/** An identity a result breaks, with the numbers that break it. */
export interface IdentityViolation {
  /** The identity. */
  readonly identity: MetricIdentity;
  /** The value of the whole. */
  readonly whole: number;
  /** The sum of the parts. */
  readonly sumOfParts: number;
}

/**
 * Checks one result against its endpoint's identities. An identity is checked only when the whole
 * and every part are reported as numbers: an absent or `null` counter is unknown, not zero (older
 * responses lack the 30-minute cache-write counter, for example).
 *
 * @param endpoint The endpoint the result comes from.
 * @param result One result object.
 *
 * @returns The identities it breaks; empty when every checkable identity holds.
 */
export function identityViolations(
  endpoint: EndpointName,
  result: Readonly<Record<string, unknown>>,
): IdentityViolation[] {
  const violations: IdentityViolation[] = [];
  for (const identity of identitiesOf(endpoint)) {
    const whole = result[identity.whole];
    if (typeof whole !== 'number') continue;
    let sumOfParts = 0;
    let complete = true;
    for (const part of identity.parts) {
      const value = result[part];
      if (typeof value !== 'number') complete = false;
      else sumOfParts += value;
    }
    if (complete && sumOfParts !== whole) violations.push({ identity, whole, sumOfParts });
  }
  return violations;
}
