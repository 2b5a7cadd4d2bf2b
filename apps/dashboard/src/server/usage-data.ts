import { createSecretRedactor } from '@usagekit/client';
import { DEMO_ADMIN_KEY } from '@usagekit/mock';
import { endpoints, getEndpoint } from '@usagekit/schemas';
import type {
  MetaResponse,
  OverviewResponse,
  StatusResponse,
  TablesResponse,
  TimeseriesResponse,
} from '../shared/api-types';
import type { DashboardContext } from './dashboard-context';
import { type DashboardService, NotReadyError } from './dashboard-service';
import { type LoadContextOptions, type LoadProgress, loadDashboardContext } from './load-context';
import type { DashboardQuery } from './query-params';
import { buildEndpoints } from './views/endpoints-view';
import { buildOverview } from './views/overview-view';
import { buildReconciliation } from './views/reconciliation-view';
import { buildTimeseries } from './views/timeseries-view';
import { buildTop } from './views/top-view';

/** The dashboard's data: loads once, then answers every view by re-slicing. */
export interface UsageData extends DashboardService {
  /** Removes the admin key, literal or encoded, from text; the server passes every body through it. */
  readonly redact: (text: string) => string;
  /** Loads a year of hourly usage, the bill and the directory; resolves when done or failed. */
  load(): Promise<void>;
  /** The loaded data, for benchmarks; throws while loading. */
  context(): DashboardContext;
}

/**
 * Creates the dashboard's data service. Nothing it returns carries the admin key: a failure
 * keeps only the error's message and notices are sentences, both with the key removed in every
 * encoding it could be echoed in.
 *
 * @param options Key, base URL, history, budget and progress callback.
 *
 * @returns The service; call `load()` once.
 */
export function createUsageData(options: LoadContextOptions = {}): UsageData {
  const demo = options.adminKey === undefined;
  const redact = createSecretRedactor([options.adminKey ?? DEMO_ADMIN_KEY]);
  let progress: LoadProgress = { done: 0, total: 0, label: 'starting' };
  let state: StatusResponse['state'] = 'loading';
  let failure: string | null = null;
  let context: DashboardContext | undefined;

  const ready = (): DashboardContext => {
    if (context === undefined) throw new NotReadyError('Data is still loading');
    return context;
  };

  return {
    async load() {
      try {
        context = await loadDashboardContext({
          ...options,
          redact,
          onProgress: (next) => {
            progress = next;
            options.onProgress?.(next);
          },
        });
        state = 'ready';
        progress = { ...progress, label: 'ready' };
      } catch (error) {
        state = 'failed';
        failure = redact(error instanceof Error ? error.message : 'unknown error');
      }
    },
    redact,
    status: () => ({ state, progress, demo, error: failure, notices: context?.notices ?? [] }),
    context: ready,
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
        endpointMetrics: data.usage.endpoints().map((endpoint) => ({
          endpoint,
          label: getEndpoint(endpoint).label,
          metrics: endpoints[endpoint].metrics.map((metric) => ({
            name: metric.name,
            label: metric.label,
            unit: metric.unit,
          })),
        })),
        startTime: data.startTime,
        endTime: data.now,
        now: data.now,
      };
    },
    overview: async (query: DashboardQuery): Promise<OverviewResponse> =>
      buildOverview(ready(), query),
    timeseries: (query: DashboardQuery): Promise<TimeseriesResponse> =>
      buildTimeseries(ready(), query),
    top: async (query: DashboardQuery): Promise<TablesResponse> => buildTop(ready(), query),
    reconciliation: async (query: DashboardQuery): Promise<TablesResponse> =>
      buildReconciliation(ready(), query),
    endpoints: async (query: DashboardQuery): Promise<TablesResponse> =>
      buildEndpoints(ready(), query),
  };
}
