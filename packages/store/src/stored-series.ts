import { type BucketWidth, type EndpointName, getEndpoint } from '@usagekit/schemas';

/**
 * Costs are kept by project and line item: every grouping would need `user_id`, which the Costs
 * API refuses together with `project_id` in some organizations.
 */
const COSTS_GROUP_BY: readonly string[] = ['project_id', 'line_item'];

/**
 * The grouping an endpoint's buckets are stored with: every dimension the registry lists for a
 * usage endpoint (so any later grouping can be answered), project and line item for costs. A
 * question grouping or filtering by anything else is not answerable from the store.
 *
 * @param endpoint The endpoint.
 *
 * @returns The stored `group_by` fields, in registry order.
 */
export function storedGroupBy(endpoint: EndpointName): readonly string[] {
  return endpoint === 'costs'
    ? COSTS_GROUP_BY
    : (getEndpoint(endpoint).dimensions as readonly string[]);
}

/** The width of an endpoint's stored series: 1d for costs, 1h for usage. */
export function defaultStoredWidth(endpoint: EndpointName): BucketWidth {
  return endpoint === 'costs' ? '1d' : '1h';
}

/**
 * Results a sync should commit at once (several chunks of a series per `writeBatch`): a DuckDB
 * commit (writing and syncing its WAL) costs about as much as appending tens of thousands of
 * rows, so one commit per chunk made most of a sync's store time. A killed sync loses at most
 * this much, which the next sync reads again (the coverage commits with the rows).
 */
export const RESULTS_PER_COMMIT = 50_000;
