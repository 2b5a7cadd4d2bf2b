import * as v from 'valibot';
import { counter, groupingFlag, groupingText, nullableCounter } from '../fields';
import { scopeEntries } from '../scope';
import {
  COMPLETIONS_DIMENSIONS,
  completionsFilters,
  completionsMetrics,
  tokenDetailEntries,
} from '../token-details';
import { defineUsageEndpoint } from '../usage-endpoint';

/** One decisions usage result: completions' counters, each of which may also be `null`. */
export const DecisionsResultSchema = /* @__PURE__ */ (() =>
  // Pure IIFE: bundlers drop it when unused, whatever it spreads or calls inside.
  v.looseObject({
    object: v.literal('organization.usage.decisions.result'),
    input_tokens: counter(),
    output_tokens: counter(),
    num_model_requests: counter(),
    ...tokenDetailEntries(nullableCounter),
    ...scopeEntries(),
    model: groupingText(),
    batch: groupingFlag(),
    service_tier: groupingText(),
    api_source: groupingText(),
  }))();

/** One decisions usage result. */
export type DecisionsResult = v.InferOutput<typeof DecisionsResultSchema>;

/** `GET /organization/usage/decisions` (newest SDK only). */
export const decisionsEndpoint = /* @__PURE__ */ (() =>
  // Pure IIFE: bundlers drop it when unused, whatever it spreads or calls inside.
  defineUsageEndpoint({
    name: 'decisions',
    label: 'Decisions',
    resultObject: 'organization.usage.decisions.result',
    resultSchema: DecisionsResultSchema,
    dimensions: COMPLETIONS_DIMENSIONS,
    filters: completionsFilters(),
    metrics: completionsMetrics(),
  }))();

/** Query parameters of the decisions endpoint. */
export type DecisionsParams = v.InferOutput<typeof decisionsEndpoint.paramsSchema>;
