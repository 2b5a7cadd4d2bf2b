import { createMockApi, type MockApi } from '@usagekit/mock';

/** The embedded demo organization as a data source whose memory can be renewed. */
export interface DemoSource {
  /** A `fetch` answered in process by the current mock. */
  readonly fetch: typeof fetch;
  readonly baseURL: string;
  readonly organization: MockApi['organization'];
  /**
   * Swaps in a fresh mock of the same organization. The mock keeps every day it has computed
   * (usage sums and bill rows); data read window by window needs none of the earlier ones, so
   * renewing after each window bounds that memory to a window. Answers are deterministic, so a
   * fresh mock answers exactly as the old one would.
   */
  renew(): void;
}

/**
 * Creates the demo organization's data source.
 *
 * @param nowMs The organization's clock (tests). @unit milliseconds since the epoch
 *
 * @returns The source.
 */
export function createDemoSource(nowMs?: number | undefined): DemoSource {
  // Each bucket is read once: the mock's page cache would only hold memory.
  let mock = createMockApi({ ...(nowMs === undefined ? {} : { now: nowMs }), bucketCacheBytes: 0 });
  const organization = mock.organization;
  return {
    fetch: (input, init) => mock.fetch(input, init),
    baseURL: mock.baseURL,
    organization,
    renew() {
      mock = createMockApi({ organization, bucketCacheBytes: 0 });
    },
  };
}
