import * as v from 'valibot';

/**
 * Builds the schema of a page of an admin list endpoint (projects, users, keys, service
 * accounts), which pages with `after` and `has_more`, not `next_page`.
 *
 * @param itemSchema The schema of one item.
 *
 * @returns The list page schema.
 */
// @__NO_SIDE_EFFECTS__
export function createListPageSchema<TItem extends v.GenericSchema>(itemSchema: TItem) {
  return v.looseObject({
    object: v.literal('list'),
    data: v.array(itemSchema),
    first_id: v.nullish(v.string()),
    last_id: v.nullish(v.string()),
    has_more: v.boolean(),
  });
}

/** Query parameters of the admin list endpoints. */
export const ListParamsSchema = /* @__PURE__ */ (() =>
  // Pure IIFE: bundlers drop it when unused, whatever it spreads or calls inside.
  v.strictObject({
    after: v.optional(v.string()),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100))),
    include_archived: v.optional(v.boolean()),
  }))();

/** Query parameters of the admin list endpoints. */
export type ListParams = v.InferOutput<typeof ListParamsSchema>;
