import { RollupQueryError } from './errors';
import { isMetricName, type MetricName } from './fields';

/** A ratio of two sums of metrics, computed per output row after summing. */
export interface RatioMetric {
  /** Output column name: lower case letters, digits and `_`, not a dimension or metric name. */
  name: string;
  /** Metric(s) summed above the line. */
  numerator: MetricName | readonly MetricName[];
  /** Metric(s) summed below the line. */
  denominator: MetricName | readonly MetricName[];
}

/**
 * A derived metric:
 * - `cache_hit_ratio`: `input_cached_tokens / input_tokens` (share of input served from cache);
 * - `cached_share`: `input_cached_tokens / (input_tokens + output_tokens)` (share of all tokens);
 * - `tokens_per_request`: `(input_tokens + output_tokens) / num_model_requests`;
 * - `batch_share`: requests of rows with `batch = true` over requests of rows grouped by batch
 *   (needs data fetched with `group_by=batch`; `null` otherwise);
 * - a {@link RatioMetric} of your own.
 *
 * A ratio whose denominator is 0 is `null` in rows and `NaN` in columns.
 */
export type DerivedMetric =
  | 'cache_hit_ratio'
  | 'cached_share'
  | 'tokens_per_request'
  | 'batch_share'
  | RatioMetric;

/** A derived metric resolved to sums: `batch` marks the batch share's special sums. */
export interface ResolvedDerived {
  readonly name: string;
  readonly numerator: readonly MetricName[];
  readonly denominator: readonly MetricName[];
  readonly batch: boolean;
}

const BUILT_IN: Record<Exclude<DerivedMetric, RatioMetric>, Omit<ResolvedDerived, 'name'>> = {
  cache_hit_ratio: {
    numerator: ['input_cached_tokens'],
    denominator: ['input_tokens'],
    batch: false,
  },
  cached_share: {
    numerator: ['input_cached_tokens'],
    denominator: ['input_tokens', 'output_tokens'],
    batch: false,
  },
  tokens_per_request: {
    numerator: ['input_tokens', 'output_tokens'],
    denominator: ['num_model_requests'],
    batch: false,
  },
  batch_share: {
    numerator: ['num_model_requests'],
    denominator: ['num_model_requests'],
    batch: true,
  },
};

const NAME = /^[a-z][a-z0-9_]*$/;

/**
 * Validates and resolves the `derived` option of a query.
 *
 * @param derived The option.
 * @param reserved Names already used by dimensions, metrics and row fields.
 *
 * @returns The resolved metrics.
 */
export function resolveDerived(
  derived: readonly DerivedMetric[] | undefined,
  reserved: ReadonlySet<string>,
): ResolvedDerived[] {
  if (derived === undefined) return [];
  if (!Array.isArray(derived)) throw new RollupQueryError('must be an array', 'derived');
  const names = new Set<string>();
  return derived.map((entry, index) => {
    const field = `derived[${index}]`;
    let resolved: ResolvedDerived;
    if (typeof entry === 'string') {
      const builtIn = Object.hasOwn(BUILT_IN, entry)
        ? BUILT_IN[entry as keyof typeof BUILT_IN]
        : undefined;
      if (builtIn === undefined) {
        throw new RollupQueryError(
          `unknown derived metric "${entry}"; built in: ${Object.keys(BUILT_IN).join(', ')}, or { name, numerator, denominator }`,
          field,
        );
      }
      resolved = { name: entry, ...builtIn };
    } else if (entry !== null && typeof entry === 'object') {
      if (typeof entry.name !== 'string' || !NAME.test(entry.name) || reserved.has(entry.name)) {
        throw new RollupQueryError(
          'name must match /^[a-z][a-z0-9_]*$/ and differ from every dimension, metric and row field',
          `${field}.name`,
        );
      }
      const side = (value: unknown, part: string): MetricName[] => {
        const list = Array.isArray(value) ? value : [value];
        if (list.length === 0)
          throw new RollupQueryError('needs at least one metric', `${field}.${part}`);
        return list.map((metric, position) => {
          if (typeof metric !== 'string' || !isMetricName(metric)) {
            throw new RollupQueryError(
              `unknown metric "${String(metric)}"`,
              `${field}.${part}[${position}]`,
            );
          }
          return metric;
        });
      };
      resolved = {
        name: entry.name,
        numerator: side(entry.numerator, 'numerator'),
        denominator: side(entry.denominator, 'denominator'),
        batch: false,
      };
    } else {
      throw new RollupQueryError(
        'must be a built-in name or { name, numerator, denominator }',
        field,
      );
    }
    if (names.has(resolved.name))
      throw new RollupQueryError(`"${resolved.name}" is listed twice`, field);
    names.add(resolved.name);
    return resolved;
  });
}
