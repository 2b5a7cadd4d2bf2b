import * as v from 'valibot';
import { counter, groupingText } from '../fields';
import { idsFilter } from '../filter';
import { metric } from '../metric';
import { scopeEntries, scopeFilters } from '../scope';
import { defineUsageEndpoint } from '../usage-endpoint';

/** One file search calls usage result. Its `object` says `file_searches`, not the path's name. */
export const FileSearchCallsResultSchema = /* @__PURE__ */ (() =>
  // Pure IIFE: bundlers drop it when unused, whatever it spreads or calls inside.
  v.looseObject({
    object: v.literal('organization.usage.file_searches.result'),
    num_requests: counter(),
    ...scopeEntries(),
    vector_store_id: groupingText(),
  }))();

/** One file search calls usage result. */
export type FileSearchCallsResult = v.InferOutput<typeof FileSearchCallsResultSchema>;

/** `GET /organization/usage/file_search_calls`. */
export const fileSearchCallsEndpoint = /* @__PURE__ */ (() =>
  // Pure IIFE: bundlers drop it when unused, whatever it spreads or calls inside.
  defineUsageEndpoint({
    name: 'file_search_calls',
    label: 'File search calls',
    resultObject: 'organization.usage.file_searches.result',
    resultSchema: FileSearchCallsResultSchema,
    dimensions: ['project_id', 'user_id', 'api_key_id', 'vector_store_id'],
    filters: { ...scopeFilters(), vector_store_ids: idsFilter('vector_store_id') },
    metrics: [metric('num_requests', 'calls', 'Calls', { required: true })],
  }))();

/** Query parameters of the file search calls endpoint. */
export type FileSearchCallsParams = v.InferOutput<typeof fileSearchCallsEndpoint.paramsSchema>;
