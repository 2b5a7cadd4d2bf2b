/** The label of the embedded demo organization in every output. */
export const DEMO_ORGANIZATION_LABEL = 'demo (simulated)';

/** The in-process demo API. */
export interface DemoApi {
  readonly fetch: typeof globalThis.fetch;
  readonly baseURL: string;
  readonly adminKey: string;
}

/**
 * Creates the embedded demo organization's API as an in-process `fetch` (no sockets).
 *
 * @param nowMs The current time; the demo's history ends here. @unit milliseconds since the Unix epoch
 *
 * @returns The fetch function, base URL and demo key.
 */
export async function createDemoApi(nowMs: number): Promise<DemoApi> {
  const { createMockApi, DEMO_ADMIN_KEY } = await import('@usagekit/mock');
  const api = createMockApi({ now: nowMs });
  return { fetch: api.fetch, baseURL: api.baseURL, adminKey: DEMO_ADMIN_KEY };
}
