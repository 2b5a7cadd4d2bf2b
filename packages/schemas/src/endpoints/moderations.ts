import type * as v from 'valibot';
import { createModelUsageResultSchema, defineModelUsageEndpoint } from '../model-usage';

/** One moderations usage result: input_tokens and requests for one bucket and group. */
export const ModerationsResultSchema = /* @__PURE__ */ createModelUsageResultSchema(
  'organization.usage.moderations.result',
  'input_tokens',
);

/** One moderations usage result. */
export type ModerationsResult = v.InferOutput<typeof ModerationsResultSchema>;

/** `GET /organization/usage/moderations`. */
export const moderationsEndpoint = /* @__PURE__ */ (() =>
  // Pure IIFE: bundlers drop it when unused, whatever it spreads or calls inside.
  defineModelUsageEndpoint({
    name: 'moderations',
    label: 'Moderations',
    resultObject: 'organization.usage.moderations.result',
    resultSchema: ModerationsResultSchema,
    counterName: 'input_tokens',
    unit: 'tokens',
    counterLabel: 'Input tokens',
  }))();

/** Query parameters of the moderations endpoint. */
export type ModerationsParams = v.InferOutput<typeof moderationsEndpoint.paramsSchema>;
