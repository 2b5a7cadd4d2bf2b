import * as v from 'valibot';
import { USAGE_BUCKET_WIDTHS } from '../bucket-width';
import { defineEndpoint } from '../endpoint';
import { counter, groupingFlag, groupingText, nullableCounter } from '../fields';
import { flagFilter, idsFilter } from '../filter';
import { scopeEntries, scopeFilters } from '../scope';
import { completionsMetrics, tokenDetailEntries } from '../token-details';

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
  defineEndpoint({
    name: 'decisions',
    kind: 'usage',
    path: '/organization/usage/decisions',
    resultObject: 'organization.usage.decisions.result',
    resultSchema: DecisionsResultSchema,
    bucketWidths: USAGE_BUCKET_WIDTHS,
    defaultBucketWidth: '1d',
    dimensions: [
      'project_id',
      'user_id',
      'api_key_id',
      'model',
      'batch',
      'service_tier',
      'api_source',
    ],
    filters: { ...scopeFilters(), models: idsFilter('model'), batch: flagFilter('batch') },
    metrics: completionsMetrics(),
  }))();

/** Query parameters of the decisions endpoint. */
export type DecisionsParams = v.InferOutput<typeof decisionsEndpoint.paramsSchema>;
