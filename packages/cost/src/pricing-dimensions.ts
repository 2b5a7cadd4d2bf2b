import { type DimensionOf, endpoints, usageEndpointNames } from '@usagekit/schemas';
import { ENDPOINT_PRICING } from './pricing/endpoint-pricing';
import type { UsageEndpointName } from './pricing/usage-endpoint';

/** Dimensions that decide a price on every endpoint that reports them. */
const PRICE_DECIDING = new Set<string>(['model', 'batch', 'service_tier']);

/**
 * The registry dimensions that decide a price: the model, batch, service tier, and the endpoint's
 * own qualifier (image `size`, web search `context_level`). Fetch or roll up usage at least at
 * this detail before estimating, or rows that would price differently get merged.
 *
 * @param endpoint One usage endpoint; omitted, the dimensions any usage endpoint prices by.
 *
 * @returns The dimensions, in registry order.
 */
export function pricingDimensions(
  endpoint?: UsageEndpointName,
): readonly DimensionOf<UsageEndpointName>[] {
  const names = endpoint === undefined ? usageEndpointNames : [endpoint];
  const found = new Set<DimensionOf<UsageEndpointName>>();
  for (const name of names) {
    const qualifier = ENDPOINT_PRICING[name].qualifierDimension;
    for (const dimension of endpoints[name].dimensions) {
      if (PRICE_DECIDING.has(dimension) || dimension === qualifier) found.add(dimension);
    }
  }
  return [...found];
}
