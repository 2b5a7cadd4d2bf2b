import * as v from 'valibot';
import { createListPageSchema } from './list-page';

/** A service account of a project. */
export const ProjectServiceAccountSchema = /* @__PURE__ */ (() =>
  // Pure IIFE: bundlers drop it when unused, whatever it spreads or calls inside.
  v.looseObject({
    object: v.literal('organization.project.service_account'),
    id: v.string(),
    name: v.string(),
    role: v.string(),
    created_at: v.number(),
  }))();

/** A service account of a project. */
export type ProjectServiceAccount = v.InferOutput<typeof ProjectServiceAccountSchema>;

/** A page of `GET /organization/projects/{project_id}/service_accounts`. */
export const ProjectServiceAccountListSchema = /* @__PURE__ */ createListPageSchema(
  ProjectServiceAccountSchema,
);

/** A page of `GET /organization/projects/{project_id}/service_accounts`. */
export type ProjectServiceAccountList = v.InferOutput<typeof ProjectServiceAccountListSchema>;
