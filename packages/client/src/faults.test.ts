import { inspect } from 'node:util';
import { createMockApi, DEMO_ADMIN_KEY, type FaultOptions } from '@usagekit/mock';
import { type MockServer, startMockServer } from '@usagekit/mock/server';
import { type Bucket, endpointNames, endpoints } from '@usagekit/schemas';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createUsageClient, type UsageClient } from './client';
import { AuthenticationError } from './errors';
import type { UsageClientEvent } from './events';
import { sleep } from './sleep';

const NOW_MS = Date.UTC(2026, 6, 1, 9, 30);
const END = Date.UTC(2026, 6, 1) / 1000;
const DAY = 86_400;
const START = END - 90 * DAY;

/**
 * About one answer in five is faulty: 14 % over 429 (Retry-After 1 s), 500, 502, 503, dropped
 * connections and cut-off bodies, plus about 7 % slower than the 200 ms timeout. The seed is one whose first
 * 150 answers hold every kind of fault.
 */
const FAULTS: FaultOptions = {
  seed: 'faults-d',
  latencyMs: { min: 0, max: 215 },
  rateLimitShare: 0.03,
  internalErrorShare: 0.025,
  badGatewayShare: 0.02,
  unavailableShare: 0.02,
  dropConnectionShare: 0.02,
  truncateBodyShare: 0.025,
};
const TIMEOUT_MS = 200;

/** Waits at most 5 ms, whatever Retry-After or the backoff asks, to keep the test fast. */
const shortSleep = (ms: number, signal?: AbortSignal) => sleep(Math.min(ms, 5), signal);

async function backfill(client: UsageClient) {
  const results = await Promise.all(
    endpointNames.map((name) =>
      client.endpoint(name).all({
        start_time: START,
        end_time: END,
        limit: 7,
        group_by: [...endpoints[name].dimensions],
      } as never),
    ),
  );
  return new Map<string, Bucket<unknown>[]>(
    endpointNames.map((name, index) => [name, results[index] ?? []]),
  );
}

function faultyClient(baseURL: string, fetch: typeof globalThis.fetch | undefined) {
  const events: UsageClientEvent[] = [];
  const client = createUsageClient({
    adminKey: DEMO_ADMIN_KEY,
    baseURL,
    fetch,
    concurrency: 8,
    maxRetries: 8,
    timeoutMs: TIMEOUT_MS,
    now: () => NOW_MS,
    sleep: shortSleep,
    onEvent: (event) => events.push(event),
  });
  return { client, events };
}

function expectNoKey(items: readonly unknown[]) {
  for (const item of items) {
    expect(JSON.stringify(item)).not.toContain(DEMO_ADMIN_KEY);
    expect(inspect(item, { depth: 12, showHidden: true })).not.toContain(DEMO_ADMIN_KEY);
  }
}

function expectEachBucketOnce(buckets: ReadonlyMap<string, Bucket<unknown>[]>) {
  for (const list of buckets.values()) {
    expect(list).toHaveLength(90);
    expect(new Set(list.map((bucket) => bucket.start_time)).size).toBe(90);
  }
}

let expected: Map<string, Bucket<unknown>[]>;

beforeAll(async () => {
  const mock = createMockApi({ now: NOW_MS });
  const client = createUsageClient({
    adminKey: DEMO_ADMIN_KEY,
    baseURL: mock.baseURL,
    fetch: mock.fetch,
    concurrency: 8,
    now: () => NOW_MS,
  });
  expected = await backfill(client);
  expectEachBucketOnce(expected);
});

describe('a full backfill with one answer in five faulty', () => {
  test('in process: equals the fault-free run exactly', async () => {
    const mock = createMockApi({ now: NOW_MS, faults: FAULTS });
    const { client, events } = faultyClient(mock.baseURL, mock.fetch);
    const buckets = await backfill(client);
    expect(buckets).toEqual(expected);
    const reasons = new Set(
      events.flatMap((event) => (event.type === 'retry' ? [event.reason] : [])),
    );
    expect(reasons).toEqual(
      new Set([
        'status 429',
        'status 500',
        'status 502',
        'status 503',
        'connection',
        'invalid body',
        'timeout',
      ]),
    );
    expect(events.some((event) => event.type === 'rate-limited')).toBe(true);
    expectNoKey(events);
  }, 30_000);

  describe('over HTTP on 127.0.0.1', () => {
    let server: MockServer;
    beforeAll(async () => {
      server = await startMockServer({ now: NOW_MS, faults: FAULTS });
    });
    afterAll(async () => {
      await server.close();
    });

    test('equals the fault-free run exactly', async () => {
      const { client, events } = faultyClient(server.baseURL, undefined);
      const buckets = await backfill(client);
      expect(buckets).toEqual(expected);
      expect(events.filter((event) => event.type === 'retry').length).toBeGreaterThan(10);
      expectNoKey(events);
    }, 30_000);

    test('a wrong key fails fast with AuthenticationError and never shows a key', async () => {
      const client = createUsageClient({
        adminKey: 'sk-admin-wrong-key-0000',
        baseURL: server.baseURL,
        maxRetries: 8,
        timeoutMs: 1000,
        sleep: shortSleep,
      });
      const error = await client.costs.page({ start_time: START }).catch((caught) => caught);
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.status).toBe(401);
      expect(JSON.stringify(error)).not.toContain('sk-admin-wrong-key-0000');
      expect(inspect(error, { depth: 12, showHidden: true })).not.toContain(
        'sk-admin-wrong-key-0000',
      );
    });
  });
});
