import type { EndpointName } from '@usagekit/schemas';

/** A usage endpoint (every registry endpoint but costs). */
export type UsageEndpointName = Exclude<EndpointName, 'costs'>;
