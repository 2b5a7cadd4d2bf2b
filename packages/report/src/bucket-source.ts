import type { BucketInput } from '@usagekit/aggregate';
import type { EndpointName, ParamsOf } from '@usagekit/schemas';

/** Options of one {@link BucketSource.fetch}. */
export interface SourceFetchOptions {
  /** Stops the fetch. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Where buckets come from: the API through a client ({@link createClientSource}), or a local
 * store. One source is one organization; several sources are kept apart in a report.
 */
export interface BucketSource {
  /** The organization's label, shown in the `organization` column; unique among sources. */
  readonly label: string;
  /**
   * Fetches every bucket of an endpoint for a query (its window, width, grouping and filters),
   * whole: a source never answers with part of a window.
   *
   * @param endpoint The endpoint.
   * @param params The query.
   * @param options Cancellation.
   *
   * @returns The buckets at once, or batch after batch.
   */
  fetch(
    endpoint: EndpointName,
    params: ParamsOf<EndpointName>,
    options?: SourceFetchOptions,
  ): Promise<readonly BucketInput[]> | AsyncIterable<readonly BucketInput[]>;
  /**
   * The `group_by` fields of an endpoint this source refused (and left out of what it fetched),
   * read after a fetch and before the next plan.
   *
   * @param endpoint The endpoint.
   *
   * @returns The refused fields, none when omitted.
   */
  refusedGroupings?(endpoint: EndpointName): readonly string[];
}
