import type { RequestOptions, UsageClient } from '@usagekit/client';
import type { EndpointName, ParamsOf } from '@usagekit/schemas';
import type { BucketSource } from './bucket-source';

/** Options of {@link createClientSource}. */
export interface ClientSourceOptions {
  /** The organization's label. @default 'organization' */
  readonly label?: string | undefined;
  /** Options for each call (for example the time left of a run's deadline), read per call. */
  readonly requestOptions?: (() => RequestOptions) | undefined;
}

/**
 * A bucket source over the API: each fetch is the client's `all()` (planned sub-ranges through
 * its pool, pagination, retries, failing as a whole), and refusals are the client's own
 * capabilities (a refused grouping is left out of later requests and reported here).
 *
 * @param client The organization's client.
 * @param options Label and per-call options.
 *
 * @returns The source.
 */
export function createClientSource(
  client: UsageClient,
  options: ClientSourceOptions = {},
): BucketSource {
  return {
    label: options.label ?? 'organization',
    fetch(endpoint: EndpointName, params: ParamsOf<EndpointName>, fetchOptions = {}) {
      const perCall = options.requestOptions?.() ?? {};
      return client
        .endpoint(endpoint)
        .all(
          params,
          fetchOptions.signal === undefined ? perCall : { ...perCall, signal: fetchOptions.signal },
        );
    },
    refusedGroupings(endpoint) {
      return client.capabilities.refusedGroupings.get(endpoint) ?? [];
    },
  };
}
