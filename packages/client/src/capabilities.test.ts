import { createMockApi, DEMO_ADMIN_KEY } from '@usagekit/mock';
import { describe, expect, test } from 'vitest';
import {
  type Answer,
  bucketAnswer,
  createRecordedFetch,
  errorBody,
  json,
} from './__fixtures__/recorded-fetch';
import { createUsageClient } from './client';
import { AuthenticationError, PermissionDeniedError } from './errors';
import type { UsageClientEvent } from './events';
import { createNameResolver } from './name-resolver';

const KEY = 'sk-admin-capabilities-test';
const JAN_1 = 1_767_225_600;
const DAY = 86_400;
const MISSING_SCOPE =
  'You have insufficient permissions for this operation. Missing scopes: api.management.read. Check that you have the correct role in your organization.';

function setup(answer: Answer) {
  const recorded = createRecordedFetch(answer);
  const events: UsageClientEvent[] = [];
  const client = createUsageClient({
    adminKey: KEY,
    baseURL: 'https://api.test/v1',
    fetch: recorded.fetch,
    sleep: async () => undefined,
    onEvent: (event) => events.push(event),
  });
  const refusals = () => events.filter((event) => event.type === 'capability-refused');
  return { client, calls: recorded.calls, refusals };
}

const forbiddenDirectory: Answer = (call) =>
  call.url.pathname.includes('/organization/usage') || call.url.pathname.endsWith('/costs')
    ? bucketAnswer()(call, 0)
    : json(errorBody(MISSING_SCOPE), 403);

describe('names capability', () => {
  test('starts unknown', () => {
    const { client } = setup(forbiddenDirectory);
    expect(client.capabilities.names).toEqual({ available: undefined });
    expect(client.capabilities.refusedGroupings.size).toBe(0);
  });

  test('a 403 on the directory: load() resolves with every id unknown, says why once, and never asks again', async () => {
    const { client, calls, refusals } = setup(forbiddenDirectory);
    const resolver = client.directory.resolver();
    await expect(resolver.load()).resolves.toBeUndefined();
    expect(resolver.name('project', 'proj_1')).toEqual({ id: 'proj_1', name: null, known: false });
    expect(resolver.attach({ project_id: 'proj_1' }).unresolved).toEqual(['project_id']);
    expect(client.capabilities.names).toEqual({
      available: false,
      reason: 'names unavailable: this key lacks api.management.read; showing ids',
    });
    expect(refusals()).toEqual([
      {
        type: 'capability-refused',
        capability: 'names',
        message: 'names unavailable: this key lacks api.management.read; showing ids',
      },
    ]);
    const sent = calls.length;
    await client.directory.resolver().load();
    await resolver.load();
    await createNameResolver(client).load();
    expect(calls.length).toBe(sent);
    expect(refusals()).toHaveLength(1);
  });

  test('direct directory calls still throw the typed error, and record the capability', async () => {
    const { client, refusals } = setup(forbiddenDirectory);
    await expect(client.directory.projects()).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(client.directory.users()).rejects.toBeInstanceOf(PermissionDeniedError);
    expect(client.capabilities.names.available).toBe(false);
    expect(client.directory.capabilities?.names.available).toBe(false);
    expect(refusals()).toHaveLength(1);
  });

  test('a 401 naming a scope degrades too; a 401 for a wrong key rejects', async () => {
    const scoped = setup(() => json(errorBody('Missing scopes: api.management.read'), 401));
    await expect(scoped.client.directory.resolver().load()).resolves.toBeUndefined();
    expect(scoped.client.capabilities.names.available).toBe(false);
    const wrongKey = setup(() => json(errorBody('Incorrect API key provided'), 401));
    await expect(wrongKey.client.directory.resolver().load()).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    expect(wrongKey.client.capabilities.names.available).toBeUndefined();
    expect(wrongKey.refusals()).toEqual([]);
  });

  test('a readable directory makes names available', async () => {
    const { client } = setup(() =>
      json({ object: 'list', data: [], first_id: null, last_id: null, has_more: false }),
    );
    await client.directory.resolver().load();
    expect(client.capabilities.names).toEqual({ available: true });
  });

  test('the snapshot is frozen and taken again after a change', async () => {
    const { client } = setup(forbiddenDirectory);
    const before = client.capabilities;
    expect(Object.isFrozen(before)).toBe(true);
    expect(client.capabilities).toBe(before);
    await client.directory.resolver().load();
    expect(client.capabilities).not.toBe(before);
    expect(before.names.available).toBeUndefined();
  });
});

/** Answers like the API but refuses grouping costs by `api_key_id`, naming it. */
function refusingAnswer(refused: string, message = `Invalid group_by: ${refused}`): Answer {
  const answer = bucketAnswer();
  return (call, index) => {
    const groupBy = call.url.searchParams.getAll('group_by[]');
    if (groupBy.includes(refused)) {
      return json(
        { error: { message, type: 'invalid_request_error', param: 'group_by', code: null } },
        400,
      );
    }
    return answer(call, index);
  };
}

describe('grouping capability', () => {
  test('a refused grouping is dropped, retried once, remembered, and said once', async () => {
    const { client, calls, refusals } = setup(refusingAnswer('api_key_id'));
    const params = {
      start_time: JAN_1,
      end_time: JAN_1 + 3 * DAY,
      group_by: ['project_id' as const, 'api_key_id' as const],
    };
    const buckets = await client.costs.all(params);
    expect(buckets).toHaveLength(3);
    expect(calls.map((call) => call.url.searchParams.getAll('group_by[]'))).toEqual([
      ['project_id', 'api_key_id'],
      ['project_id'],
    ]);
    expect(client.capabilities.refusedGroupings).toEqual(new Map([['costs', ['api_key_id']]]));
    expect(refusals()).toEqual([
      {
        type: 'capability-refused',
        capability: 'grouping',
        endpoint: 'costs',
        fields: ['api_key_id'],
        message:
          'costs: the API refused grouping by api_key_id (Invalid group_by: api_key_id); results come without it',
      },
    ]);

    const sent = calls.length;
    await client.costs.all(params);
    await client.costs.page(params);
    expect(calls.slice(sent).map((call) => call.url.searchParams.getAll('group_by[]'))).toEqual([
      ['project_id'],
      ['project_id'],
    ]);
    expect(refusals()).toHaveLength(1);
  });

  test('dropping the only grouping sends none; other endpoints keep theirs', async () => {
    const { client, calls } = setup(refusingAnswer('api_key_id'));
    await client.costs.page({ start_time: JAN_1, end_time: JAN_1 + DAY, group_by: ['api_key_id'] });
    expect(calls[1]?.url.searchParams.has('group_by[]')).toBe(false);
    await client.completions.page({
      start_time: JAN_1,
      end_time: JAN_1 + DAY,
      group_by: ['project_id'],
    });
    expect(calls[2]?.url.searchParams.getAll('group_by[]')).toEqual(['project_id']);
  });

  test('concurrent requests of one all() say it once and every row arrives', async () => {
    const { client, refusals } = setup(refusingAnswer('user_id'));
    const buckets = await client.completions.all({
      start_time: JAN_1,
      end_time: JAN_1 + 60 * DAY,
      bucket_width: '1d',
      group_by: ['user_id', 'model'],
    });
    expect(buckets).toHaveLength(60);
    expect(refusals()).toHaveLength(1);
    expect(client.capabilities.refusedGroupings.get('completions')).toEqual(['user_id']);
  });

  test('a list() chain keeps the working grouping for its later pages', async () => {
    const { client, calls } = setup(refusingAnswer('api_key_id'));
    const seen = [];
    for await (const bucket of client.costs.list({
      start_time: JAN_1,
      end_time: JAN_1 + 10 * DAY,
      limit: 3,
      group_by: ['api_key_id', 'project_id'],
    })) {
      seen.push(bucket);
    }
    expect(seen).toHaveLength(10);
    expect(
      calls
        .slice(1)
        .every((call) => !call.url.searchParams.getAll('group_by[]').includes('api_key_id')),
    ).toBe(true);
  });

  test('a 400 that is not about grouping is thrown as it is', async () => {
    const { client, calls, refusals } = setup(() =>
      json(errorBody('start_time is too far in the past'), 400),
    );
    await expect(
      client.costs.page({ start_time: JAN_1, group_by: ['project_id'] }),
    ).rejects.toThrow(/too far/);
    expect(calls).toHaveLength(1);
    expect(refusals()).toEqual([]);
  });
});

describe('against the mock with restricted access', () => {
  test('names degrade to ids and a refused costs grouping is dropped, with one notice each', async () => {
    const now = Date.UTC(2026, 8, 15, 12, 30);
    const api = createMockApi({
      now,
      access: { directory: 'forbidden', refusedGroupings: { costs: ['api_key_id'] } },
    });
    const events: UsageClientEvent[] = [];
    const client = createUsageClient({
      adminKey: DEMO_ADMIN_KEY,
      baseURL: api.baseURL,
      fetch: api.fetch,
      now: () => now,
      onEvent: (event) => events.push(event),
    });
    const resolver = client.directory.resolver();
    await resolver.load();
    const start = Math.floor(now / 1000 / DAY) * DAY - 7 * DAY;
    const buckets = await client.costs.all({
      start_time: start,
      end_time: start + 7 * DAY,
      group_by: ['project_id', 'api_key_id'],
    });
    const named = resolver.attachToBuckets(buckets);
    expect(named).toHaveLength(7);
    const rows = named.flatMap((bucket) => bucket.results);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.project_name === null && row.api_key_id === null)).toBe(true);
    expect(rows.some((row) => row.project_id !== null)).toBe(true);
    expect(
      events.filter((event) => event.type === 'capability-refused').map((event) => event.message),
    ).toEqual([
      'names unavailable: this key lacks api.management.read; showing ids',
      'costs: the API refused grouping by api_key_id (Invalid group_by: api_key_id. Grouping by this field is not supported for this organization.); results come without it',
    ]);
  });
});
