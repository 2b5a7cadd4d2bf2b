import * as v from 'valibot';
import { createListPageSchema } from './list-page';

/** A project of the organization; archived ones have `archived_at` and status `archived`. */
export const ProjectSchema = /* @__PURE__ */ (() =>
  // Pure IIFE: bundlers drop it when unused, whatever it spreads or calls inside.
  v.looseObject({
    object: v.literal('organization.project'),
    id: v.string(),
    name: v.nullish(v.string()),
    created_at: v.number(),
    archived_at: v.nullish(v.number()),
    status: v.nullish(v.string()),
  }))();

/** A project of the organization. */
export type Project = v.InferOutput<typeof ProjectSchema>;

/** A page of `GET /organization/projects`. */
export const ProjectListSchema = /* @__PURE__ */ createListPageSchema(ProjectSchema);

/** A page of `GET /organization/projects`. */
export type ProjectList = v.InferOutput<typeof ProjectListSchema>;
