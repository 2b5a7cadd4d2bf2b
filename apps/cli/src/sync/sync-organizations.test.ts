import { createUsageClient } from '@usagekit/client';
import { DEMO_ADMIN_KEY } from '@usagekit/mock';
import { type MockServer, startMockServer } from '@usagekit/mock/server';
import { openStore, type UsageStore } from '@usagekit/store';
import { type ClickHouseTestServer, startClickHouseTestServer } from '@usagekit/store/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { syncOrganizations } from './sync-organizations';

// The mock's clock and the sync's clock are the same instant, mid-hour.
const NOW_MS = Date.parse('2025-03-15T12:30:00Z');
const NOW = NOW_MS / 1000;
const HOUR_END = Date.parse('2025-03-15T12:00:00Z') / 1000;
const DAY_END = Date.parse('2025-03-15T00:00:00Z') / 1000;
const SINCE = Date.parse('2025-03-08T00:00:00Z') / 1000;
const ENDPOINTS = ['completions', 'embeddings', 'images', 'costs'] as const;

let server: MockServer;

beforeAll(async () => {
  server = await startMockServer({ now: NOW_MS });
});

afterAll(async () => {
  await server?.close();
});

/** A client on the mock server whose requests are recorded (and answers optionally rewritten). */
function recordingClient(rewrite?: (url: URL, body: Record<string, unknown>) => void) {
  const requests: URL[] = [];
  const fetchRecorded: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    requests.push(url);
    const response = await fetch(input, init);
    if (rewrite === undefined || !response.ok) return response;
    const body = (await response.json()) as Record<string, unknown>;
    rewrite(url, body);
    return new Response(JSON.stringify(body), {
      status: response.status,
      headers: { 'content-type': 'application/json' },
    });
  };
  const client = createUsageClient({
    adminKey: DEMO_ADMIN_KEY,
    baseURL: server.baseURL,
    fetch: fetchRecorded,
    concurrency: 4,
  });
  return { client, requests };
}

async function storeTotal(
  store: UsageStore,
  organization: string,
  endpoint: string,
  metric: string,
  startTime: number,
  endTime: number,
) {
  const [row] = await store.query(
    `SELECT sum(${metric}) AS total FROM current_results WHERE organization = '${organization}' AND endpoint = '${endpoint}' AND start_time >= ${startTime} AND start_time < ${endTime}`,
  );
  return Number(row?.total ?? 0);
}

describe('usagekit sync into DuckDB against the mock server', () => {
  let store: UsageStore;

  beforeAll(async () => {
    store = await openStore(':memory:');
  });

  afterAll(async () => {
    await store?.close();
  });

  test('a first sync backfills whole buckets of two organizations, with the API totals', async () => {
    const acme = recordingClient();
    const labs = recordingClient();
    const summaries = await syncOrganizations({
      store,
      organizations: [
        { label: 'acme', client: acme.client },
        { label: 'labs', client: labs.client },
      ],
      nowSeconds: NOW,
      sinceSeconds: SINCE,
      endpoints: ENDPOINTS,
    });
    expect(summaries).toHaveLength(2 * ENDPOINTS.length);
    for (const summary of summaries) {
      const end = summary.endpoint === 'costs' ? DAY_END : HOUR_END;
      expect(summary.window).toEqual({ startTime: SINCE, endTime: end });
    }
    for (const organization of ['acme', 'labs']) {
      for (const [endpoint, metric] of [
        ['completions', 'input_tokens'],
        ['completions', 'num_model_requests'],
        ['embeddings', 'input_tokens'],
        ['images', 'images'],
      ] as const) {
        const truth = server.api.totals(endpoint, {
          start_time: SINCE,
          end_time: HOUR_END,
        }) as Record<string, number>;
        expect(await storeTotal(store, organization, endpoint, metric, SINCE, HOUR_END)).toBe(
          truth[metric],
        );
      }
      const costs = server.api.totals('costs', { start_time: SINCE, end_time: DAY_END });
      expect(
        await storeTotal(store, organization, 'costs', 'amount_value', SINCE, DAY_END),
      ).toBeCloseTo(costs.amount_value, 6);
      // The bucket in progress is not stored.
      const [latest] = await store.query(
        `SELECT max(end_time) AS last FROM buckets WHERE organization = '${organization}' AND endpoint = 'completions'`,
      );
      expect(latest?.last).toBe(HOUR_END);
    }
    // Read back as buckets, the store gives the API's totals too.
    const buckets = await store.readBuckets({
      organization: 'acme',
      endpoint: 'completions',
      startTime: SINCE,
      endTime: HOUR_END,
    });
    expect(buckets).toHaveLength((HOUR_END - SINCE) / 3600);
    const readTotal = buckets
      .flatMap((bucket) => bucket.results)
      .reduce((sum, result) => sum + result.input_tokens, 0);
    expect(readTotal).toBe(
      server.api.totals('completions', { start_time: SINCE, end_time: HOUR_END }).input_tokens,
    );
  });

  test('a second sync requests only the lookback window, and a restated bucket replaces the old one', async () => {
    const changedHour = HOUR_END - 3 * 3600;
    let removed = 0;
    let added = 0;
    const second = recordingClient((url, body) => {
      if (!url.pathname.endsWith('/usage/completions')) return;
      for (const bucket of body.data as {
        start_time: number;
        results: { input_tokens: number }[];
      }[]) {
        if (bucket.start_time !== changedHour) continue;
        // Restated: the last group vanished and the first one grew.
        removed = bucket.results.pop()?.input_tokens ?? 0;
        const first = bucket.results[0];
        if (first !== undefined) {
          first.input_tokens += 1000;
          added = 1000;
        }
      }
    });
    await syncOrganizations({
      store,
      organizations: [{ label: 'acme', client: second.client }],
      nowSeconds: NOW,
      endpoints: ENDPOINTS,
    });
    // One request per endpoint, none before the lookback.
    expect(second.requests).toHaveLength(ENDPOINTS.length);
    for (const url of second.requests) {
      const start = Number(url.searchParams.get('start_time'));
      const lookbackStart = url.pathname.endsWith('/costs')
        ? DAY_END - 2 * 86_400
        : HOUR_END - 48 * 3600;
      expect(start).toBe(lookbackStart);
    }
    expect(removed).toBeGreaterThan(0);
    const truth = server.api.totals('completions', { start_time: SINCE, end_time: HOUR_END });
    expect(await storeTotal(store, 'acme', 'completions', 'input_tokens', SINCE, HOUR_END)).toBe(
      truth.input_tokens + added - removed,
    );
    // labs was not re-read: its totals are unchanged.
    expect(await storeTotal(store, 'labs', 'completions', 'input_tokens', SINCE, HOUR_END)).toBe(
      truth.input_tokens,
    );
    expect(await store.coverage({ organization: 'acme', endpoint: 'completions' })).toEqual([
      { bucketWidth: '1h', startTime: SINCE, endTime: HOUR_END },
    ]);
  });

  test('an interrupted sync keeps its committed chunks and the next one resumes without gaps or doubles', async () => {
    const interrupted = recordingClient();
    const failing = createUsageClient({
      adminKey: DEMO_ADMIN_KEY,
      baseURL: server.baseURL,
      maxRetries: 0,
      fetch: async (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        // Completions from the second week (the second chunk) on fail for good.
        if (
          url.pathname.endsWith('/usage/completions') &&
          Number(url.searchParams.get('start_time')) >= SINCE
        ) {
          return new Response(JSON.stringify({ error: { message: 'boom', type: 'x' } }), {
            status: 400,
            headers: { 'content-type': 'application/json' },
          });
        }
        return fetch(input, init);
      },
    });
    const start = SINCE - 7 * 86_400;
    await expect(
      syncOrganizations({
        store,
        organizations: [{ label: 'resume', client: failing }],
        nowSeconds: NOW,
        sinceSeconds: start,
        endpoints: ['completions'],
      }),
    ).rejects.toThrow();
    const partial = await store.coverage({ organization: 'resume', endpoint: 'completions' });
    expect(partial).toEqual([{ bucketWidth: '1h', startTime: start, endTime: start + 7 * 86_400 }]);
    await syncOrganizations({
      store,
      organizations: [{ label: 'resume', client: interrupted.client }],
      nowSeconds: NOW,
      endpoints: ['completions'],
    });
    expect(Number(interrupted.requests[0]?.searchParams.get('start_time'))).toBe(
      start + 7 * 86_400 - 48 * 3600,
    );
    expect(await store.coverage({ organization: 'resume', endpoint: 'completions' })).toEqual([
      { bucketWidth: '1h', startTime: start, endTime: HOUR_END },
    ]);
    const truth = server.api.totals('completions', { start_time: start, end_time: HOUR_END });
    expect(await storeTotal(store, 'resume', 'completions', 'input_tokens', start, HOUR_END)).toBe(
      truth.input_tokens,
    );
  });
});

describe('usagekit sync into ClickHouse against the mock server', () => {
  let clickhouse: ClickHouseTestServer;

  beforeAll(async () => {
    clickhouse = await startClickHouseTestServer();
  }, 60_000);

  afterAll(async () => {
    await clickhouse?.stop();
  });

  async function clickhouseSql(sql: string): Promise<string> {
    const response = await fetch(`${clickhouse.httpUrl}/?database=${clickhouse.database}`, {
      method: 'POST',
      body: sql,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(text);
    return text.trim();
  }

  test('the same sync gives the same totals when ClickHouse is queried directly, also after a re-sync', async () => {
    const store = await openStore(clickhouse.storeUrl);
    try {
      const { client } = recordingClient();
      await syncOrganizations({
        store,
        organizations: [{ label: 'acme', client }],
        nowSeconds: NOW,
        sinceSeconds: SINCE,
        endpoints: ['completions', 'costs'],
      });
      await syncOrganizations({
        store,
        organizations: [{ label: 'acme', client }],
        nowSeconds: NOW,
        endpoints: ['completions', 'costs'],
      });
    } finally {
      await store.close();
    }
    const truth = server.api.totals('completions', { start_time: SINCE, end_time: HOUR_END });
    const tokens = await clickhouseSql(
      `SELECT sum(input_tokens) FROM current_results WHERE organization = 'acme' AND endpoint = 'completions'`,
    );
    expect(Number(tokens)).toBe(truth.input_tokens);
    // The same, spelled out over the tables: latest generation of each bucket, FINAL.
    const spelled = await clickhouseSql(
      `SELECT sum(input_tokens) FROM results FINAL WHERE organization = 'acme' AND endpoint = 'completions' AND (start_time, generation) IN (SELECT start_time, generation FROM buckets FINAL WHERE organization = 'acme' AND endpoint = 'completions' AND deleted = 0)`,
    );
    expect(Number(spelled)).toBe(truth.input_tokens);
    const costs = await clickhouseSql(
      `SELECT sum(amount_value) FROM current_results WHERE organization = 'acme' AND endpoint = 'costs'`,
    );
    expect(Number(costs)).toBeCloseTo(
      server.api.totals('costs', { start_time: SINCE, end_time: DAY_END }).amount_value,
      6,
    );
  }, 120_000);
});
