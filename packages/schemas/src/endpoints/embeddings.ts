import type * as v from 'valibot';
import { createModelUsageResultSchema, defineModelUsageEndpoint } from '../model-usage';

/** One embeddings usage result: input_tokens and requests for one bucket and group. */
export const EmbeddingsResultSchema = /* @__PURE__ */ createModelUsageResultSchema(
  'organization.usage.embeddings.result',
  'input_tokens',
);

/** One embeddings usage result. */
export type EmbeddingsResult = v.InferOutput<typeof EmbeddingsResultSchema>;

/** `GET /organization/usage/embeddings`. */
export const embeddingsEndpoint = /* @__PURE__ */ (() =>
  // Pure IIFE: bundlers drop it when unused, whatever it spreads or calls inside.
  defineModelUsageEndpoint({
    name: 'embeddings',
    label: 'Embeddings',
    resultObject: 'organization.usage.embeddings.result',
    resultSchema: EmbeddingsResultSchema,
    counterName: 'input_tokens',
    unit: 'tokens',
    counterLabel: 'Input tokens',
  }))();

/** Query parameters of the embeddings endpoint. */
export type EmbeddingsParams = v.InferOutput<typeof embeddingsEndpoint.paramsSchema>;
