import { createMockApi, DEMO_ADMIN_KEY } from '@usagekit/mock';
import { type Bucket, type EndpointName, endpointNames, endpoints } from '@usagekit/schemas';
import { describe, expect, test } from 'vitest';
import { createUsageClient } from './client';

const NOW_MS = Date.UTC(2026, 6, 1, 9, 30);
const END = Date.UTC(2026, 6, 1) / 1000;
const DAY = 86_400;
const START = END - 90 * DAY;

function metricTotals(name: EndpointName, buckets: readonly Bucket<object>[]) {
  const totals: Record<string, number> = {};
  for (const metric of endpoints[name].metrics) totals[metric.name] = 0;
  for (const bucket of buckets) {
    for (const result of bucket.results) {
      for (const metric of endpoints[name].metrics) {
        let value: unknown = result;
        for (const key of metric.path) value = (value as Record<string, unknown> | null)?.[key];
        if (typeof value === 'number') totals[metric.name] = (totals[metric.name] ?? 0) + value;
      }
    }
  }
  return totals;
}

function setup() {
  const mock = createMockApi({ now: NOW_MS });
  const client = createUsageClient({
    adminKey: DEMO_ADMIN_KEY,
    baseURL: mock.baseURL,
    fetch: mock.fetch,
    concurrency: 8,
    now: () => NOW_MS,
  });
  return { mock, client };
}

describe('backfill against the mock (in process)', () => {
  test.each(endpointNames)(
    '%s: all() grouped by every dimension equals a sequential next_page loop',
    async (name) => {
      const { client } = setup();
      const params = {
        start_time: START,
        end_time: END,
        group_by: [...endpoints[name].dimensions],
      } as never;
      const resource = client.endpoint(name);
      const planned = await resource.all(params);
      const sequential = [];
      for await (const bucket of resource.list(params)) sequential.push(bucket);
      expect(planned).toEqual(sequential);
      expect(planned).toHaveLength(90);
      for (let index = 1; index < planned.length; index++) {
        expect(planned[index]?.start_time).toBe(planned[index - 1]?.end_time);
      }
    },
  );

  test('hourly completions over 90 days add up to the mock ground truth', async () => {
    const { client, mock } = setup();
    const buckets = await client.completions.all({
      start_time: START,
      end_time: END,
      bucket_width: '1h',
      group_by: ['model', 'project_id'],
    });
    expect(buckets).toHaveLength(90 * 24);
    expect(metricTotals('completions', buckets)).toEqual(
      mock.totals('completions', { start_time: START, end_time: END }),
    );
  });

  test('costs add up to the mock ground truth', async () => {
    const { client, mock } = setup();
    const buckets = await client.costs.all({ start_time: START, end_time: END });
    const totals = metricTotals('costs', buckets);
    const truth = mock.totals('costs', { start_time: START, end_time: END });
    expect(totals.amount_value).toBeCloseTo(truth.amount_value, 6);
  });
});
