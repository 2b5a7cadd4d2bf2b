import { singleUnitPricing, tokenPricing } from './metered-pricing';
import type { PricingStrategy } from './pricing-strategy';
import type { UsageEndpointName } from './usage-endpoint';
import { vectorStoragePricing } from './vector-storage-pricing';

/**
 * The pricing strategy of every usage endpoint of the registry: one table, no branches on the
 * endpoint elsewhere. Typed against the registry, so a new endpoint fails to compile until it is
 * priced here.
 */
export const ENDPOINT_PRICING: { readonly [TName in UsageEndpointName]: PricingStrategy } = {
  completions: tokenPricing('completions'),
  decisions: tokenPricing('decisions'),
  embeddings: singleUnitPricing('embeddings', 'input_tokens', 'input_tokens'),
  moderations: singleUnitPricing('moderations', 'input_tokens', 'input_tokens'),
  images: singleUnitPricing('images', 'images', 'images', 'size'),
  audio_speeches: singleUnitPricing('audio_speeches', 'characters', 'characters'),
  audio_transcriptions: singleUnitPricing('audio_transcriptions', 'seconds', 'seconds'),
  vector_stores: vectorStoragePricing,
  code_interpreter_sessions: singleUnitPricing(
    'code_interpreter_sessions',
    'sessions',
    'num_sessions',
  ),
  file_search_calls: singleUnitPricing('file_search_calls', 'calls', 'num_requests'),
  web_search_calls: singleUnitPricing('web_search_calls', 'calls', 'num_requests', 'context_level'),
};
