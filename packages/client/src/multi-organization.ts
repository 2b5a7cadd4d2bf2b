import type { Bucket, EndpointName, ParamsOf, ResultOf } from '@usagekit/schemas';
import type { UsageClient } from './client';
import { OrganizationReadError, UsageClientError } from './errors';
import type { RequestOptions } from './request';

/** One organization to read: a label for reports and a client holding its admin key. */
export interface OrganizationSource {
  /** The name shown in the `organization` column, unique among the sources. */
  readonly label: string;
  /** The organization's client (one admin key each). */
  readonly client: UsageClient;
}

/** A result row tagged with the organization it came from. */
export type OrganizationResult<TName extends EndpointName> = ResultOf<TName> & {
  readonly organization: string;
};

/** A bucket of one organization; every result in it carries the same `organization`. */
export type OrganizationBucket<TName extends EndpointName> = Bucket<OrganizationResult<TName>> & {
  readonly organization: string;
};

/**
 * Reads the same range from several organizations at once, each through its own client's pool,
 * and tags every bucket and every row with the organization's label. Fails as a whole with
 * {@link OrganizationReadError} (naming the organization) when one of them fails, so a report never
 * silently lacks an organization.
 *
 * @param sources The organizations, each with a unique label.
 * @param name The endpoint.
 * @param params The query, sent to every organization.
 * @param options Per-call overrides, applied to every organization.
 *
 * @returns Every bucket of every organization, by start time, then in the order of `sources`.
 */
export async function readOrganizations<TName extends EndpointName>(
  sources: readonly OrganizationSource[],
  name: TName,
  params: ParamsOf<TName>,
  options: RequestOptions = {},
): Promise<OrganizationBucket<TName>[]> {
  const labels = new Set<string>();
  for (const source of sources) {
    if (labels.has(source.label)) {
      throw new UsageClientError(`Organization label "${source.label}" is used twice`);
    }
    labels.add(source.label);
  }
  const siblings = new AbortController();
  const signal = options.signal
    ? AbortSignal.any([options.signal, siblings.signal])
    : siblings.signal;
  const reads = sources.map(async (source) => {
    try {
      const buckets = await source.client.endpoint(name).all(params, { ...options, signal });
      return buckets.map(
        (bucket): OrganizationBucket<TName> => ({
          ...bucket,
          organization: source.label,
          results: bucket.results.map((result) => ({ ...result, organization: source.label })),
        }),
      );
    } catch (error) {
      if (options.signal?.aborted || siblings.signal.aborted) throw error;
      throw new OrganizationReadError(source.label, error);
    }
  });
  let perOrganization: OrganizationBucket<TName>[][];
  try {
    perOrganization = await Promise.all(reads);
  } catch (error) {
    siblings.abort(new Error('Another organization failed'));
    await Promise.allSettled(reads);
    throw error;
  }
  // Stable sort: equal start times keep the order of `sources`.
  return perOrganization.flat().sort((left, right) => left.start_time - right.start_time);
}
