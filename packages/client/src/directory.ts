import {
  type OrganizationUser,
  OrganizationUserListSchema,
  type Project,
  type ProjectApiKey,
  ProjectApiKeyListSchema,
  ProjectListSchema,
  type ProjectServiceAccount,
  ProjectServiceAccountListSchema,
} from '@usagekit/schemas';
import * as v from 'valibot';
import type { ClientCapabilities } from './capabilities';
import type { ClientCore } from './core';
import { startDeadline } from './deadline';
import { CursorLoopError, PageLimitError, ResponseValidationError } from './errors';
import { detectScopeRefusal } from './refusal';
import { type Progress, type RequestOptions, sendRequest } from './request';

/** Options of {@link Directory.projects}. */
export interface ProjectsOptions extends RequestOptions {
  /** Include archived projects, whose past usage still needs a name. @default true */
  readonly includeArchived?: boolean | undefined;
}

/**
 * The organization's people, projects and keys, each list read to its end. A refused read (403,
 * or a 401 naming a scope) throws {@link PermissionDeniedError} or {@link AuthenticationError}
 * and is recorded in the client's `capabilities`.
 */
export interface Directory {
  /**
   * What the client behind this directory has learned its key may read; a resolver reads
   * `names.available` to skip a directory it knows it cannot read. Absent on directories that are
   * not a client's.
   */
  readonly capabilities?: ClientCapabilities | undefined;
  /**
   * Lists every project, archived ones included by default.
   *
   * @param options `includeArchived` and per-call overrides.
   *
   * @returns Every project.
   */
  projects(options?: ProjectsOptions): Promise<Project[]>;
  /**
   * Lists every member of the organization.
   *
   * @param options Per-call overrides.
   *
   * @returns Every user.
   */
  users(options?: RequestOptions): Promise<OrganizationUser[]>;
  /**
   * Lists every API key of a project.
   *
   * @param projectId The project.
   * @param options Per-call overrides.
   *
   * @returns Every key (redacted values only).
   */
  apiKeys(projectId: string, options?: RequestOptions): Promise<ProjectApiKey[]>;
  /**
   * Lists every service account of a project.
   *
   * @param projectId The project.
   * @param options Per-call overrides.
   *
   * @returns Every service account.
   */
  serviceAccounts(projectId: string, options?: RequestOptions): Promise<ProjectServiceAccount[]>;
}

interface ListPage<TItem> {
  readonly data: TItem[];
  readonly has_more: boolean;
  readonly last_id?: string | null | undefined;
}

const PAGE_LIMIT = 100;

/** The most pages a directory list is followed for: half a million items. */
const MAX_LIST_PAGES = 5_000;
/**
 * The largest directory page read: 100 projects, users or keys take tens of kilobytes, so a
 * page of megabytes is a broken or hostile server, not a big organization. @unit bytes
 */
const MAX_LIST_PAGE_BYTES = 2 * 1024 * 1024;

function dotPath(issue: v.BaseIssue<unknown>): string {
  return v.getDotPath(issue) ?? '';
}

/**
 * Creates the directory calls of a client. Lists page with `after` (the previous page's
 * `last_id`) while `has_more` is true, and stop with {@link CursorLoopError} when a cursor repeats
 * and with {@link PageLimitError} past 5,000 pages (half a million items).
 *
 * @param core The client core.
 *
 * @returns The directory.
 */
export function createDirectory(core: ClientCore): Directory {
  async function listAll<TItem extends { id: string }>(
    name: string,
    path: string,
    schema: v.GenericSchema<unknown, ListPage<TItem>>,
    query: Readonly<Record<string, string>>,
    options: RequestOptions | undefined,
  ): Promise<TItem[]> {
    const items: TItem[] = [];
    const seen = new Set<string>();
    const progress: Progress = { planned: 1, started: 0, done: 0 };
    const parse = (json: unknown, request: string): ListPage<TItem> => {
      if (core.validation === 'off') return json as ListPage<TItem>;
      const parsed = v.safeParse(schema, json);
      if (parsed.success) return parsed.output;
      const issues = parsed.issues.map((issue) => ({
        path: dotPath(issue),
        message: issue.message,
        input: issue.input,
      }));
      throw new ResponseValidationError(
        request,
        issues as [(typeof issues)[number], ...typeof issues],
        false,
      );
    };
    async function readPages(requestOptions: RequestOptions): Promise<TItem[]> {
      let after: string | undefined;
      for (let pagesRead = 0; ; pagesRead++) {
        if (pagesRead >= MAX_LIST_PAGES) throw new PageLimitError(name, MAX_LIST_PAGES);
        const search = new URLSearchParams({ ...query, limit: String(PAGE_LIMIT) });
        if (after !== undefined) search.set('after', after);
        let page: ListPage<TItem>;
        try {
          page = await sendRequest(
            core.context,
            {
              endpoint: name,
              path,
              query: search.toString(),
              parse,
              progress,
              maxBodyBytes: MAX_LIST_PAGE_BYTES,
            },
            requestOptions,
          );
        } catch (error) {
          const refusal = detectScopeRefusal(error);
          if (refusal !== undefined) core.capabilities.namesRefused(refusal);
          throw error;
        }
        core.capabilities.namesRead();
        for (const item of page.data) items.push(item);
        if (!page.has_more) return items;
        const cursor = page.last_id ?? page.data.at(-1)?.id;
        if (cursor === undefined || cursor === '') {
          throw new ResponseValidationError(
            `GET ${path}`,
            [
              {
                path: 'last_id',
                message: 'has_more is true but the page names no last id',
                input: null,
              },
            ],
            false,
          );
        }
        if (seen.has(cursor)) {
          throw new CursorLoopError(name, core.context.redact(cursor), pagesRead + 1);
        }
        seen.add(cursor);
        after = cursor;
        progress.planned++;
      }
    }

    const deadline = startDeadline(`GET ${path}`, options ?? {}, core.context.deadlineMs);
    try {
      return await readPages(deadline.options);
    } catch (error) {
      throw deadline.translate(error);
    }
  }

  const projectPath = (projectId: string, list: string) =>
    `/organization/projects/${encodeURIComponent(projectId)}/${list}`;

  return {
    get capabilities() {
      return core.capabilities.snapshot();
    },
    projects(options = {}) {
      const { includeArchived = true, ...requestOptions } = options;
      return listAll(
        'projects',
        '/organization/projects',
        ProjectListSchema,
        { include_archived: String(includeArchived) },
        requestOptions,
      );
    },
    users(options) {
      return listAll('users', '/organization/users', OrganizationUserListSchema, {}, options);
    },
    apiKeys(projectId, options) {
      return listAll(
        'api_keys',
        projectPath(projectId, 'api_keys'),
        ProjectApiKeyListSchema,
        {},
        options,
      );
    },
    serviceAccounts(projectId, options) {
      return listAll(
        'service_accounts',
        projectPath(projectId, 'service_accounts'),
        ProjectServiceAccountListSchema,
        {},
        options,
      );
    },
  };
}
