import type { MockApi } from '@usagekit/mock';
import {
  type Bucket,
  type EndpointName,
  endpointNames,
  getEndpoint,
  type MetricField,
} from '@usagekit/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchAll, MOCK_TODAY, syncMock } from './__tests__/mock-sync';
import { openDuckDBStore } from './duckdb-store';
import { openStore } from './open-store';
import { createStoreSource, type SourceBuckets, StoreCoverageError } from './store-source';
import { type ClickHouseTestServer, startClickHouseTestServer } from './testing';
import type { UsageStore } from './usage-store';

const DAY = 86_400;
const DAYS = 3;
const START = MOCK_TODAY - DAYS * DAY;
const ORGANIZATION = 'demo';

async function collect(
  answer: AsyncIterable<SourceBuckets>,
): Promise<Bucket<Record<string, unknown>>[]> {
  const buckets: Bucket<Record<string, unknown>>[] = [];
  for await (const batch of answer) buckets.push(...batch);
  return buckets;
}

function metricValue(result: Record<string, unknown>, path: readonly string[]): unknown {
  let value: unknown = result;
  for (const key of path) value = (value as Record<string, unknown> | undefined)?.[key];
  return value ?? null;
}

/**
 * Each bucket's results keyed by bucket and group, with every metric: sums as numbers, levels as
 * their byte-time (bytes held × seconds), the quantity the engine rolls up.
 */
function byGroup(endpoint: EndpointName, buckets: readonly Bucket<Record<string, unknown>>[]) {
  const definition = getEndpoint(endpoint);
  const metrics = definition.metrics as readonly MetricField[];
  const rows = new Map<string, Record<string, number | null>>();
  for (const bucket of buckets) {
    for (const result of bucket.results) {
      const key = JSON.stringify([
        bucket.start_time,
        bucket.end_time,
        ...(definition.dimensions as readonly string[]).map((name) => result[name] ?? null),
        endpoint === 'costs' ? result.quantity_unit : null,
      ]);
      expect(rows.has(key), `one result per group: ${key}`).toBe(false);
      rows.set(
        key,
        Object.fromEntries(
          metrics.map((metric) => {
            const value = metricValue(result, metric.path) as number | null;
            const seconds =
              metric.aggregation === 'level' ? bucket.end_time - bucket.start_time : 1;
            return [metric.name, value === null ? null : value * seconds];
          }),
        ),
      );
    }
  }
  return rows;
}

/** Totals per metric of an endpoint: sums, and byte-time for levels. */
function totals(endpoint: EndpointName, buckets: readonly Bucket<Record<string, unknown>>[]) {
  const sums: Record<string, number> = {};
  for (const row of byGroup(endpoint, buckets).values()) {
    for (const [name, value] of Object.entries(row)) sums[name] = (sums[name] ?? 0) + (value ?? 0);
  }
  return sums;
}

function expectSameGroups(
  endpoint: EndpointName,
  fromStore: readonly Bucket<Record<string, unknown>>[],
  fromApi: readonly Bucket<Record<string, unknown>>[],
) {
  expect(fromStore.map((bucket) => [bucket.start_time, bucket.end_time])).toEqual(
    fromApi.map((bucket) => [bucket.start_time, bucket.end_time]),
  );
  const stored = byGroup(endpoint, fromStore);
  const api = byGroup(endpoint, fromApi);
  expect([...stored.keys()].sort()).toEqual([...api.keys()].sort());
  for (const [key, metrics] of api) {
    for (const [name, value] of Object.entries(metrics)) {
      const got = stored.get(key)?.[name] ?? null;
      if (value === null || got === null) expect(got, `${key} ${name}`).toBe(value);
      else expect(got, `${key} ${name}`).toBeCloseTo(value, 6);
    }
  }
}

function describeStoreSource(
  name: string,
  open: () => Promise<UsageStore>,
  close: () => Promise<void>,
) {
  describe(`store source over ${name}`, () => {
    let store: UsageStore;
    let api: MockApi;

    beforeAll(async () => {
      store = await open();
      api = await syncMock(store, ORGANIZATION, DAYS);
    }, 120_000);

    afterAll(async () => {
      await store?.close();
      await close();
    });

    it.each(endpointNames)(
      '%s by project and day: every group and the totals equal a direct API fetch',
      async (endpoint) => {
        const params = {
          start_time: START,
          end_time: MOCK_TODAY,
          bucket_width: '1d',
          group_by: ['project_id'],
          limit: DAYS,
        };
        const source = createStoreSource(store, { organization: ORGANIZATION });
        expect(await source.covers(endpoint, START, MOCK_TODAY, params)).toBe(true);
        const fromStore = await collect(source.fetch(endpoint, params));
        const fromApi = await fetchAll(api, endpoint, params);
        const levels = (getEndpoint(endpoint).metrics as readonly MetricField[]).some(
          (metric) => metric.aggregation === 'level',
        );
        if (!levels) {
          expectSameGroups(endpoint, fromStore, fromApi);
          return;
        }
        // Levels: the byte-time equals the API's hourly buckets' within the half byte per bucket
        // and group both sides round to (the API reports whole bytes); the API's daily buckets
        // round each vector store's day average to a byte, so they differ by rounding.
        const hourly = await fetchAll(api, endpoint, { ...params, bucket_width: '1h', limit: 168 });
        const stored = totals(endpoint, fromStore);
        for (const [metric, value] of Object.entries(totals(endpoint, hourly))) {
          expect(stored[metric], metric).toBeGreaterThan(0);
          expect((stored[metric] as number) / value, metric).toBeCloseTo(1, 9);
        }
        for (const [metric, value] of Object.entries(totals(endpoint, fromApi))) {
          expect(Math.abs((stored[metric] as number) - value) / DAY, metric).toBeLessThan(
            DAYS * 50,
          );
        }
      },
    );

    it('completions hourly by model for one project, unbatched: same as the API, in SQL and in JavaScript', async () => {
      const [sample] =
        (
          await fetchAll(api, 'completions', {
            start_time: START,
            end_time: START + DAY,
            bucket_width: '1d',
            group_by: ['project_id'],
          })
        )[0]?.results ?? [];
      const params = {
        start_time: START + 6 * 3600,
        end_time: START + DAY + 9 * 3600,
        bucket_width: '1h',
        group_by: ['model', 'batch'],
        project_ids: [sample?.project_id as string],
        batch: false,
        limit: 168,
      };
      const fromApi = await fetchAll(api, 'completions', params);
      expect(fromApi.some((bucket) => bucket.results.length > 0)).toBe(true);
      for (const grouping of ['sql', 'javascript'] as const) {
        const source = createStoreSource(store, { organization: ORGANIZATION, grouping });
        expectSameGroups(
          'completions',
          await collect(source.fetch('completions', params)),
          fromApi,
        );
      }
    });

    it('a daily window starting mid-day: the first and last buckets are cut as the API cuts them', async () => {
      const params = {
        start_time: START + 5 * 3600,
        end_time: MOCK_TODAY - 7 * 3600,
        bucket_width: '1d',
        group_by: ['model', 'service_tier'],
        limit: DAYS + 1,
      };
      const source = createStoreSource(store, { organization: ORGANIZATION });
      expectSameGroups(
        'completions',
        await collect(source.fetch('completions', params)),
        await fetchAll(api, 'completions', params),
      );
    });

    it('covers only what the store holds; outside it, the fallback answers or the fetch fails', async () => {
      const source = createStoreSource(store, { organization: ORGANIZATION });
      const week = { start_time: START - DAY, end_time: MOCK_TODAY, bucket_width: '1d' };
      expect(await source.covers('completions', START - DAY, MOCK_TODAY)).toBe(false);
      expect(await source.covers('completions', START, MOCK_TODAY + 3600)).toBe(false);
      expect(await source.covers('completions', START + 1800, MOCK_TODAY)).toBe(false);
      expect(await source.covers('completions', START, MOCK_TODAY, { bucket_width: '1m' })).toBe(
        false,
      );
      expect(await source.covers('costs', START, MOCK_TODAY, { group_by: ['api_key_id'] })).toBe(
        false,
      );
      expect(await source.covers('costs', START, MOCK_TODAY, { api_key_ids: ['key_1'] })).toBe(
        false,
      );
      expect(await source.covers('costs', START + 3600, MOCK_TODAY - 3600)).toBe(true);
      expect(
        await source.covers('completions', START, MOCK_TODAY, { group_by: ['api_key_id'] }),
      ).toBe(true);
      expect(
        createStoreSource(store, { organization: 'other' }).covers(
          'completions',
          START,
          MOCK_TODAY,
        ),
      ).resolves.toBe(false);
      await expect(collect(source.fetch('completions', week))).rejects.toThrow(StoreCoverageError);

      const answered: string[] = [];
      const withFallback = createStoreSource(store, {
        organization: ORGANIZATION,
        fallback: {
          label: 'api',
          fetch: (endpoint, params) => fetchAll(api, endpoint, params),
          refusedGroupings: () => ['user_id'],
        },
        onAnswer: (endpoint, from) => answered.push(`${endpoint} ${from}`),
      });
      const buckets = await collect(withFallback.fetch('completions', week));
      expect(buckets.map((bucket) => bucket.start_time)).toEqual([
        START - DAY,
        START,
        START + DAY,
        START + 2 * DAY,
      ]);
      await collect(withFallback.fetch('completions', { ...week, start_time: START }));
      expect(answered).toEqual(['completions fallback', 'completions store']);
      expect(withFallback.refusedGroupings('completions')).toEqual(['user_id']);
    });
  });
}

describeStoreSource(
  'DuckDB',
  () => openDuckDBStore({ path: ':memory:' }),
  async () => undefined,
);

let server: ClickHouseTestServer | undefined;
describeStoreSource(
  'ClickHouse',
  async () => {
    server = await startClickHouseTestServer();
    return openStore(server.storeUrl);
  },
  async () => {
    await server?.stop();
  },
);
