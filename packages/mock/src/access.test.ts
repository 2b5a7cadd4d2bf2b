import { afterAll, describe, expect, test } from 'vitest';
import { MISSING_MANAGEMENT_SCOPE_MESSAGE } from './access';
import { DEMO_ADMIN_KEY } from './demo-organization';
import { createMockApi } from './mock-api';
import { type MockServer, startMockServer } from './server';

const now = Date.UTC(2026, 8, 15, 12, 30);
const start = Math.floor(now / 1000 / 86_400) * 86_400 - 3 * 86_400;
const headers = { authorization: `Bearer ${DEMO_ADMIN_KEY}` };

const restricted = createMockApi({
  now,
  access: {
    directory: 'forbidden',
    refusedGroupings: { costs: ['api_key_id'], completions: ['user_id', 'api_source'] },
  },
});

async function get(path: string) {
  const response = await restricted.fetch(`${restricted.baseURL}${path}`, { headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('access restrictions', () => {
  test.each([
    '/organization/projects?include_archived=true',
    '/organization/users',
    '/organization/projects/proj_anything/api_keys',
    '/organization/projects/proj_anything/service_accounts',
  ])('a forbidden directory answers %s with OpenAI’s 403', async (path) => {
    expect(await get(path)).toEqual({
      status: 403,
      body: {
        error: {
          message: MISSING_MANAGEMENT_SCOPE_MESSAGE,
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
      },
    });
    expect(MISSING_MANAGEMENT_SCOPE_MESSAGE).toContain('Missing scopes: api.management.read.');
  });

  test('a refused grouping answers 400 naming the field; others answer as usual', async () => {
    const refused = await get(
      `/organization/costs?start_time=${start}&group_by[]=project_id&group_by[]=api_key_id`,
    );
    expect(refused).toEqual({
      status: 400,
      body: {
        error: {
          message:
            'Invalid group_by: api_key_id. Grouping by this field is not supported for this organization.',
          type: 'invalid_request_error',
          param: 'group_by',
          code: null,
        },
      },
    });
    const both = await get(
      `/organization/usage/completions?start_time=${start}&group_by=api_source&group_by=user_id`,
    );
    expect(both.status).toBe(400);
    expect((both.body.error as { message: string }).message).toMatch(
      /^Invalid group_by: api_source, user_id\. /,
    );
    expect(
      (await get(`/organization/costs?start_time=${start}&group_by[]=project_id`)).status,
    ).toBe(200);
    expect(
      (await get(`/organization/usage/embeddings?start_time=${start}&group_by[]=user_id`)).status,
    ).toBe(200);
  });

  test('usage and costs stay readable with a forbidden directory', async () => {
    expect((await get(`/organization/usage/completions?start_time=${start}`)).status).toBe(200);
  });

  test('everything is allowed by default', async () => {
    const open = createMockApi({ now });
    const response = await open.fetch(`${open.baseURL}/organization/users`, { headers });
    expect(response.status).toBe(200);
  });

  test('rejects unknown endpoints, dimensions and directory values at creation', () => {
    expect(() =>
      createMockApi({ now, access: { refusedGroupings: { costs: ['model' as 'project_id'] } } }),
    ).toThrow(/"model" is not a dimension/);
    expect(() =>
      createMockApi({ now, access: { refusedGroupings: { nope: ['x'] } as never } }),
    ).toThrow(/unknown endpoint "nope"/);
    expect(() => createMockApi({ now, access: { directory: 'maybe' as 'allowed' } })).toThrow(
      /access.directory/,
    );
  });
});

describe('startMockServer with access restrictions', () => {
  let server: MockServer | undefined;
  afterAll(() => server?.close());

  test('serves the same refusals over HTTP', async () => {
    server = await startMockServer({ now, access: { directory: 'forbidden' } });
    const response = await fetch(`${server.baseURL}/organization/projects`, { headers });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      error: { message: MISSING_MANAGEMENT_SCOPE_MESSAGE },
    });
  });
});
