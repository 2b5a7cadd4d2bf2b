import * as v from 'valibot';
import { counter, groupingText } from '../fields';
import { enumFilter, idsFilter } from '../filter';
import { metric } from '../metric';
import { scopeEntries, scopeFilters } from '../scope';
import { defineUsageEndpoint } from '../usage-endpoint';

/** Image sources the `sources` filter accepts. */
export const IMAGE_SOURCES = ['image.generation', 'image.edit', 'image.variation'] as const;

/**
 * Image sizes the `sizes` filter accepts, as the spec lists them. The spec has `1792x1792` where
 * DALL·E 3 produces `1792x1024` (most likely a typo upstream); the result field `size` is free text.
 */
export const IMAGE_SIZES = ['256x256', '512x512', '1024x1024', '1792x1792', '1024x1792'] as const;

/** One images usage result: images and requests for one bucket and group. */
export const ImagesResultSchema = /* @__PURE__ */ (() =>
  // Pure IIFE: bundlers drop it when unused, whatever it spreads or calls inside.
  v.looseObject({
    object: v.literal('organization.usage.images.result'),
    images: counter(),
    num_model_requests: counter(),
    source: groupingText(),
    size: groupingText(),
    ...scopeEntries(),
    model: groupingText(),
  }))();

/** One images usage result. */
export type ImagesResult = v.InferOutput<typeof ImagesResultSchema>;

/** `GET /organization/usage/images`. */
export const imagesEndpoint = /* @__PURE__ */ (() =>
  // Pure IIFE: bundlers drop it when unused, whatever it spreads or calls inside.
  defineUsageEndpoint({
    name: 'images',
    label: 'Images',
    resultObject: 'organization.usage.images.result',
    resultSchema: ImagesResultSchema,
    dimensions: ['project_id', 'user_id', 'api_key_id', 'model', 'size', 'source'],
    filters: {
      sources: enumFilter('source', IMAGE_SOURCES),
      sizes: enumFilter('size', IMAGE_SIZES),
      ...scopeFilters(),
      models: idsFilter('model'),
    },
    metrics: [
      metric('images', 'images', 'Images', { required: true }),
      metric('num_model_requests', 'requests', 'Model requests', { required: true }),
    ],
  }))();

/** Query parameters of the images endpoint. */
export type ImagesParams = v.InferOutput<typeof imagesEndpoint.paramsSchema>;
