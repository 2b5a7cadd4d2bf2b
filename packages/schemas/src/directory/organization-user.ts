import * as v from 'valibot';
import { createListPageSchema } from './list-page';

/** A member of the organization. */
export const OrganizationUserSchema = /* @__PURE__ */ (() =>
  // Pure IIFE: bundlers drop it when unused, whatever it spreads or calls inside.
  v.looseObject({
    object: v.literal('organization.user'),
    id: v.string(),
    name: v.nullish(v.string()),
    email: v.nullish(v.string()),
    role: v.nullish(v.string()),
    added_at: v.number(),
  }))();

/** A member of the organization. */
export type OrganizationUser = v.InferOutput<typeof OrganizationUserSchema>;

/** A page of `GET /organization/users`. */
export const OrganizationUserListSchema =
  /* @__PURE__ */ createListPageSchema(OrganizationUserSchema);

/** A page of `GET /organization/users`. */
export type OrganizationUserList = v.InferOutput<typeof OrganizationUserListSchema>;
