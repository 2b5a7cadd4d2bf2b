export { MISSING_MANAGEMENT_SCOPE_MESSAGE, type MockAccessOptions } from './access';
export { AMOUNT_UNITS_PER_USD } from './amount';
export {
  createDemoOrganization,
  DEFAULT_DEMO_SEED,
  DEMO_ADMIN_KEY,
  type DemoOrganizationNames,
  type DemoOrganizationOptions,
  MIN_HISTORY_DAYS,
} from './demo-organization';
export type { FaultOptions, LatencyOption } from './faults';
export type { TotalsQuery } from './ground-truth';
export { createMockApi, MOCK_BASE_URL, type MockApi, type MockApiOptions } from './mock-api';
export type {
  DemoApiKey,
  DemoBilling,
  DemoDayProfile,
  DemoFineTuningJob,
  DemoFreeUsage,
  DemoIncident,
  DemoKeyOwner,
  DemoOrganization,
  DemoProject,
  DemoServiceAccount,
  DemoUser,
  DemoVectorStore,
  DemoWorkload,
  UsageEndpointName,
} from './organization';
export {
  MOCK_PRICE_LIST,
  type MockPriceAnswer,
  type MockPriceQuery,
  type MockPriceUnit,
  type MockPricing,
} from './pricing';
export type { RateLimitOptions } from './rate-limiter';
