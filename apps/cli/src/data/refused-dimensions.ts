import { type EndpointName, getEndpoint } from '@usagekit/schemas';
import type { DataSources } from './data-source';

/**
 * Leaves out of a grouping the dimensions the API refused (HTTP 400) for every organization and
 * every endpoint that has them, so output is shown without them instead of with an empty column.
 * Read after fetching: the clients learn refusals from the answers.
 *
 * @param by The dimensions asked for.
 * @param sources The organizations, whose clients know what was refused.
 * @param endpoints The endpoints fetched.
 *
 * @returns The dimensions that were grouped for at least one organization.
 */
export function withoutRefusedDimensions(
  by: readonly string[],
  sources: DataSources,
  endpoints: readonly EndpointName[],
): string[] {
  return by.filter((dimension) => {
    const having = endpoints.filter((endpoint) =>
      (getEndpoint(endpoint).dimensions as readonly string[]).includes(dimension),
    );
    const refusedEverywhere =
      having.length > 0 &&
      sources.organizations.every(({ client }) =>
        having.every((endpoint) =>
          client.capabilities.refusedGroupings.get(endpoint)?.includes(dimension),
        ),
      );
    return !refusedEverywhere;
  });
}
