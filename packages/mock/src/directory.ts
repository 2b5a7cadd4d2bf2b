import { ListParamsSchema } from '@usagekit/schemas';
import * as v from 'valibot';
import { errorResponse, jsonResponse } from './error-response';
import type { DemoApiKey, DemoOrganization, DemoUser } from './organization';

const DEFAULT_LIST_LIMIT = 20;

interface Identified {
  readonly id: string;
}

function decodeListParams(search: URLSearchParams): Record<string, unknown> {
  const params: Record<string, unknown> = Object.create(null);
  for (const [key, raw] of search) {
    if (key === 'limit') params[key] = /^\d+$/.test(raw) ? Number(raw) : raw;
    else if (key === 'include_archived')
      params[key] = raw === 'true' ? true : raw === 'false' ? false : raw;
    else params[key] = raw;
  }
  return { ...params };
}

function listPage(
  items: readonly Identified[],
  after: string | undefined,
  limit: number,
): Response {
  let start = 0;
  if (after !== undefined) {
    const index = items.findIndex((item) => item.id === after);
    if (index < 0) {
      return errorResponse(400, {
        message: 'after must be the id of an item of this list (the last_id of the previous page)',
        type: 'invalid_request_error',
        param: 'after',
        code: 'invalid_value',
      });
    }
    start = index + 1;
  }
  const data = items.slice(start, start + limit);
  return jsonResponse(
    JSON.stringify({
      object: 'list',
      data,
      first_id: data[0]?.id ?? null,
      last_id: data[data.length - 1]?.id ?? null,
      has_more: start + limit < items.length,
    }),
  );
}

function userObject(user: DemoUser, object: string) {
  return {
    object,
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    added_at: user.added_at,
  };
}

/** Answers the admin list endpoints from the organization's directory. */
export class Directory {
  readonly #organization: DemoOrganization;
  readonly #projects: ReadonlyMap<string, DemoOrganization['projects'][number]>;
  readonly #users: ReadonlyMap<string, DemoUser>;
  readonly #serviceAccounts: ReadonlyMap<string, DemoOrganization['serviceAccounts'][number]>;

  /**
   * @param organization The organization whose directory is served.
   */
  constructor(organization: DemoOrganization) {
    this.#organization = organization;
    this.#projects = new Map(organization.projects.map((project) => [project.id, project]));
    this.#users = new Map(organization.users.map((user) => [user.id, user]));
    this.#serviceAccounts = new Map(
      organization.serviceAccounts.map((account) => [account.id, account]),
    );
  }

  #keyObject(key: DemoApiKey) {
    const base = {
      object: 'organization.project.api_key',
      id: key.id,
      name: key.name,
      redacted_value: key.redacted_value,
      created_at: key.created_at,
      last_used_at: Math.min(this.#organization.now, key.created_at + 86_400 * 30),
    };
    if (key.owner.type === 'user') {
      const user = this.#users.get(key.owner.userId);
      return {
        ...base,
        owner: {
          type: 'user',
          user: user ? userObject(user, 'organization.project.user') : undefined,
        },
      };
    }
    const account = this.#serviceAccounts.get(key.owner.serviceAccountId);
    return {
      ...base,
      owner: {
        type: 'service_account',
        service_account: account && {
          object: 'organization.project.service_account',
          id: account.id,
          name: account.name,
          role: account.role,
          created_at: account.created_at,
        },
      },
    };
  }

  /**
   * Answers a GET below `/organization` that names a directory list.
   *
   * @param segments Path segments after `/v1/organization`.
   * @param search The query.
   *
   * @returns The response, or `undefined` when the path is not a directory list.
   */
  respond(segments: readonly string[], search: URLSearchParams): Response | undefined {
    const [collection, projectId, sub, ...rest] = segments;
    const isProjects = collection === 'projects' && segments.length === 1;
    const isUsers = collection === 'users' && segments.length === 1;
    const isProjectList =
      collection === 'projects' &&
      rest.length === 0 &&
      (sub === 'api_keys' || sub === 'service_accounts');
    if (!isProjects && !isUsers && !isProjectList) return undefined;
    const parsed = v.safeParse(ListParamsSchema, decodeListParams(search));
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const key = issue.path?.[0]?.key;
      const param = typeof key === 'string' ? key : String(issue.input);
      return errorResponse(400, {
        message: `Invalid value for ${param}: limit must be an integer from 1 to 100, include_archived true or false, after a list item id; accepted parameters: after, limit, include_archived`,
        type: 'invalid_request_error',
        param,
        code: 'invalid_value',
      });
    }
    const {
      after,
      limit = DEFAULT_LIST_LIMIT,
      include_archived: includeArchived = false,
    } = parsed.output;
    if (isUsers) {
      return listPage(
        this.#organization.users.map((user) => userObject(user, 'organization.user')),
        after,
        limit,
      );
    }
    if (isProjects) {
      const projects = this.#organization.projects
        .filter((project) => includeArchived || project.status === 'active')
        .map((project) => ({ object: 'organization.project', ...project }));
      return listPage(projects, after, limit);
    }
    const project = projectId === undefined ? undefined : this.#projects.get(projectId);
    if (!project) {
      return errorResponse(404, {
        message: 'No project found with that id.',
        type: 'invalid_request_error',
        param: 'project_id',
        code: 'not_found',
      });
    }
    if (sub === 'api_keys') {
      const keys = this.#organization.apiKeys
        .filter((key) => key.projectId === project.id && !key.deleted)
        .map((key) => this.#keyObject(key));
      return listPage(keys, after, limit);
    }
    const accounts = this.#organization.serviceAccounts
      .filter((account) => account.projectId === project.id)
      .map((account) => ({
        object: 'organization.project.service_account',
        id: account.id,
        name: account.name,
        role: account.role,
        created_at: account.created_at,
      }));
    return listPage(accounts, after, limit);
  }
}
