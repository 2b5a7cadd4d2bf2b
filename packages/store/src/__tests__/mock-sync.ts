import { createMockApi, DEMO_ADMIN_KEY, type MockApi } from '@usagekit/mock';
import {
  type Bucket,
  type BucketWidth,
  type EndpointName,
  encodeQuery,
  endpointNames,
  getEndpoint,
} from '@usagekit/schemas';
import { defaultStoredWidth, storedGroupBy } from '../stored-series';
import type { UsageStore } from '../usage-store';

/** The demo clock of the tests: 1 July 2026, 09:30 UTC. */
export const MOCK_NOW_MS = Date.UTC(2026, 6, 1, 9, 30);
/** Midnight UTC before the demo clock. @unit Unix seconds */
export const MOCK_TODAY = Date.UTC(2026, 6, 1) / 1000;

/**
 * Fetches every bucket of a query from the mock API, page after page, as the client's `all()`.
 *
 * @param api The mock.
 * @param endpoint The endpoint.
 * @param params The query.
 *
 * @returns The buckets.
 */
export async function fetchAll(
  api: MockApi,
  endpoint: EndpointName,
  params: Readonly<Record<string, unknown>>,
): Promise<Bucket<Record<string, unknown>>[]> {
  const buckets: Bucket<Record<string, unknown>>[] = [];
  let page: string | undefined;
  do {
    const query = encodeQuery({ ...params, ...(page === undefined ? {} : { page }) } as never);
    const response = await api.fetch(`${api.baseURL}${getEndpoint(endpoint).path}?${query}`, {
      headers: { authorization: `Bearer ${DEMO_ADMIN_KEY}` },
    });
    const body = (await response.json()) as {
      data: Bucket<Record<string, unknown>>[];
      next_page: string | null;
    };
    if (!response.ok) throw new Error(`${endpoint}: ${response.status} ${JSON.stringify(body)}`);
    buckets.push(...body.data);
    page = body.next_page ?? undefined;
  } while (page !== undefined);
  return buckets;
}

/**
 * Syncs the demo organization's last days of every endpoint into a store as `usagekit sync`
 * stores them: usage hourly by every dimension, costs daily by project and line item, one write
 * per day.
 *
 * @param store The store.
 * @param organization The key to write under.
 * @param days How many whole days before {@link MOCK_TODAY}.
 *
 * @returns The mock, to fetch the same data directly.
 */
export async function syncMock(
  store: UsageStore,
  organization: string,
  days: number,
): Promise<MockApi> {
  const api = createMockApi({ now: MOCK_NOW_MS });
  for (const endpoint of endpointNames) {
    const bucketWidth: BucketWidth = defaultStoredWidth(endpoint);
    for (let day = MOCK_TODAY - days * 86_400; day < MOCK_TODAY; day += 86_400) {
      const buckets = await fetchAll(api, endpoint, {
        start_time: day,
        end_time: day + 86_400,
        bucket_width: bucketWidth,
        group_by: [...storedGroupBy(endpoint)],
        limit: bucketWidth === '1h' ? 24 : 1,
      });
      await store.writeBuckets({
        organization,
        endpoint,
        bucketWidth,
        startTime: day,
        endTime: day + 86_400,
        buckets,
      });
    }
  }
  return api;
}
