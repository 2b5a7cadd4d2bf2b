import * as v from 'valibot';
import { createListPageSchema } from './list-page';

/** An API key of a project, owned by a user or a service account. */
export const ProjectApiKeySchema = /* @__PURE__ */ (() =>
  // Pure IIFE: bundlers drop it when unused, whatever it spreads or calls inside.
  v.looseObject({
    object: v.literal('organization.project.api_key'),
    id: v.string(),
    name: v.string(),
    redacted_value: v.string(),
    created_at: v.number(),
    last_used_at: v.nullish(v.number()),
    owner: v.looseObject({
      type: v.optional(v.string()),
      user: v.optional(
        v.looseObject({
          id: v.string(),
          name: v.nullish(v.string()),
          email: v.nullish(v.string()),
        }),
      ),
      service_account: v.optional(v.looseObject({ id: v.string(), name: v.nullish(v.string()) })),
    }),
  }))();

/** An API key of a project. */
export type ProjectApiKey = v.InferOutput<typeof ProjectApiKeySchema>;

/** A page of `GET /organization/projects/{project_id}/api_keys`. */
export const ProjectApiKeyListSchema = /* @__PURE__ */ createListPageSchema(ProjectApiKeySchema);

/** A page of `GET /organization/projects/{project_id}/api_keys`. */
export type ProjectApiKeyList = v.InferOutput<typeof ProjectApiKeyListSchema>;
