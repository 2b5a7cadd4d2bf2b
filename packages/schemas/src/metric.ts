/** What a metric counts. */
export type MetricUnit =
  | 'tokens'
  | 'requests'
  | 'images'
  | 'characters'
  | 'seconds'
  | 'bytes'
  | 'sessions'
  | 'calls'
  | 'currency'
  | 'quantity';

/**
 * How a metric combines over time. A `sum` counts events: two buckets hold the sum of their
 * values. A `level` is an amount held at a moment (`usage_bytes`, bytes stored): over time it
 * averages, weighted by the time each value covers, and never sums; across groups at the same
 * moment it still adds.
 */
export type MetricAggregation = 'sum' | 'level';

/** A counter in a result, with what it counts and how it combines. */
export interface MetricField<TName extends string = string> {
  /** The metric's name: the result field, or for a nested value the path joined with `_`. */
  readonly name: TName;
  /** Where the value sits in a result object. */
  readonly path: readonly [string] | readonly [string, string];
  /** Whether the API always reports it; an absent optional counter is unknown, not zero. */
  readonly required: boolean;
  /** What the number counts. */
  readonly unit: MetricUnit;
  /** How the number combines over time: summed, or averaged as a level. */
  readonly aggregation: MetricAggregation;
  /** A human label that spells the unit out, e.g. "Cached input tokens" or "Stored bytes". */
  readonly label: string;
}

/** The optional parts of a metric declaration. */
export interface MetricOptions {
  /**
   * Whether the API always reports it.
   * @default false
   */
  readonly required?: boolean;
  /**
   * How the number combines over time.
   * @default 'sum'
   */
  readonly aggregation?: MetricAggregation;
}

/**
 * Declares a top-level integer counter of a result.
 *
 * @param name The result field.
 * @param unit What it counts.
 * @param label A human label that spells the unit out.
 * @param options Whether it is always reported and how it combines over time.
 *
 * @returns The metric.
 *
 * @example
 * ```ts
 * metric('usage_bytes', 'bytes', 'Stored bytes', { required: true, aggregation: 'level' });
 * ```
 */
// @__NO_SIDE_EFFECTS__
export function metric<const TName extends string>(
  name: TName,
  unit: MetricUnit,
  label: string,
  options: MetricOptions = {},
): MetricField<TName> {
  return {
    name,
    path: [name],
    required: options.required ?? false,
    unit,
    aggregation: options.aggregation ?? 'sum',
    label,
  };
}
