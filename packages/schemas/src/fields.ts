import * as v from 'valibot';

/**
 * A counter the API always reports: a non-negative integer.
 *
 * @returns A schema for a required integer counter.
 */
// @__NO_SIDE_EFFECTS__
export function counter() {
  return v.pipe(v.number(), v.integer());
}

/**
 * A counter that newer or older responses may omit. Absent is not zero: aggregation
 * decides how to treat it.
 *
 * @returns A schema for an optional integer counter.
 */
// @__NO_SIDE_EFFECTS__
export function optionalCounter() {
  return v.optional(counter());
}

/**
 * A counter that may be omitted or reported as `null` (the decisions endpoint does this).
 *
 * @returns A schema for an optional, nullable integer counter.
 */
// @__NO_SIDE_EFFECTS__
export function nullableCounter() {
  return v.nullish(counter());
}

/**
 * A grouping field holding text: `null` or absent unless the query grouped by it.
 *
 * @returns A schema for a nullish string.
 */
// @__NO_SIDE_EFFECTS__
export function groupingText() {
  return v.nullish(v.string());
}

/**
 * A grouping field holding a flag (`batch`): `null` or absent unless the query grouped by it.
 *
 * @returns A schema for a nullish boolean.
 */
// @__NO_SIDE_EFFECTS__
export function groupingFlag() {
  return v.nullish(v.boolean());
}
