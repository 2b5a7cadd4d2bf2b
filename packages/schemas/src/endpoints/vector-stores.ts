import type * as v from 'valibot';
import { createProjectUsageResultSchema, defineProjectUsageEndpoint } from '../project-usage';

/**
 * One vector stores usage result: bytes stored. The spec does not say whether this is a level or
 * an accumulated figure; the registry declares it a level (bytes held over the bucket), so it adds
 * across groups at one moment and averages over time, weighted by bucket length, never summing.
 */
export const VectorStoresResultSchema = /* @__PURE__ */ createProjectUsageResultSchema(
  'organization.usage.vector_stores.result',
  'usage_bytes',
);

/** One vector stores usage result. */
export type VectorStoresResult = v.InferOutput<typeof VectorStoresResultSchema>;

/** `GET /organization/usage/vector_stores`. */
export const vectorStoresEndpoint = /* @__PURE__ */ (() =>
  // Pure IIFE: bundlers drop it when unused, whatever it spreads or calls inside.
  defineProjectUsageEndpoint({
    name: 'vector_stores',
    label: 'Vector storage',
    resultObject: 'organization.usage.vector_stores.result',
    resultSchema: VectorStoresResultSchema,
    counterName: 'usage_bytes',
    unit: 'bytes',
    counterLabel: 'Stored bytes',
    aggregation: 'level',
  }))();

/** Query parameters of the vector stores endpoint. */
export type VectorStoresParams = v.InferOutput<typeof vectorStoresEndpoint.paramsSchema>;
