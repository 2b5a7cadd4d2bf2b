import {
  endpointNames,
  getEndpoint,
  OrganizationUserListSchema,
  ProjectApiKeyListSchema,
  ProjectListSchema,
  ProjectServiceAccountListSchema,
  parsePage,
  usageEndpointNames,
} from '@usagekit/schemas';
import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { DEMO_ADMIN_KEY } from './demo-organization';
import { createMockApi } from './mock-api';

const now = Date.UTC(2026, 8, 15, 12, 30);
const api = createMockApi({ now });
const nowSeconds = now / 1000;
const today = Math.floor(nowSeconds / 86_400) * 86_400;
const weekAgo = today - 7 * 86_400;
const authorization = { authorization: `Bearer ${DEMO_ADMIN_KEY}` };

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely; strict checks go through parsePage
type Json = Record<string, any>;

async function get(path: string, headers: Record<string, string> = authorization) {
  const response = await api.fetch(`${api.baseURL}${path}`, { headers });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Json,
  };
}

async function page(name: string, query: string) {
  const path = name === 'costs' ? '/organization/costs' : `/organization/usage/${name}`;
  const { status, body } = await get(`${path}?${query}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return body;
}

function metricSum(buckets: Json[], metric: string): number {
  let total = 0;
  for (const bucket of buckets)
    for (const result of bucket.results) total += metricValue(result, metric);
  return total;
}

function metricValue(result: Json, metric: string): number {
  return metric === 'amount_value' ? result.amount.value : (result[metric] ?? 0);
}

const usageSumEndpoints = usageEndpointNames.filter((name) => name !== 'vector_stores');

describe('usage and costs endpoints', () => {
  test.each(endpointNames)(
    '%s answers strictly valid pages, ungrouped and grouped by every dimension',
    async (name) => {
      const endpoint = getEndpoint(name);
      const dimensions = endpoint.dimensions
        .map((dimension) => `group_by[]=${dimension}`)
        .join('&');
      for (const query of [
        `start_time=${weekAgo}`,
        `start_time=${weekAgo}&${dimensions}&limit=3`,
      ]) {
        const body = await page(name, query);
        const parsed = parsePage(name, body, { mode: 'strict' });
        expect(parsed.success, JSON.stringify(parsed)).toBe(true);
        expect(body.data.some((bucket: Json) => bucket.results.length > 0)).toBe(true);
      }
    },
  );

  test.each(usageSumEndpoints)('%s: the 1h buckets of a day sum to its 1d bucket', async (name) => {
    const day = today - 3 * 86_400;
    const daily = await page(name, `start_time=${day}&end_time=${day + 86_400}&bucket_width=1d`);
    const hourly = await page(name, `start_time=${day}&end_time=${day + 86_400}&bucket_width=1h`);
    expect(hourly.data).toHaveLength(24);
    for (const metric of getEndpoint(name).metrics) {
      expect(metricSum(hourly.data, metric.name)).toBe(metricSum(daily.data, metric.name));
    }
  });

  test('vector_stores: 1d, 1h and 1m buckets of a window hold the same byte-time, and the ground truth is its average', async () => {
    const day = today - 2 * 86_400;
    const window = `start_time=${day + 6 * 3600}&end_time=${day + 8 * 3600}`;
    const byteTime = (buckets: Json[]) =>
      buckets.reduce(
        (total, bucket) =>
          total + metricSum([bucket], 'usage_bytes') * (bucket.end_time - bucket.start_time),
        0,
      );
    const daily = await page('vector_stores', `${window}&bucket_width=1d`);
    const hourly = await page('vector_stores', `${window}&bucket_width=1h`);
    const minutes = await page('vector_stores', `${window}&bucket_width=1m&limit=1440`);
    expect(minutes.data).toHaveLength(120);
    const reference = byteTime(daily.data);
    // Each bucket's average is rounded to a whole byte: at most half a byte over its seconds.
    expect(Math.abs(byteTime(hourly.data) - reference)).toBeLessThanOrEqual(0.5 * 7200 * 3);
    expect(Math.abs(byteTime(minutes.data) - reference)).toBeLessThanOrEqual(0.5 * 7200 * 3);
    const whole = await page(
      'vector_stores',
      `start_time=${day}&end_time=${day + 86_400}&bucket_width=1d`,
    );
    const hoursOfDay = await page(
      'vector_stores',
      `start_time=${day}&end_time=${day + 86_400}&bucket_width=1h`,
    );
    expect(Math.abs(byteTime(hoursOfDay.data) - byteTime(whole.data))).toBeLessThanOrEqual(
      0.5 * 86_400 * 3,
    );
    // The level moves every hour, so the day's average lies strictly between its extremes.
    const hourLevels = hoursOfDay.data.map((bucket: Json) => metricSum([bucket], 'usage_bytes'));
    const average = metricSum(whole.data, 'usage_bytes');
    expect(average).toBeGreaterThan(Math.min(...hourLevels));
    expect(average).toBeLessThan(Math.max(...hourLevels));
    expect(api.totals('vector_stores', { start_time: day, end_time: day + 86_400 })).toEqual({
      usage_bytes: average,
    });
  });

  test.each(endpointNames)('%s: grouped results sum to the ungrouped bucket', async (name) => {
    const endpoint = getEndpoint(name);
    const all = endpoint.dimensions.map((dimension) => `group_by=${dimension}`).join('&');
    const query = `start_time=${weekAgo}&bucket_width=1d`;
    const ungrouped = await page(name, query);
    const grouped = await page(name, `${query}&${all}`);
    ungrouped.data.forEach((bucket: Json, index: number) => {
      for (const metric of endpoint.metrics) {
        if (metric.name === 'quantity') continue;
        const expected = metricSum([bucket], metric.name);
        const actual = metricSum([grouped.data[index]], metric.name);
        if (metric.name === 'amount_value') expect(actual).toBeCloseTo(expected, 6);
        else expect(actual).toBe(expected);
      }
    });
  });

  test('a filter returns exactly the matching part of the grouped answer', async () => {
    const query = `start_time=${weekAgo}&bucket_width=1d&limit=7`;
    const byProject = await page('completions', `${query}&group_by=project_id&group_by=batch`);
    const projectId = byProject.data[0].results[0].project_id as string;
    const filtered = await page('completions', `${query}&project_ids[]=${projectId}&batch=true`);
    byProject.data.forEach((bucket: Json, index: number) => {
      const matching = bucket.results.filter(
        (result: Json) => result.project_id === projectId && result.batch === true,
      );
      expect(metricSum([filtered.data[index]], 'input_tokens')).toBe(
        metricSum([{ results: matching }], 'input_tokens'),
      );
    });
    expect(
      api.totals('completions', {
        start_time: weekAgo,
        end_time: today,
        filters: { project_ids: [projectId], batch: true },
      }).input_tokens,
    ).toBe(metricSum(filtered.data, 'input_tokens'));
  });

  test('accepts arrays as key[]=v and as repeated key=v', async () => {
    const query = `start_time=${weekAgo}&limit=2`;
    expect(await page('completions', `${query}&group_by[]=model&group_by[]=project_id`)).toEqual(
      await page('completions', `${query}&group_by=model&group_by=project_id`),
    );
  });

  test('returns empty buckets, partial first and last usage buckets, and whole-day costs buckets', async () => {
    const start = nowSeconds - 3 * 86_400 - 1234;
    const usage = await page('completions', `start_time=${start}&limit=31`);
    expect(usage.data[0].start_time).toBe(start);
    expect(usage.data[0].end_time % 86_400).toBe(0);
    expect(usage.data.at(-1).end_time).toBe(nowSeconds);
    const costs = await page('costs', `start_time=${start}&limit=31`);
    expect(costs.data[0].start_time % 86_400).toBe(0);
    expect(costs.data.at(-1).end_time).toBe(today + 86_400);
    const future = await page(
      'embeddings',
      `start_time=${nowSeconds}&end_time=${nowSeconds + 7200}&bucket_width=1h`,
    );
    expect(future.data.map((bucket: Json) => bucket.end_time - bucket.start_time)).toEqual([
      1800, 3600, 1800,
    ]);
    expect(future.data.every((bucket: Json) => bucket.results.length === 0)).toBe(true);
  });

  test('pages through a month with opaque cursors and matches the ground truth', async () => {
    const start = today - 30 * 86_400 + 3600;
    const buckets: Json[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const body: Json = await page(
        'completions',
        `start_time=${start}&limit=7${cursor ? `&page=${encodeURIComponent(cursor)}` : ''}`,
      );
      buckets.push(...body.data);
      expect(body.has_more).toBe(body.next_page !== null);
      cursor = body.next_page;
      if (cursor) expect(cursor).toMatch(/^page_[A-Za-z0-9+/=]+$/);
      pages++;
    } while (cursor);
    expect(pages).toBe(5);
    expect(buckets).toHaveLength(31);
    const truth = api.totals('completions', { start_time: start });
    for (const metric of getEndpoint('completions').metrics) {
      expect(metricSum(buckets, metric.name)).toBe(truth[metric.name as keyof typeof truth]);
    }
    const costs = await page('costs', `start_time=${start}&limit=180`);
    expect(metricSum(costs.data, 'amount_value')).toBeCloseTo(
      api.totals('costs', { start_time: start }).amount_value,
      6,
    );
  });

  test('rejects forged and foreign cursors with 400 naming page', async () => {
    const first = await page('completions', `start_time=${weekAgo}&limit=2`);
    const foreign = await get(
      `/organization/usage/completions?start_time=${weekAgo}&limit=3&page=${encodeURIComponent(first.next_page)}`,
    );
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.param).toBe('page');
    const forged = await get(
      `/organization/usage/completions?start_time=${weekAgo}&limit=2&page=page_AAAAAGdGxdEiJdKOAAAAAGcqsYA=`,
    );
    expect(forged.status).toBe(400);
  });

  test.each([
    ['bucket_width=1w', 'bucket_width'],
    ['limit=32', 'limit'],
    ['group_by=line_item', 'group_by'],
    ['models=gpt-4o&bogus=1', 'bogus'],
  ])('answers 400 in the OpenAI shape for %s', async (query, param) => {
    const { status, body } = await get(
      `/organization/usage/completions?start_time=${weekAgo}&${query}`,
    );
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ type: 'invalid_request_error', param });
    expect(body.error.message).toContain(param);
  });

  test('serves cached buckets byte for byte as a fresh mock builds them', async () => {
    const week = `start_time=${weekAgo + 1800}&bucket_width=1h&limit=168`;
    const queries = [
      ['completions', `${week}&group_by=project_id&group_by=model`],
      [
        'completions',
        `start_time=${weekAgo}&bucket_width=1h&limit=30&group_by=model&group_by=project_id`,
      ],
      ['completions', `${week}&group_by=model&batch=true`],
      ['completions', `${week}&group_by=model&batch=false`],
      ['embeddings', `${week}&group_by=model`],
      ['costs', `start_time=${weekAgo}&group_by=line_item&group_by=project_id`],
      ['costs', `start_time=${weekAgo}&group_by=line_item&limit=3`],
    ] as const;
    const warm: string[] = [];
    for (const [name, query] of queries) warm.push(JSON.stringify(await page(name, query)));
    for (const [name, query] of queries) {
      expect(JSON.stringify(await page(name, query))).toBe(warm.shift());
    }
    const fresh = createMockApi({ now });
    for (const [name, query] of queries) {
      const path = name === 'costs' ? '/organization/costs' : `/organization/usage/${name}`;
      const response = await fresh.fetch(`${fresh.baseURL}${path}?${query}`, {
        headers: authorization,
      });
      expect(await response.json()).toEqual(await page(name, query));
    }
    const grouped = await page('completions', `${week}&group_by=model&batch=true`);
    const other = await page('completions', `${week}&group_by=model&batch=false`);
    expect(grouped).not.toEqual(other);
  });

  test('answers the same with the bucket cache off and rejects a negative bound', async () => {
    const query = `start_time=${weekAgo}&bucket_width=1h&limit=48&group_by=model`;
    const uncached = createMockApi({ now, bucketCacheBytes: 0 });
    const response = await uncached.fetch(
      `${uncached.baseURL}/organization/usage/completions?${query}`,
      { headers: authorization },
    );
    expect(await response.json()).toEqual(await page('completions', query));
    expect(() => createMockApi({ now, bucketCacheBytes: -1 })).toThrow(/bucketCacheBytes/);
  });

  test('answers 400 when start_time is missing', async () => {
    const { status, body } = await get('/organization/costs');
    expect(status).toBe(400);
    expect(body.error.message).toContain('start_time');
  });
});

describe('authentication and routing', () => {
  test.each([
    [{}, 401],
    [{ authorization: 'Bearer sk-admin-wrong' }, 401],
    [{ authorization: 'Bearer sk-proj-abc' }, 403],
    [{ authorization: 'Bearer sk-abc' }, 403],
  ])('answers %j with %i and never echoes the key', async (headers, status) => {
    const response = await get(
      `/organization/costs?start_time=${weekAgo}`,
      headers as Record<string, string>,
    );
    expect(response.status).toBe(status);
    expect(JSON.stringify(response.body)).not.toMatch(/sk-(admin-wrong|proj-abc|abc)/);
  });

  test('answers 404 for unknown paths', async () => {
    for (const path of [
      '/organization/usage/chat',
      '/organization/usage',
      '/models',
      '/organization/projects/x/y/z',
    ]) {
      expect((await get(path)).status).toBe(404);
    }
    const response = await api.fetch('https://mock.usagekit.invalid/organization/costs', {
      headers: authorization,
    });
    expect(response.status).toBe(404);
  });

  test('answers 429 with Retry-After once the configured rate is exceeded', async () => {
    let clockMs = 0;
    const limited = createMockApi({
      now,
      rateLimit: { requestsPerSecond: 2, nowMs: () => clockMs },
    });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let index = 0; index < 3; index++) {
      const response = await limited.fetch(`${limited.baseURL}/organization/users`, {
        headers: authorization,
      });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    clockMs = 1000;
    expect(
      (await limited.fetch(`${limited.baseURL}/organization/users`, { headers: authorization }))
        .status,
    ).toBe(200);
  });
});

describe('admin list endpoints', () => {
  test('lists projects without archived ones unless asked, paged with after', async () => {
    const active = await get('/organization/projects');
    expect(v.safeParse(ProjectListSchema, active.body).success).toBe(true);
    const all = await get('/organization/projects?include_archived=true&limit=100');
    expect(all.body.data.length).toBeGreaterThan(active.body.data.length);
    const ids: string[] = [];
    let after: string | undefined;
    for (;;) {
      const { body } = await get(
        `/organization/projects?include_archived=true&limit=3${after ? `&after=${after}` : ''}`,
      );
      ids.push(...body.data.map((project: Json) => project.id));
      if (!body.has_more) break;
      after = body.last_id;
    }
    expect(ids).toEqual(all.body.data.map((project: Json) => project.id));
  });

  test('lists users, keys and service accounts that validate, without deleted keys', async () => {
    expect(
      v.safeParse(OrganizationUserListSchema, (await get('/organization/users')).body).success,
    ).toBe(true);
    const deleted = api.organization.apiKeys.filter((key) => key.deleted);
    const listed = new Set<string>();
    for (const project of api.organization.projects) {
      const keys = await get(`/organization/projects/${project.id}/api_keys`);
      expect(v.safeParse(ProjectApiKeyListSchema, keys.body).success).toBe(true);
      for (const key of keys.body.data) listed.add(key.id);
      const accounts = await get(`/organization/projects/${project.id}/service_accounts`);
      expect(v.safeParse(ProjectServiceAccountListSchema, accounts.body).success).toBe(true);
    }
    expect(deleted.every((key) => !listed.has(key.id))).toBe(true);
    const usage = await page(
      'completions',
      `start_time=${api.organization.start}&bucket_width=1d&limit=31&group_by=api_key_id`,
    );
    expect(
      usage.data.some((bucket: Json) =>
        bucket.results.some((result: Json) => deleted.some((key) => key.id === result.api_key_id)),
      ),
    ).toBe(true);
  });

  test('answers 404 for an unknown project and 400 for a bad limit', async () => {
    expect((await get('/organization/projects/__proto__/api_keys')).status).toBe(404);
    const bad = await get('/organization/users?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe('limit');
  });
});

describe('faults', () => {
  test('inject errors, drops and truncated bodies deterministically', async () => {
    const outcomes = async () => {
      const faulty = createMockApi({
        now,
        faults: {
          seed: 3,
          rateLimitShare: 0.1,
          internalErrorShare: 0.1,
          badGatewayShare: 0.1,
          unavailableShare: 0.1,
          dropConnectionShare: 0.1,
          truncateBodyShare: 0.1,
        },
      });
      const seen: string[] = [];
      for (let index = 0; index < 60; index++) {
        try {
          const response = await faulty.fetch(`${faulty.baseURL}/organization/users`, {
            headers: authorization,
          });
          const text = await response.text();
          let valid = true;
          try {
            JSON.parse(text);
          } catch {
            valid = false;
          }
          seen.push(
            `${response.status}${valid ? '' : ' truncated'}${response.status === 429 ? ` retry-after=${response.headers.get('retry-after')}` : ''}`,
          );
        } catch (error) {
          expect(error).toBeInstanceOf(TypeError);
          seen.push('dropped');
        }
      }
      return seen;
    };
    const first = await outcomes();
    expect(await outcomes()).toEqual(first);
    for (const outcome of [
      '200',
      '200 truncated',
      '429 retry-after=1',
      '500',
      '502',
      '503',
      'dropped',
    ]) {
      expect(first).toContain(outcome);
    }
  });
});

describe('abort signals', () => {
  const users = `${api.baseURL}/organization/users`;

  test('rejects with the signal’s reason, or an AbortError, when aborted before the call', async () => {
    const reason = new Error('caller gave up');
    await expect(
      api.fetch(users, { headers: authorization, signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
    await expect(
      api.fetch(users, { headers: authorization, signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    const request = new Request(users, { headers: authorization, signal: AbortSignal.abort() });
    await expect(api.handle(request)).rejects.toMatchObject({ name: 'AbortError' });
  });

  test('rejects during injected latency as soon as the signal aborts', async () => {
    // An hour of latency: only an honoured abort lets this test finish.
    const slow = createMockApi({ now, faults: { latencyMs: 3_600_000 } });
    const controller = new AbortController();
    const pending = slow.fetch(`${slow.baseURL}/organization/users`, {
      headers: authorization,
      signal: controller.signal,
    });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  test('errors the body when aborted after the answer but before the body is read', async () => {
    const controller = new AbortController();
    const response = await api.fetch(users, {
      headers: authorization,
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const reason = new Error('stop reading');
    controller.abort(reason);
    await expect(response.json()).rejects.toBe(reason);
  });

  test('reads the body normally when the signal never aborts', async () => {
    const response = await api.fetch(users, {
      headers: authorization,
      signal: new AbortController().signal,
    });
    expect((await response.json()).object).toBe('list');
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
  });
});
