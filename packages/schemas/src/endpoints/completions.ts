import * as v from 'valibot';
import { USAGE_BUCKET_WIDTHS } from '../bucket-width';
import { defineEndpoint } from '../endpoint';
import { counter, groupingFlag, groupingText, nullableCounter, optionalCounter } from '../fields';
import { flagFilter, idsFilter } from '../filter';
import { scopeEntries, scopeFilters } from '../scope';
import { completionsMetrics, tokenDetailEntries } from '../token-details';

/** One completions usage result: tokens and requests for one bucket and group. */
export const CompletionsResultSchema = /* @__PURE__ */ (() =>
  // Pure IIFE: bundlers drop it when unused, whatever it spreads or calls inside.
  v.looseObject({
    object: v.literal('organization.usage.completions.result'),
    input_tokens: counter(),
    output_tokens: counter(),
    num_model_requests: counter(),
    ...tokenDetailEntries(optionalCounter),
    input_cache_write_30m_tokens: nullableCounter(),
    ...scopeEntries(),
    model: groupingText(),
    batch: groupingFlag(),
    service_tier: groupingText(),
    api_source: groupingText(),
  }))();

/** One completions usage result. */
export type CompletionsResult = v.InferOutput<typeof CompletionsResultSchema>;

/** `GET /organization/usage/completions`. */
export const completionsEndpoint = /* @__PURE__ */ (() =>
  // Pure IIFE: bundlers drop it when unused, whatever it spreads or calls inside.
  defineEndpoint({
    name: 'completions',
    kind: 'usage',
    path: '/organization/usage/completions',
    resultObject: 'organization.usage.completions.result',
    resultSchema: CompletionsResultSchema,
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

/** Query parameters of the completions endpoint. */
export type CompletionsParams = v.InferOutput<typeof completionsEndpoint.paramsSchema>;
