import type { Bucket } from '@usagekit/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UsageStore } from '../usage-store';

/** How the contract suite gets a fresh, empty store and gets rid of it. */
export interface StoreFixture {
  open(): Promise<UsageStore>;
  /** Called once after every test of the suite. */
  dispose?(): Promise<void>;
}

const HOUR = 3600;
const DAY = 86_400;
const T0 = Date.UTC(2026, 2, 1) / 1000;

function completion(
  project: string,
  model: string,
  inputTokens: number,
  extra: Record<string, unknown> = {},
) {
  return {
    object: 'organization.usage.completions.result',
    input_tokens: inputTokens,
    output_tokens: inputTokens * 2,
    num_model_requests: 1,
    input_cached_tokens: null,
    project_id: project,
    user_id: null,
    api_key_id: null,
    model,
    batch: false,
    service_tier: null,
    ...extra,
  };
}

function hourBucket(index: number, results: unknown[], extra: Record<string, unknown> = {}) {
  return {
    object: 'bucket' as const,
    start_time: T0 + index * HOUR,
    end_time: T0 + (index + 1) * HOUR,
    results,
    ...extra,
  } satisfies Bucket<unknown>;
}

/**
 * The behaviour every store engine must have, run against each of them.
 *
 * @param name The engine, for the suite's title.
 * @param fixture Opens a fresh store.
 */
export function describeStoreContract(name: string, fixture: StoreFixture): void {
  describe(`${name} store contract`, () => {
    let store: UsageStore;
    let organization = 0;
    // Each test writes under its own organization, which also checks they are kept apart.
    const nextOrganization = () => {
      organization += 1;
      return `org-${name}-${organization}`;
    };

    beforeAll(async () => {
      store = await fixture.open();
    });

    afterAll(async () => {
      await store?.close();
      await fixture.dispose?.();
    });

    const sumInput = async (org: string, endpoint = 'completions') => {
      const [row] = await store.query(
        `SELECT sum(input_tokens) AS total, count() AS n FROM current_results WHERE organization = '${org}' AND endpoint = '${endpoint}'`.replace(
          'count()',
          name === 'duckdb' ? 'count(*)' : 'count()',
        ),
      );
      return { total: Number(row?.total ?? 0), rows: Number(row?.n ?? 0) };
    };

    it('reads back what it wrote: every field, unknown ones too, empty buckets and order', async () => {
      const org = nextOrganization();
      const buckets = [
        hourBucket(0, [
          completion('proj_a', 'gpt-4o', 10, { brand_new_field: { nested: [1, 'x'] } }),
          completion('proj_b', 'gpt-4o', 20),
        ]),
        hourBucket(1, [], { bucket_note: 'undocumented' }),
        hourBucket(2, [completion("proj_'quoted\\", 'o3', 5)]),
      ];
      const summary = await store.writeBuckets({
        organization: org,
        endpoint: 'completions',
        bucketWidth: '1h',
        startTime: T0,
        endTime: T0 + 3 * HOUR,
        buckets,
        fetchedAt: 1_000,
      });
      expect(summary).toEqual({ buckets: 3, rows: 3 });
      const read = await store.readBuckets({
        organization: org,
        endpoint: 'completions',
        bucketWidth: '1h',
        startTime: T0,
        endTime: T0 + 3 * HOUR,
      });
      expect(read).toEqual(buckets);
      expect(await sumInput(org)).toEqual({ total: 35, rows: 3 });
      const typed = await store.query(
        `SELECT project_id, model, output_tokens, batch FROM results WHERE organization = '${org}' ORDER BY start_time, row_index`,
      );
      expect(typed).toEqual([
        { project_id: 'proj_a', model: 'gpt-4o', output_tokens: 20, batch: 'false' },
        { project_id: 'proj_b', model: 'gpt-4o', output_tokens: 40, batch: 'false' },
        { project_id: "proj_'quoted\\", model: 'o3', output_tokens: 10, batch: 'false' },
      ]);
    });

    it('writes a batch in order as one unit: a later overlapping window wins, a bad write leaves nothing', async () => {
      const org = nextOrganization();
      const write = (buckets: Bucket<unknown>[], startHour: number, endHour: number) => ({
        organization: org,
        endpoint: 'completions' as const,
        bucketWidth: '1h' as const,
        startTime: T0 + startHour * HOUR,
        endTime: T0 + endHour * HOUR,
        buckets,
      });
      const summary = await store.writeBatch([
        write([hourBucket(0, [completion('proj_a', 'gpt-4o', 1)]), hourBucket(1, [])], 0, 2),
        write([hourBucket(1, [completion('proj_b', 'gpt-4o', 2)])], 1, 2),
        write([hourBucket(2, [completion('proj_c', 'gpt-4o', 4)])], 2, 3),
      ]);
      expect(summary).toEqual({ buckets: 4, rows: 3 });
      expect(await sumInput(org)).toEqual({ total: 7, rows: 3 });
      expect(await store.coverage({ organization: org, endpoint: 'completions' })).toEqual([
        { bucketWidth: '1h', startTime: T0, endTime: T0 + 3 * HOUR },
      ]);
      await expect(
        store.writeBatch([
          write([hourBucket(5, [completion('proj_a', 'gpt-4o', 8)])], 5, 6),
          write([hourBucket(7, [])], 6, 7),
        ]),
      ).rejects.toThrow(RangeError);
      expect(await sumInput(org)).toEqual({ total: 7, rows: 3 });
    });

    it('replaces the buckets of a re-written window: new values, vanished groups and buckets gone, no doubles', async () => {
      const org = nextOrganization();
      const write = (buckets: Bucket<unknown>[], startHour: number, endHour: number) =>
        store.writeBuckets({
          organization: org,
          endpoint: 'completions',
          bucketWidth: '1h',
          startTime: T0 + startHour * HOUR,
          endTime: T0 + endHour * HOUR,
          buckets,
        });
      await write(
        [
          hourBucket(0, [completion('proj_a', 'gpt-4o', 1)]),
          hourBucket(1, [completion('proj_a', 'gpt-4o', 2), completion('proj_b', 'gpt-4o', 4)]),
          hourBucket(2, [completion('proj_a', 'gpt-4o', 8)]),
          hourBucket(3, [completion('proj_c', 'gpt-4o', 16)]),
        ],
        0,
        4,
      );
      expect((await sumInput(org)).total).toBe(31);
      // Hours 1-3 again: hour 1 restated with proj_b gone, hour 2 changed, hour 3 missing.
      await write(
        [
          hourBucket(1, [completion('proj_a', 'gpt-4o', 3)]),
          hourBucket(2, [completion('proj_a', 'gpt-4o', 100)]),
        ],
        1,
        4,
      );
      expect(await sumInput(org)).toEqual({ total: 104, rows: 3 });
      const read = await store.readBuckets({
        organization: org,
        endpoint: 'completions',
        startTime: T0,
        endTime: T0 + 4 * HOUR,
      });
      expect(read.map((bucket) => bucket.start_time)).toEqual([T0, T0 + HOUR, T0 + 2 * HOUR]);
      expect(read[1]?.results).toEqual([completion('proj_a', 'gpt-4o', 3)]);
      // The same write twice changes nothing.
      await write([hourBucket(1, [completion('proj_a', 'gpt-4o', 3)])], 1, 2);
      await write([hourBucket(1, [completion('proj_a', 'gpt-4o', 3)])], 1, 2);
      expect((await sumInput(org)).total).toBe(104);
    });

    it('keeps two results with the same group in one bucket (costs line items can repeat)', async () => {
      const org = nextOrganization();
      const line = (value: number, project: string | null) => ({
        object: 'organization.costs.result',
        amount: { value, currency: 'usd' },
        line_item: 'gpt-4o, input',
        project_id: project,
        organization_id: 'org-undocumented',
      });
      const buckets = [
        {
          object: 'bucket' as const,
          start_time: T0,
          end_time: T0 + DAY,
          results: [line(0.1, null), line(0.25, null), line(1.5, 'proj_a')],
        },
      ];
      await store.writeBuckets({
        organization: org,
        endpoint: 'costs',
        bucketWidth: '1d',
        startTime: T0,
        endTime: T0 + DAY,
        buckets,
      });
      const read = await store.readBuckets({
        organization: org,
        endpoint: 'costs',
        startTime: T0,
        endTime: T0 + DAY,
      });
      expect(read).toEqual(buckets);
      const [row] = await store.query(
        `SELECT sum(amount_value) AS total FROM current_results WHERE organization = '${org}' AND endpoint = 'costs'`,
      );
      expect(row?.total).toBeCloseTo(1.85, 12);
    });

    it('reports merged coverage per width, and keeps organizations and endpoints apart', async () => {
      const org = nextOrganization();
      const other = nextOrganization();
      const empty = (hours: number[]) => hours.map((hour) => hourBucket(hour, []));
      const write = (organizationKey: string, from: number, to: number) =>
        store.writeBuckets({
          organization: organizationKey,
          endpoint: 'embeddings',
          bucketWidth: '1h',
          startTime: T0 + from * HOUR,
          endTime: T0 + to * HOUR,
          buckets: empty(Array.from({ length: to - from }, (_, index) => from + index)),
        });
      await write(org, 0, 2);
      await write(org, 2, 5);
      await write(org, 3, 4);
      await write(org, 8, 9);
      await write(other, 0, 1);
      expect(await store.coverage({ organization: org, endpoint: 'embeddings' })).toEqual([
        { bucketWidth: '1h', startTime: T0, endTime: T0 + 5 * HOUR },
        { bucketWidth: '1h', startTime: T0 + 8 * HOUR, endTime: T0 + 9 * HOUR },
      ]);
      expect(await store.coverage({ organization: other, endpoint: 'embeddings' })).toEqual([
        { bucketWidth: '1h', startTime: T0, endTime: T0 + HOUR },
      ]);
      expect(await store.coverage({ organization: org, endpoint: 'completions' })).toEqual([]);
      expect(
        await store.coverage({ organization: org, endpoint: 'embeddings', bucketWidth: '1d' }),
      ).toEqual([]);
    });

    it('refuses partial buckets and windows off the width grid, writing nothing', async () => {
      const org = nextOrganization();
      await expect(
        store.writeBuckets({
          organization: org,
          endpoint: 'completions',
          bucketWidth: '1h',
          startTime: T0 + 60,
          endTime: T0 + HOUR,
          buckets: [],
        }),
      ).rejects.toThrow(/grid/);
      await expect(
        store.writeBuckets({
          organization: org,
          endpoint: 'completions',
          bucketWidth: '1h',
          startTime: T0,
          endTime: T0 + HOUR,
          buckets: [{ object: 'bucket', start_time: T0, end_time: T0 + 1800, results: [] }],
        }),
      ).rejects.toThrow(/whole/);
      expect(await store.coverage({ organization: org, endpoint: 'completions' })).toEqual([]);
    });
  });
}
