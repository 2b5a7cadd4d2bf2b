import { describe, expect, test } from 'vitest';
import { type Answer, createRecordedFetch, json } from './__fixtures__/recorded-fetch';
import { createUsageClient } from './client';
import { CursorLoopError, ResponseValidationError } from './errors';
import { createNameResolver } from './name-resolver';

const projects = Array.from({ length: 150 }, (_, index) => ({
  object: 'organization.project',
  id: `proj_${index}`,
  name: `Project ${index}`,
  created_at: 1_700_000_000,
  archived_at: index === 149 ? 1_760_000_000 : null,
  status: index === 149 ? 'archived' : 'active',
}));

const users = [
  {
    object: 'organization.user',
    id: 'user-1',
    name: 'Ada',
    email: 'ada@example.com',
    role: 'owner',
    added_at: 1,
  },
  {
    object: 'organization.user',
    id: 'user-2',
    name: null,
    email: 'bo@example.com',
    role: 'reader',
    added_at: 1,
  },
];

function apiKey(projectId: string) {
  return {
    object: 'organization.project.api_key',
    id: `key_${projectId}`,
    name: `Key of ${projectId}`,
    redacted_value: 'sk-abc...xyz',
    created_at: 1,
    last_used_at: null,
    owner: {
      type: 'user',
      user: { id: 'user-gone', name: 'Former Member', email: 'gone@example.com' },
    },
  };
}

function listPage<TItem extends { id: string }>(items: TItem[], url: URL) {
  const limit = Number(url.searchParams.get('limit') ?? 20);
  const after = url.searchParams.get('after');
  const from = after === null ? 0 : items.findIndex((item) => item.id === after) + 1;
  const data = items.slice(from, from + limit);
  return json({
    object: 'list',
    data,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
    has_more: from + limit < items.length,
  });
}

const directoryAnswer: Answer = (call) => {
  const path = call.url.pathname.replace('/v1', '');
  if (path === '/organization/projects') {
    const archived = call.url.searchParams.get('include_archived') === 'true';
    return listPage(
      archived ? projects : projects.filter((project) => project.status !== 'archived'),
      call.url,
    );
  }
  if (path === '/organization/users') return listPage(users, call.url);
  const match = /^\/organization\/projects\/([^/]+)\/(api_keys|service_accounts)$/.exec(path);
  if (match?.[2] === 'api_keys') return listPage([apiKey(match[1] ?? '')], call.url);
  if (match?.[2] === 'service_accounts') {
    const account = {
      object: 'organization.project.service_account',
      id: `svc_${match[1]}`,
      name: `Bot of ${match[1]}`,
      role: 'member',
      created_at: 1,
    };
    return listPage([account], call.url);
  }
  return json({ error: { message: 'not found', type: 'invalid_request_error' } }, 404);
};

function setup(answer: Answer = directoryAnswer) {
  const recorded = createRecordedFetch(answer);
  const client = createUsageClient({
    adminKey: 'sk-admin-x',
    baseURL: 'https://api.test/v1',
    fetch: recorded.fetch,
    sleep: async () => {},
  });
  return { client, calls: recorded.calls };
}

describe('directory', () => {
  test('projects follows after cursors to the end, archived included by default', async () => {
    const { client, calls } = setup();
    const all = await client.directory.projects();
    expect(all.map((project) => project.id)).toEqual(projects.map((project) => project.id));
    expect(calls.map((call) => call.url.searchParams.get('after'))).toEqual([null, 'proj_99']);
    expect(calls[0]?.url.searchParams.get('include_archived')).toBe('true');
    const active = await client.directory.projects({ includeArchived: false });
    expect(active).toHaveLength(149);
  });

  test('lists users, keys and service accounts, encoding the project id in the path', async () => {
    const { client, calls } = setup();
    expect(await client.directory.users()).toHaveLength(2);
    expect(await client.directory.apiKeys('proj_1')).toHaveLength(1);
    expect(await client.directory.serviceAccounts('proj_1')).toHaveLength(1);
    await client.directory.apiKeys('../users?x=1').catch(() => undefined);
    expect(calls.at(-1)?.url.pathname).toBe(
      '/v1/organization/projects/..%2Fusers%3Fx%3D1/api_keys',
    );
  });

  test('a repeating after cursor stops with CursorLoopError', async () => {
    const { client } = setup(() =>
      json({
        object: 'list',
        data: [users[0]],
        first_id: 'user-1',
        last_id: 'user-1',
        has_more: true,
      }),
    );
    await expect(client.directory.users()).rejects.toThrow(CursorLoopError);
  });

  test('a malformed list page names the failing path', async () => {
    const { client } = setup(() =>
      json({ object: 'list', data: [{ ...users[0], id: 42 }], has_more: false }),
    );
    const error = await client.directory.users().catch((caught) => caught);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.path).toBe('data.0.id');
  });
});

describe('createNameResolver', () => {
  test('names ids of every kind, archived projects included', async () => {
    const { client } = setup();
    const resolver = createNameResolver(client);
    expect(resolver.name('project', 'proj_1')).toEqual({ id: 'proj_1', name: null, known: false });
    await resolver.load();
    expect(resolver.name('project', 'proj_149')).toEqual({
      id: 'proj_149',
      name: 'Project 149',
      known: true,
      archived: true,
    });
    expect(resolver.name('user', 'user-2')).toMatchObject({ name: 'bo@example.com', known: true });
    expect(resolver.name('user', 'user-gone')).toMatchObject({
      name: 'Former Member',
      known: true,
    });
    expect(resolver.name('api_key', 'key_proj_3')).toMatchObject({ name: 'Key of proj_3' });
    expect(resolver.name('service_account', 'svc_proj_3')).toMatchObject({ name: 'Bot of proj_3' });
    expect(resolver.name('project', '__proto__')).toEqual({
      id: '__proto__',
      name: null,
      known: false,
    });
  });

  test('attaches names beside ids and never drops a row', async () => {
    const { client } = setup();
    const resolver = client.directory.resolver();
    await resolver.load();
    const rows = [
      { project_id: 'proj_1', user_id: 'user-1', api_key_id: 'key_proj_1', input_tokens: 5 },
      { project_id: 'proj_deleted', user_id: null, api_key_id: 'key_gone', input_tokens: 7 },
      { project_id: null, input_tokens: 9 },
      { project_id: 'constructor', user_id: 'svc_proj_2', input_tokens: 1 },
    ];
    const named = rows.map((row) => resolver.attach(row));
    expect(named).toHaveLength(rows.length);
    expect(named[0]).toEqual({
      ...rows[0],
      project_name: 'Project 1',
      user_name: 'Ada',
      api_key_name: 'Key of proj_1',
      unresolved: [],
    });
    expect(named[1]).toMatchObject({
      project_id: 'proj_deleted',
      project_name: null,
      api_key_id: 'key_gone',
      api_key_name: null,
      unresolved: ['project_id', 'api_key_id'],
      input_tokens: 7,
    });
    expect(named[2]).toMatchObject({ project_name: null, unresolved: [] });
    expect(named[3]).toMatchObject({ user_name: 'Bot of proj_2', unresolved: ['project_id'] });
    const buckets = resolver.attachToBuckets([
      { object: 'bucket', start_time: 0, end_time: 1, results: rows },
    ]);
    expect(buckets[0]?.results).toEqual(named);
  });
});
