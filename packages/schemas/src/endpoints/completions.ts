import * as v from 'valibot';
import { counter, groupingFlag, groupingText, nullableCounter, optionalCounter } from '../fields';
import { scopeEntries } from '../scope';
import {
  COMPLETIONS_DIMENSIONS,
  completionsFilters,
  completionsMetrics,
  tokenDetailEntries,
} from '../token-details';
import { defineUsageEndpoint } from '../usage-endpoint';

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
  defineUsageEndpoint({
    name: 'completions',
    label: 'Completions',
    resultObject: 'organization.usage.completions.result',
    resultSchema: CompletionsResultSchema,
    dimensions: COMPLETIONS_DIMENSIONS,
    filters: completionsFilters(),
    metrics: completionsMetrics(),
  }))();

/** Query parameters of the completions endpoint. */
export type CompletionsParams = v.InferOutput<typeof completionsEndpoint.paramsSchema>;
