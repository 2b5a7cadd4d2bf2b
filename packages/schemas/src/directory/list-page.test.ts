import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { ListParamsSchema } from './list-page';
import { OrganizationUserListSchema, OrganizationUserSchema } from './organization-user';
import { ProjectListSchema, ProjectSchema } from './project';
import { ProjectApiKeyListSchema, ProjectApiKeySchema } from './project-api-key';
import {
  ProjectServiceAccountListSchema,
  ProjectServiceAccountSchema,
} from './project-service-account';

// Shaped after the admin API objects as openai@7.55.0 types them.
const activeProject = {
  object: 'organization.project',
  id: 'proj_abc',
  name: 'Project example',
  created_at: 1_711_471_533,
  archived_at: null,
  status: 'active',
  external_key_id: null,
};
const archivedProject = {
  ...activeProject,
  id: 'proj_old',
  archived_at: 1_720_000_000,
  status: 'archived',
};
const user = {
  object: 'organization.user',
  id: 'user_abc',
  name: 'First Last',
  email: 'user@example.com',
  role: 'owner',
  added_at: 1_711_471_533,
  is_service_account: false,
};
const userKey = {
  object: 'organization.project.api_key',
  id: 'key_abc',
  name: 'My API Key',
  redacted_value: 'sk-abc...def',
  created_at: 1_711_471_533,
  last_used_at: 1_711_471_534,
  owner_project_access: 'active',
  owner: {
    type: 'user',
    user: {
      id: 'user_abc',
      name: 'First Last',
      email: 'user@example.com',
      role: 'owner',
      created_at: 1,
    },
  },
};
const serviceAccountKey = {
  ...userKey,
  id: 'key_svc',
  last_used_at: null,
  owner: {
    type: 'service_account',
    service_account: { id: 'svc_acct_abc', name: 'Deploy bot', role: 'member', created_at: 1 },
  },
};
const serviceAccount = {
  object: 'organization.project.service_account',
  id: 'svc_acct_abc',
  name: 'Deploy bot',
  role: 'owner',
  created_at: 1_711_471_533,
};

function listOf(items: unknown[], hasMore = false) {
  const ids = items.map((item) => (item as { id: string }).id);
  return {
    object: 'list',
    data: items,
    first_id: ids[0] ?? null,
    last_id: ids.at(-1) ?? null,
    has_more: hasMore,
  };
}

describe('directory objects', () => {
  test.each([
    ['project', ProjectSchema, activeProject],
    ['archived project', ProjectSchema, archivedProject],
    ['organization user', OrganizationUserSchema, user],
    ['user-owned API key', ProjectApiKeySchema, userKey],
    ['service-account API key', ProjectApiKeySchema, serviceAccountKey],
    ['service account', ProjectServiceAccountSchema, serviceAccount],
  ] as const)('a %s parses and keeps undocumented fields', (_, schema, item) => {
    const parsed = v.parse(schema as v.GenericSchema, { ...item, future_field: 1 });
    expect(parsed).toEqual({ ...item, future_field: 1 });
  });

  test('names may be null or absent, since they only label ids', () => {
    const { name: _name, ...unnamed } = activeProject;
    expect(v.is(ProjectSchema, unnamed)).toBe(true);
    expect(v.is(OrganizationUserSchema, { ...user, name: null, email: null })).toBe(true);
  });

  test.each([
    ['project without id', ProjectSchema, { ...activeProject, id: undefined }, 'id'],
    [
      'project with a string created_at',
      ProjectSchema,
      { ...activeProject, created_at: '2024' },
      'created_at',
    ],
    ['user of another object type', OrganizationUserSchema, { ...user, object: 'user' }, 'object'],
    [
      'key without redacted_value',
      ProjectApiKeySchema,
      { ...userKey, redacted_value: 5 },
      'redacted_value',
    ],
  ] as const)('rejects a %s at that field', (_, schema, item, field) => {
    const outcome = v.safeParse(schema as v.GenericSchema, item);
    expect(outcome.issues?.map((issue) => v.getDotPath(issue))).toEqual([field]);
  });
});

describe('list pages', () => {
  test.each([
    ['projects', ProjectListSchema, [activeProject, archivedProject]],
    ['users', OrganizationUserListSchema, [user]],
    ['API keys', ProjectApiKeyListSchema, [userKey, serviceAccountKey]],
    ['service accounts', ProjectServiceAccountListSchema, [serviceAccount]],
  ] as const)('a page of %s parses with its cursor fields', (_, schema, items) => {
    const page = listOf([...items], true);
    expect(v.parse(schema as v.GenericSchema, page)).toEqual(page);
  });

  test('an empty list has null cursors', () => {
    expect(v.is(ProjectListSchema, listOf([]))).toBe(true);
  });

  test('an item failing its schema is reported with its index', () => {
    const page = listOf([activeProject, archivedProject]);
    page.data[1] = { ...archivedProject, created_at: 'yesterday' };
    const outcome = v.safeParse(ProjectListSchema, page);
    expect(outcome.issues?.map((issue) => v.getDotPath(issue))).toEqual(['data.1.created_at']);
  });
});

describe('list params', () => {
  test('accept after, limit 1..100 and include_archived', () => {
    expect(v.is(ListParamsSchema, { after: 'proj_abc', limit: 100, include_archived: true })).toBe(
      true,
    );
    expect(v.is(ListParamsSchema, { limit: 0 })).toBe(false);
    expect(v.is(ListParamsSchema, { limit: 101 })).toBe(false);
    expect(v.is(ListParamsSchema, { order: 'asc' })).toBe(false);
  });
});
