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

/** A counter in a result that sums across buckets and groups. */
export interface MetricField<TName extends string = string> {
  /** The metric's name: the result field, or for a nested value the path joined with `_`. */
  readonly name: TName;
  /** Where the value sits in a result object. */
  readonly path: readonly [string] | readonly [string, string];
  /** Whether the API always reports it; absent optional counters sum as zero. */
  readonly required: boolean;
  /** What the number counts. */
  readonly unit: MetricUnit;
}

/**
 * Declares a top-level integer counter of a result.
 *
 * @param name The result field.
 * @param unit What it counts.
 * @param required Whether the API always reports it.
 *
 * @returns The metric.
 */
// @__NO_SIDE_EFFECTS__
export function metric<const TName extends string>(
  name: TName,
  unit: MetricUnit,
  required = false,
): MetricField<TName> {
  return { name, path: [name], required, unit };
}
