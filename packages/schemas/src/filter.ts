/** A filter parameter that keeps only rows whose dimension is one of the given ids or names. */
export interface IdsFilter<TDimension extends string = string> {
  /** Filters by ids or names. */
  readonly kind: 'ids';
  /** The dimension (grouping field) it restricts. */
  readonly dimension: TDimension;
}

/** A filter parameter whose values come from a closed list (`sizes`, `sources`, `context_levels`). */
export interface EnumFilter<TDimension extends string = string, TValue extends string = string> {
  /** Filters by values from a closed list. */
  readonly kind: 'enum';
  /** The dimension (grouping field) it restricts. */
  readonly dimension: TDimension;
  /** The values the API accepts. */
  readonly values: readonly TValue[];
}

/** A boolean filter parameter (`batch`): `true` keeps only matching rows, `false` only the rest. */
export interface FlagFilter<TDimension extends string = string> {
  /** Filters by a boolean. */
  readonly kind: 'flag';
  /** The dimension (grouping field) it restricts. */
  readonly dimension: TDimension;
}

/** Any filter parameter an endpoint accepts. */
export type Filter = IdsFilter | EnumFilter | FlagFilter;

/** The value a filter parameter takes in a query. */
export type FilterValue<TFilter> = TFilter extends FlagFilter
  ? boolean
  : TFilter extends EnumFilter<string, infer TValue>
    ? TValue[]
    : string[];

/**
 * Declares a filter by ids or names on a dimension.
 *
 * @param dimension The dimension the filter restricts.
 *
 * @returns The filter.
 */
// @__NO_SIDE_EFFECTS__
export function idsFilter<const TDimension extends string>(
  dimension: TDimension,
): IdsFilter<TDimension> {
  return { kind: 'ids', dimension };
}

/**
 * Declares a filter whose values come from a closed list.
 *
 * @param dimension The dimension the filter restricts.
 * @param values The values the API accepts.
 *
 * @returns The filter.
 */
// @__NO_SIDE_EFFECTS__
export function enumFilter<const TDimension extends string, const TValue extends string>(
  dimension: TDimension,
  values: readonly TValue[],
): EnumFilter<TDimension, TValue> {
  return { kind: 'enum', dimension, values };
}

/**
 * Declares a boolean filter.
 *
 * @param dimension The dimension the filter restricts.
 *
 * @returns The filter.
 */
// @__NO_SIDE_EFFECTS__
export function flagFilter<const TDimension extends string>(
  dimension: TDimension,
): FlagFilter<TDimension> {
  return { kind: 'flag', dimension };
}
