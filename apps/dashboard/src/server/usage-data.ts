import { createUsageTable, type UsageTable } from '@usagekit/aggregate';
import { createUsageClient, type NameResolver, type UsageClient } from '@usagekit/client';
import { type CostsBucketLike, createPriceBook, estimateCost, type PriceBook } from '@usagekit/cost';
import { createMockApi, DEMO_ADMIN_KEY } from '@usagekit/mock';
import { type Bucket, endpoints, usageEndpointNames } from '@usagekit/schemas';
import type {
  MetaResponse,
  OverviewResponse,
  StatusResponse,
  TablesResponse,
  TimeseriesResponse,
} from '../shared/api-types';
import type { DashboardContext, UnpricedEntry } from './dashboard-context';
import { type DashboardService, NotReadyError } from './dashboard-service';
import { encodeEstimateKey } from './estimate-key';
import type { DashboardQuery } from './query-params';
import { DAY_SECONDS } from './time-range';
import { buildEndpoints } from './views/endpoints-view';
import { buildOverview } from './views/overview-view';
import { buildReconciliation } from './views/reconciliation-view';
import { buildTimeseries } from './views/timeseries-view';
import { buildTop } from './views/top-view';

/** Loading progress. */
export interface LoadProgress {
  readonly done: number;
  readonly total: number;
  readonly label: string;
}

/** Options of {@link createUsageData}. */
export interface UsageDataOptions {
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

/** The dashboard's data: loads once, then answers every view by re-slicing. */
export interface UsageData extends DashboardService {
  /** Loads a year of hourly usage, the bill and the directory; resolves when done or failed. */
  load(): Promise<void>;
}

/** Dimensions the estimate table keeps (costs-shaped rows; see estimate-key). */
const ESTIMATE_GROUPING = ['project_id', 'user_id', 'api_key_id', 'line_item'] as const;

/** How the bill is grouped when loaded. */
const COSTS_GROUPING = ['project_id', 'line_item'] as const;

/**
 * Prices one hourly bucket and returns it as a costs-shaped bucket whose `line_item` encodes
 * endpoint, model, batch and service tier, so estimates re-slice like usage.
 */
function priceBucket(
  endpoint: (typeof usageEndpointNames)[number],
  bucket: Bucket<Readonly<Record<string, unknown>>>,
  priceBook: PriceBook,
  unpriced: UnpricedEntry[],
): { start_time: number; end_time: number; results: Record<string, unknown>[] } {
  const estimate = estimateCost({ endpoint, buckets: [bucket] }, { priceBook });
  const byKey = new Map<string, Record<string, unknown> & { micros: number }>();
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
    let row = byKey.get(key);
    if (row === undefined) {
      row = {
        object: 'organization.costs.result',
        project_id: projectId,
        user_id: userId,
        api_key_id: apiKeyId,
        line_item: lineItem,
        micros: 0,
      };
      byKey.set(key, row);
    }
    row.micros += line.amount;
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
  const results = [...byKey.values()].map(({ micros, ...row }) => ({
    ...row,
    amount: { value: micros / 1_000_000, currency: 'usd' },
  }));
  return { start_time: bucket.start_time, end_time: bucket.end_time, results };
}

/**
 * Creates the dashboard's data service. The admin key stays inside the client created here:
 * nothing the service returns carries it. Without a key, the demo organization answers through
 * the mock's in-process `fetch` (no sockets, no network).
 *
 * @param options Key, base URL, history and progress callback.
 *
 * @returns The service; call `load()` once.
 */
export function createUsageData(options: UsageDataOptions = {}): UsageData {
  const demo = options.adminKey === undefined;
  const mock = demo
    ? createMockApi(options.demoNowMs === undefined ? {} : { now: options.demoNowMs })
    : undefined;
  const historyDays = options.historyDays ?? 365;
  let progress: LoadProgress = { done: 0, total: 0, label: 'starting' };
  let state: StatusResponse['state'] = 'loading';
  let failure: string | null = null;
  let context: DashboardContext | undefined;

  const report = (next: LoadProgress): void => {
    progress = next;
    options.onProgress?.(next);
  };

  const ready = (): DashboardContext => {
    if (context === undefined) throw new NotReadyError('Data is still loading');
    return context;
  };

  async function load(): Promise<void> {
    const requests = new Map<string, { planned: number; done: number }>();
    const client: UsageClient = createUsageClient({
      adminKey: mock === undefined ? options.adminKey : DEMO_ADMIN_KEY,
      baseURL: mock === undefined ? options.baseURL : mock.baseURL,
      fetch: mock?.fetch,
      concurrency: mock === undefined ? 4 : 8,
      onEvent: (event) => {
        if (event.type === 'request-planned' || event.type === 'request-done') {
          requests.set(event.endpoint, { planned: event.planned, done: event.done });
          let planned = 0;
          let done = 0;
          for (const counts of requests.values()) {
            planned += counts.planned;
            done += counts.done;
          }
          report({ done, total: planned, label: event.endpoint });
        }
      },
    });
    const nowSeconds = mock === undefined ? Math.floor(Date.now() / 1000) : mock.organization.now;
    const startTime = Math.floor(nowSeconds / DAY_SECONDS) * DAY_SECONDS - historyDays * DAY_SECONDS;
    const usage = createUsageTable();
    const estimates = createUsageTable({ dimensions: [...ESTIMATE_GROUPING], metrics: ['amount_value'] });
    const priceBook = createPriceBook();
    const unpriced: UnpricedEntry[] = [];
    const costsBuckets: CostsBucketLike[] = [];
    const resolver: NameResolver = client.directory.resolver();

    const loadEndpoint = async (name: (typeof usageEndpointNames)[number]): Promise<void> => {
      const groupBy = [...endpoints[name].dimensions];
      const buckets = (await client.endpoint(name).all({
        start_time: startTime,
        end_time: nowSeconds,
        bucket_width: '1h',
        group_by: groupBy,
      } as never)) as Bucket<Readonly<Record<string, unknown>>>[];
      usage.ingestBuckets(name, buckets, { groupBy: groupBy as never });
      const priced = buckets.map((bucket) => priceBucket(name, bucket, priceBook, unpriced));
      estimates.ingestBuckets('costs', priced, { groupBy: [...ESTIMATE_GROUPING] });
    };
    const loadCosts = async (): Promise<void> => {
      const buckets = await client.costs.all({
        start_time: startTime,
        end_time: nowSeconds,
        bucket_width: '1d',
        group_by: [...COSTS_GROUPING],
      });
      usage.ingestBuckets('costs', buckets, { groupBy: [...COSTS_GROUPING] });
      costsBuckets.push(...buckets);
    };

    await Promise.all([
      ...usageEndpointNames.map(loadEndpoint),
      loadCosts(),
      resolver.load(),
    ]);
    context = {
      usage,
      estimates,
      costsBuckets,
      unpriced,
      names: resolver,
      priceBook,
      now: nowSeconds,
      startTime,
      demo,
      organization: mock === undefined ? null : { id: mock.organization.id, name: mock.organization.name },
      monthlyBudgetMicros: options.monthlyBudgetMicros,
    };
  }

  return {
    async load() {
      try {
        await load();
        state = 'ready';
        report({ ...progress, label: 'ready' });
      } catch (error) {
        state = 'failed';
        // Client errors never carry the key; keep only the message.
        failure = error instanceof Error ? error.message : 'unknown error';
      }
    },
    status: () => ({ state, progress, demo, error: failure }),
    meta: (): MetaResponse => {
      const data = ready();
      const projects = data.usage
        .dimensionValues('project_id')
        .filter((value): value is string => typeof value === 'string')
        .map((id) => ({ id, name: data.names.name('project', id).name ?? id }))
        .sort((left, right) => left.name.localeCompare(right.name));
      const models = data.usage
        .dimensionValues('model')
        .filter((value): value is string => typeof value === 'string')
        .sort();
      return {
        demo,
        currency: 'usd',
        organizations: data.organization === null ? [] : [data.organization],
        projects,
        models,
        endpoints: data.usage.endpoints(),
        startTime: data.startTime,
        endTime: data.now,
        now: data.now,
      };
    },
    overview: (query: DashboardQuery): OverviewResponse => buildOverview(ready(), query),
    timeseries: (query: DashboardQuery): TimeseriesResponse => buildTimeseries(ready(), query),
    top: (query: DashboardQuery): TablesResponse => buildTop(ready(), query),
    reconciliation: (query: DashboardQuery): TablesResponse => buildReconciliation(ready(), query),
    endpoints: (query: DashboardQuery): TablesResponse => buildEndpoints(ready(), query),
  };
}
