import { createUsageTable, type Dimension, type UsageTable } from '@usagekit/aggregate';
import { createUsageClient, type NameKind, type UsageClient } from '@usagekit/client';
import { type CostsBucketLike, createPriceBook, createResultPricer } from '@usagekit/cost';
import { DEMO_ADMIN_KEY } from '@usagekit/mock';
import { type Bucket, endpoints, USAGE_BUCKET_WIDTHS, usageEndpointNames } from '@usagekit/schemas';
import type { DashboardContext } from './dashboard-context';
import { createDemoSource } from './demo-source';
import { createLoadNotices } from './load-notices';
import { createLoadedSource } from './loaded-source';
import { snapshotNames } from './name-lookup';
import { runLimited } from './run-limited';
import { DAY_SECONDS, type TimeRange } from './time-range';

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
  /** Removes secrets from a sentence the load keeps (notices). @default no change */
  readonly redact?: ((text: string) => string) | undefined;
  readonly onProgress?: ((progress: LoadProgress) => void) | undefined;
}

/** How the bill is grouped when loaded. */
const COSTS_GROUPING = ['project_id', 'line_item'] as const;

/** Loads of one window running at once: enough to overlap waits, few pages held. */
const PART_CONCURRENCY = { demo: 2, api: 4 } as const;

/** Hours of one window: the most hourly buckets one page can hold. */
const WINDOW_HOURS = USAGE_BUCKET_WIDTHS['1h'].maxLimit;

type UsageName = (typeof usageEndpointNames)[number];

/** What one window reads: each usage endpoint, and the bill. */
type Part = UsageName | 'costs';

/** The id dimensions whose names the views show. */
const NAMED_DIMENSIONS: readonly (readonly [Dimension, NameKind])[] = [
  ['project_id', 'project'],
  ['user_id', 'user'],
  ['api_key_id', 'api_key'],
];

function windowsOf(range: TimeRange): TimeRange[] {
  const windows: TimeRange[] = [];
  for (let start = range.start; start < range.end; start += WINDOW_HOURS * 3600) {
    windows.push({ start, end: Math.min(range.end, start + WINDOW_HOURS * 3600) });
  }
  return windows;
}

/** The requested grouping less what the organization refused for the endpoint. */
function acceptedGrouping(
  client: UsageClient,
  endpoint: UsageName | 'costs',
  requested: readonly string[],
): Dimension[] {
  const refused = client.capabilities.refusedGroupings.get(endpoint) ?? [];
  return requested.filter((field) => !refused.includes(field)) as Dimension[];
}

function stringValues(tables: readonly UsageTable[], dimension: Dimension): string[] {
  const values = new Set<string>();
  for (const table of tables) {
    if (!table.storedDimensions.includes(dimension)) continue;
    for (const value of table.dimensionValues(dimension)) {
      if (typeof value === 'string') values.add(value);
    }
  }
  return [...values];
}

/**
 * Loads everything the dashboard shows, once: a year of hourly usage of every usage endpoint
 * grouped by all its dimensions, each result priced once as it is ingested (the table's
 * `estimated_cost` column), the bill by day, project and line item, and the directory's names.
 * Usage and the bill are read one window of a week at a time, a few endpoints at once, and each
 * page goes into the tables as it arrives, then is dropped: memory holds the tables and a window,
 * not the year (the demo's mock is renewed per window). Whatever cannot be loaded (names the key may not read, a grouping the
 * organization refuses, an endpoint that fails) is left out and said once in `notices`; the
 * load fails as a whole only when no usage and no bill could be read at all. The admin key
 * lives only in the client made here, which is let go when the load ends.
 *
 * @param options Key, base URL, history and progress callback.
 *
 * @returns The loaded context.
 */
export async function loadDashboardContext(
  options: LoadContextOptions = {},
): Promise<DashboardContext> {
  const demo = options.adminKey === undefined;
  const mock = demo ? createDemoSource(options.demoNowMs) : undefined;
  const notices = createLoadNotices(options.redact ?? ((text) => text));
  const client = createUsageClient({
    adminKey: mock === undefined ? options.adminKey : DEMO_ADMIN_KEY,
    baseURL: mock === undefined ? options.baseURL : mock.baseURL,
    fetch: mock?.fetch,
    concurrency: mock === undefined ? 4 : 8,
    onEvent: (event) => notices.record(event),
  });
  const now = mock === undefined ? Math.floor(Date.now() / 1000) : mock.organization.now;
  const startTime =
    Math.floor(now / DAY_SECONDS) * DAY_SECONDS - (options.historyDays ?? 365) * DAY_SECONDS;
  const priceBook = createPriceBook();
  // Every usage result is priced once as it is ingested: the estimate is a column of the table.
  const usage = createUsageTable({ pricer: createResultPricer(priceBook) });
  const billing = createUsageTable({
    dimensions: [...COSTS_GROUPING],
    metrics: ['amount_value', 'quantity'],
  });
  const costsBuckets: CostsBucketLike[] = [];
  const windows = windowsOf({ start: startTime, end: now });
  const parts: readonly Part[] = [...usageEndpointNames, 'costs'];
  const progress = { done: 0, total: windows.length * parts.length };

  const resolver = client.directory.resolver();
  const namesLoaded = resolver.load().catch((error: unknown) => notices.failed('names', error));

  const loadUsage = async (name: UsageName, window: TimeRange): Promise<void> => {
    const requested = endpoints[name].dimensions;
    const pages = client
      .endpoint(name)
      .list({
        start_time: window.start,
        end_time: window.end,
        bucket_width: '1h',
        group_by: [...requested],
        limit: WINDOW_HOURS,
      } as never)
      .pages();
    for await (const page of pages) {
      const buckets = page.data as Bucket<Readonly<Record<string, unknown>>>[];
      usage.ingestBuckets(name, buckets, { groupBy: acceptedGrouping(client, name, requested) });
    }
  };
  const loadBill = async (window: TimeRange): Promise<void> => {
    const pages = client.costs
      .list({
        start_time: window.start,
        end_time: window.end,
        bucket_width: '1d',
        group_by: [...COSTS_GROUPING],
        limit: Math.ceil(WINDOW_HOURS / 24),
      })
      .pages();
    for await (const page of pages) {
      billing.ingestBuckets('costs', page.data, {
        groupBy: acceptedGrouping(client, 'costs', COSTS_GROUPING),
      });
      costsBuckets.push(...page.data);
    }
  };

  const failed = new Set<Part>();
  for (const window of windows) {
    const active = parts.filter((part) => !failed.has(part));
    const concurrency = mock === undefined ? PART_CONCURRENCY.api : PART_CONCURRENCY.demo;
    const outcomes = await runLimited(active, concurrency, (part) =>
      part === 'costs' ? loadBill(window) : loadUsage(part, window),
    );
    outcomes.forEach((outcome, index) => {
      if (outcome.status === 'fulfilled') return;
      const part = active[index] as Part;
      failed.add(part);
      const until = window.start > startTime ? window.start : undefined;
      notices.failed(
        part === 'costs' ? 'the bill (Costs API)' : `${part} usage`,
        outcome.reason,
        until,
      );
    });
    mock?.renew();
    progress.done += parts.length;
    options.onProgress?.({
      ...progress,
      label: `up to ${new Date(window.end * 1000).toISOString().slice(0, 10)}`,
    });
  }
  await namesLoaded;
  if (usage.rowCount === 0 && costsBuckets.length === 0 && notices.list().length > 0) {
    throw new Error(`Nothing could be loaded: ${notices.list().join('; ')}`);
  }

  const namedIds = new Map(
    NAMED_DIMENSIONS.map(([dimension, kind]) => [kind, stringValues([usage, billing], dimension)]),
  );
  const refused = new Map(client.capabilities.refusedGroupings);
  return {
    usage,
    billing,
    source: createLoadedSource(
      { label: mock?.organization.name ?? 'organization', usage, costsBuckets },
      refused,
    ),
    priceBook,
    costsBuckets,
    names: snapshotNames(resolver, namedIds, notices.namesAvailable()),
    notices: notices.list(),
    now,
    startTime,
    demo,
    organization:
      mock === undefined ? null : { id: mock.organization.id, name: mock.organization.name },
    monthlyBudgetMicros: options.monthlyBudgetMicros,
  };
}
