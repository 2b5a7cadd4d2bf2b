import type { OrganizationBucket } from '@usagekit/client';
import { type EndpointName, getEndpoint, type ParamsOf } from '@usagekit/schemas';
import type { TimeRange } from '../args/time-range';
import type { DataSources } from './data-source';

/** What to fetch from one endpoint. */
export interface EndpointRequest {
  readonly endpoint: EndpointName;
  /** Dimensions to group by; those the endpoint lacks are left out. */
  readonly groupBy: readonly string[];
  /** The bucket width; costs always use `1d`. */
  readonly bucketWidth: '1m' | '1h' | '1d';
}

/** The buckets of one endpoint from every organization. */
export interface FetchedEndpoint {
  readonly endpoint: EndpointName;
  /** The dimensions it was grouped by. */
  readonly groupBy: readonly string[];
  readonly buckets: readonly OrganizationBucket<EndpointName>[];
}

/**
 * The query of one endpoint for a range: the grouping limited to the endpoint's dimensions, and
 * a width the endpoint accepts.
 *
 * @param request The endpoint, grouping and width.
 * @param range The time range.
 *
 * @returns The params and the grouping used.
 */
export function endpointParams(
  request: EndpointRequest,
  range: TimeRange,
): { params: ParamsOf<EndpointName>; groupBy: string[] } {
  const definition = getEndpoint(request.endpoint);
  const dimensions = definition.dimensions as readonly string[];
  const groupBy = request.groupBy.filter((dimension) => dimensions.includes(dimension));
  const bucketWidth = Object.hasOwn(definition.bucketWidths, request.bucketWidth)
    ? request.bucketWidth
    : definition.defaultBucketWidth;
  const params = {
    start_time: range.startTime,
    end_time: range.endTime,
    bucket_width: bucketWidth,
    ...(groupBy.length === 0 ? {} : { group_by: groupBy }),
  } as ParamsOf<EndpointName>;
  return { params, groupBy };
}

/**
 * Fetches every requested endpoint from every organization at once (each organization's client
 * bounds its own concurrency). Fails as a whole if any request fails after retries: a report
 * never silently lacks an endpoint or organization.
 *
 * @param sources The organizations.
 * @param requests What to fetch.
 * @param range The time range.
 *
 * @returns The buckets per endpoint, in request order.
 */
export async function fetchEndpoints(
  sources: DataSources,
  requests: readonly EndpointRequest[],
  range: TimeRange,
): Promise<FetchedEndpoint[]> {
  const { readOrganizations } = await import('@usagekit/client');
  return Promise.all(
    requests.map(async (request) => {
      const { params, groupBy } = endpointParams(request, range);
      const buckets = await readOrganizations(
        sources.organizations,
        request.endpoint,
        params,
        sources.callOptions(),
      );
      return { endpoint: request.endpoint, groupBy, buckets };
    }),
  );
}
