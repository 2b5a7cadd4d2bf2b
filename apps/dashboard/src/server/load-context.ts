import { createUsageTable, type UsageTable } from '@usagekit/aggregate';
import { createUsageClient, type NameResolver } from '@usagekit/client';
import {
  type CostsBucketLike,
  createPriceBook,
  estimateCost,
  type PriceBook,
} from '@usagekit/cost';
import { createMockApi, DEMO_ADMIN_KEY } from '@usagekit/mock';
import { type Bucket, endpoints, usageEndpointNames } from '@usagekit/schemas';
import { estimateDailyUsage } from './daily-estimate';
import { buildDailyTable } from './daily-table';
import type { DashboardContext, UnpricedEntry } from './dashboard-context';
import { encodeEstimateKey } from './estimate-key';
import { DAY_SECONDS } from './time-range';

/** Loading progress. */
export interface LoadProgress {
  readonly done: number;
  readonly total: number;
  readonly label: string;
}

/** Options of {@link loadDashboardContext}. */
export interface LoadContextOptions {
  /** Admin key of a real organization; without one, the embedded demo organization is used. */
  readonly adminKey?: string | undefined;
  /** API base URL for a real organization. */
  readonly baseURL?: string | undefined;
  /** Days of history to load. @default 365 */
  readonly historyDays?: number | undefined;
  /** Monthly organization budget. @unit micro-units of USD */
  readonly monthlyBudgetMicros?: number | undefined;
  /** The demo organization's clock (tests). @unit milliseconds since the epoch */
  readonly demoNowMs?: number | undefined;
  readonly onProgress?: ((progress: LoadProgress) => void) | undefined;
}

/** Dimensions the estimate table keeps (costs-shaped rows; see estimate-key). */
const ESTIMATE_GROUPING = ['project_id', 'user_id', 'api_key_id', 'line_item'] as const;

/** How the bill is grouped when loaded. */
const COSTS_GROUPING = ['project_id', 'line_item'] as const;

type UsageName = (typeof usageEndpointNames)[number];
type EstimateBucket = { start_time: number; end_time: number; results: Record<string, unknown>[] };

/**
 * Prices one hourly bucket with the cost package and returns it as a costs-shaped bucket whose
 * `line_item` encodes endpoint, model, batch and service tier, so estimates re-slice like usage.
 * Usage with no price goes to `unpriced`, never in as $0.
 */
function priceBucket(
  endpoint: UsageName,
  bucket: Bucket<Readonly<Record<string, unknown>>>,
  priceBook: PriceBook,
  unpriced: UnpricedEntry[],
): EstimateBucket {
  const estimate = estimateCost({ endpoint, buckets: [bucket] }, { priceBook });
  const byKey = new Map<string, { row: Record<string, unknown>; micros: number }>();
  for (const line of estimate.lines) {
    if (line.amount === null) continue;
    const dimensions = line.dimensions;
    const lineItem = encodeEstimateKey({
      endpoint,
      model: typeof dimensions.model === 'string' ? dimensions.model : null,
      batch: typeof dimensions.batch === 'boolean' ? dimensions.batch : null,
      serviceTier: typeof dimensions.service_tier === 'string' ? dimensions.service_tier : null,
    });
    const projectId = dimensions.project_id ?? null;
    const userId = dimensions.user_id ?? null;
    const apiKeyId = dimensions.api_key_id ?? null;
    const key = JSON.stringify([projectId, userId, apiKeyId, lineItem]);
    const entry = byKey.get(key);
    if (entry === undefined) {
      byKey.set(key, {
        row: {
          object: 'organization.costs.result',
          project_id: projectId,
          user_id: userId,
          api_key_id: apiKeyId,
          line_item: lineItem,
        },
        micros: line.amount,
      });
    } else {
      entry.micros += line.amount;
    }
  }
  for (const entry of estimate.unpriced) {
    unpriced.push({
      day: Math.floor(bucket.start_time / DAY_SECONDS) * DAY_SECONDS,
      endpoint,
      model: entry.model,
      unit: entry.unit,
      quantity: entry.quantity,
      reason: entry.reason,
      lines: entry.lines,
    });
  }
  const results = [...byKey.values()].map(({ row, micros }) => ({
    ...row,
    amount: { value: micros / 1_000_000, currency: 'usd' },
  }));
  return { start_time: bucket.start_time, end_time: bucket.end_time, results };
}

/**
 * Loads everything the dashboard shows, once: a year of hourly usage of every usage endpoint
 * grouped by all its dimensions, the bill by day, project and line item, and the directory.
 * Usage is priced per hour as it arrives. Each data set is kept hourly and rolled up into UTC
 * days by the aggregation engine. The admin key lives only in the client made here.
 *
 * @param options Key, base URL, history and progress callback.
 *
 * @returns The loaded context.
 */
export async function loadDashboardContext(
  options: LoadContextOptions = {},
): Promise<DashboardContext> {
  const mock =
    options.adminKey === undefined
      ? createMockApi(options.demoNowMs === undefined ? {} : { now: options.demoNowMs })
      : undefined;
  const requests = new Map<string, { planned: number; done: number }>();
  const client = createUsageClient({
    adminKey: mock === undefined ? options.adminKey : DEMO_ADMIN_KEY,
    baseURL: mock === undefined ? options.baseURL : mock.baseURL,
    fetch: mock?.fetch,
    concurrency: mock === undefined ? 4 : 8,
    onEvent: (event) => {
      if (event.type !== 'request-planned' && event.type !== 'request-done') return;
      requests.set(event.endpoint, { planned: event.planned, done: event.done });
      let planned = 0;
      let done = 0;
      for (const counts of requests.values()) {
        planned += counts.planned;
        done += counts.done;
      }
      options.onProgress?.({ done, total: planned, label: event.endpoint });
    },
  });
  const now = mock === undefined ? Math.floor(Date.now() / 1000) : mock.organization.now;
  const startTime =
    Math.floor(now / DAY_SECONDS) * DAY_SECONDS - (options.historyDays ?? 365) * DAY_SECONDS;
  const usage = createUsageTable();
  const billing = createUsageTable({
    dimensions: [...COSTS_GROUPING],
    metrics: ['amount_value', 'quantity'],
  });
  const estimates = createUsageTable({
    dimensions: [...ESTIMATE_GROUPING],
    metrics: ['amount_value'],
  });
  const priceBook = createPriceBook();
  const unpriced: UnpricedEntry[] = [];
  const costsBuckets: CostsBucketLike[] = [];
  const names: NameResolver = client.directory.resolver();
  // Every endpoint's estimates of one hour share a bucket: ingest them together, once.
  const estimateBuckets = new Map<number, EstimateBucket>();

  const loadEndpoint = async (name: UsageName): Promise<void> => {
    const groupBy = [...endpoints[name].dimensions];
    const buckets = (await client.endpoint(name).all({
      start_time: startTime,
      end_time: now,
      bucket_width: '1h',
      group_by: groupBy,
    } as never)) as Bucket<Readonly<Record<string, unknown>>>[];
    usage.ingestBuckets(name, buckets, { groupBy: groupBy as never });
    for (const bucket of buckets) {
      const priced = priceBucket(name, bucket, priceBook, unpriced);
      const hour = estimateBuckets.get(priced.start_time);
      if (hour === undefined) estimateBuckets.set(priced.start_time, priced);
      else hour.results.push(...priced.results);
    }
  };
  const loadCosts = async (): Promise<void> => {
    const buckets = await client.costs.all({
      start_time: startTime,
      end_time: now,
      bucket_width: '1d',
      group_by: [...COSTS_GROUPING],
    });
    billing.ingestBuckets('costs', buckets, { groupBy: [...COSTS_GROUPING] });
    costsBuckets.push(...buckets);
  };

  await Promise.all([...usageEndpointNames.map(loadEndpoint), loadCosts(), names.load()]);
  estimates.ingestBuckets(
    'costs',
    [...estimateBuckets.values()].sort((left, right) => left.start_time - right.start_time),
    { groupBy: [...ESTIMATE_GROUPING] },
  );
  const estimatesDaily: UsageTable = buildDailyTable(estimates, {
    dimensions: [...ESTIMATE_GROUPING],
    metrics: ['amount_value'],
    groupBy: () => [...ESTIMATE_GROUPING],
  });
  const usageLevels = { hourly: usage, daily: buildDailyTable(usage) };
  const byItem = (grain: 'hour' | 'day'): UsageTable =>
    buildDailyTable(estimates, {
      dimensions: ['project_id', 'line_item'],
      metrics: ['amount_value'],
      groupBy: () => ['project_id', 'line_item'],
      grain,
    });
  return {
    usage: usageLevels,
    dailyEstimate: estimateDailyUsage(usageLevels, priceBook, {
      start: startTime,
      end: now + DAY_SECONDS,
    }),
    estimates: { hourly: estimates, daily: estimatesDaily },
    estimatesByItem: { hourly: byItem('hour'), daily: byItem('day') },
    billing: { hourly: billing, daily: billing },
    costsBuckets,
    unpriced,
    names,
    priceBook,
    now,
    startTime,
    demo: mock !== undefined,
    organization:
      mock === undefined ? null : { id: mock.organization.id, name: mock.organization.name },
    monthlyBudgetMicros: options.monthlyBudgetMicros,
  };
}
