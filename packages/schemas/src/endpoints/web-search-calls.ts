import * as v from 'valibot';
import { counter, groupingText } from '../fields';
import { enumFilter, idsFilter } from '../filter';
import { metric } from '../metric';
import { scopeEntries, scopeFilters } from '../scope';
import { defineUsageEndpoint } from '../usage-endpoint';

/** Search context sizes the `context_levels` filter accepts. */
export const CONTEXT_LEVELS = ['low', 'medium', 'high'] as const;

/** One web search calls usage result. Its `object` says `web_searches`, not the path's name. */
export const WebSearchCallsResultSchema = /* @__PURE__ */ (() =>
  // Pure IIFE: bundlers drop it when unused, whatever it spreads or calls inside.
  v.looseObject({
    object: v.literal('organization.usage.web_searches.result'),
    num_model_requests: counter(),
    num_requests: counter(),
    ...scopeEntries(),
    model: groupingText(),
    context_level: groupingText(),
    api_source: groupingText(),
  }))();

/** One web search calls usage result. */
export type WebSearchCallsResult = v.InferOutput<typeof WebSearchCallsResultSchema>;

/** `GET /organization/usage/web_search_calls`. */
export const webSearchCallsEndpoint = /* @__PURE__ */ (() =>
  // Pure IIFE: bundlers drop it when unused, whatever it spreads or calls inside.
  defineUsageEndpoint({
    name: 'web_search_calls',
    label: 'Web search calls',
    resultObject: 'organization.usage.web_searches.result',
    resultSchema: WebSearchCallsResultSchema,
    dimensions: ['project_id', 'user_id', 'api_key_id', 'model', 'context_level', 'api_source'],
    filters: {
      ...scopeFilters(),
      models: idsFilter('model'),
      context_levels: enumFilter('context_level', CONTEXT_LEVELS),
    },
    metrics: [
      metric('num_requests', 'calls', 'Calls', { required: true }),
      metric('num_model_requests', 'requests', 'Model requests', { required: true }),
    ],
  }))();

/** Query parameters of the web search calls endpoint. */
export type WebSearchCallsParams = v.InferOutput<typeof webSearchCallsEndpoint.paramsSchema>;
