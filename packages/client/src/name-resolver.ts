import type { Bucket } from '@usagekit/schemas';
import type { Directory } from './directory';
import { detectScopeRefusal } from './refusal';
import type { RequestOptions } from './request';

/** What kind of id a name is looked up for. */
export type NameKind = 'project' | 'user' | 'api_key' | 'service_account';

/** The name of one id; unknown ids keep their id and have `known: false`. */
export interface ResolvedName {
  readonly id: string;
  /** The name, `null` when unknown or unnamed. Untrusted text from the API: escape it. */
  readonly name: string | null;
  /** Whether the directory holds this id (false for deleted or foreign ids). */
  readonly known: boolean;
  /** Whether the project is archived (projects only). */
  readonly archived?: boolean | undefined;
}

/** The id fields of a result that get a name beside them. */
export type NamedIdField = 'project_id' | 'user_id' | 'api_key_id';

/** The fields {@link NameResolver.attach} adds beside the ids. */
export interface NameFields {
  /** The project's name, `null` when the row has no project id or it is unknown. */
  readonly project_name: string | null;
  /** The user's name (or email), `null` when absent or unknown. */
  readonly user_name: string | null;
  /** The API key's name, `null` when absent or unknown. */
  readonly api_key_name: string | null;
  /** Id fields whose id is not in the directory (deleted or foreign); empty when all resolved. */
  readonly unresolved: readonly NamedIdField[];
}

/** Turns ids in results into names. */
export interface NameResolver {
  /**
   * Reads projects (archived included), users, and every project's API keys and service
   * accounts. Call again to refresh. When the key may not read the directory (403, or a 401
   * naming a scope) it resolves anyway with every id unknown, and the client records
   * `capabilities.names.available = false` with its reason and emits one `capability-refused`
   * event; later loads over the same client send nothing. Other errors reject.
   *
   * @param options Per-call overrides.
   */
  load(options?: RequestOptions): Promise<void>;
  /**
   * Looks up one id. Before {@link NameResolver.load} every id is unknown.
   *
   * @param kind What the id is.
   * @param id The id.
   *
   * @returns Its name, or the id flagged unknown.
   */
  name(kind: NameKind, id: string): ResolvedName;
  /**
   * Copies a result row with `project_name`, `user_name` and `api_key_name` beside its ids.
   * Never drops a row: unknown ids keep their id and are listed in `unresolved`.
   *
   * @param row A result row.
   *
   * @returns The row with names.
   */
  attach<TRow extends object>(row: TRow): TRow & NameFields;
  /**
   * Attaches names to every result of every bucket, keeping every bucket and row.
   *
   * @param buckets Buckets from `all()` or `list()`.
   *
   * @returns New buckets whose results carry names.
   */
  attachToBuckets<TResult extends object>(
    buckets: readonly Bucket<TResult>[],
  ): Bucket<TResult & NameFields>[];
}

interface Entry {
  readonly name: string | null;
  readonly archived?: boolean | undefined;
}

const NONE: readonly NamedIdField[] = Object.freeze([]);

function idOf(row: object, field: NamedIdField): string | null {
  const value = Object.hasOwn(row, field) ? (row as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * Creates a name resolver over a client's directory. Names live in `Map`s, so no id from the API
 * can reach an object prototype.
 *
 * @param source A client, or its directory (`client.directory`).
 *
 * @returns The resolver, empty until {@link NameResolver.load} is called.
 */
export function createNameResolver(
  source: Directory | { readonly directory: Directory },
): NameResolver {
  const directory = 'directory' in source ? source.directory : source;
  let tables = new Map<NameKind, Map<string, Entry>>();

  /** Finds an id; a user id may also belong to a service account. */
  function find(kind: NameKind, id: string): Entry | undefined {
    return (
      tables.get(kind)?.get(id) ??
      (kind === 'user' ? tables.get('service_account')?.get(id) : undefined)
    );
  }

  function nameOf(kind: NameKind, id: string | null): string | null {
    return id === null ? null : (find(kind, id)?.name ?? null);
  }

  function isUnknown(kind: NameKind, id: string | null): boolean {
    return id !== null && find(kind, id) === undefined;
  }

  /** The id fields that hold an unknown id; the shared empty list when all are known. */
  function unresolvedFields(
    projectId: string | null,
    userId: string | null,
    apiKeyId: string | null,
  ): readonly NamedIdField[] {
    const project = isUnknown('project', projectId);
    const user = isUnknown('user', userId);
    const apiKey = isUnknown('api_key', apiKeyId);
    if (!project && !user && !apiKey) return NONE;
    const fields: NamedIdField[] = [];
    if (project) fields.push('project_id');
    if (user) fields.push('user_id');
    if (apiKey) fields.push('api_key_id');
    return fields;
  }

  /** Reads every list of the directory into lookup tables. */
  async function readTables(
    options: RequestOptions | undefined,
  ): Promise<Map<NameKind, Map<string, Entry>>> {
    const [projects, users] = await Promise.all([
      directory.projects({ ...options, includeArchived: true }),
      directory.users(options),
    ]);
    const projectTable = new Map<string, Entry>();
    for (const project of projects) {
      const archived = project.status === 'archived' || typeof project.archived_at === 'number';
      projectTable.set(project.id, { name: project.name ?? null, archived });
    }
    const userTable = new Map<string, Entry>();
    for (const user of users) userTable.set(user.id, { name: user.name ?? user.email ?? null });
    const keyTable = new Map<string, Entry>();
    const accountTable = new Map<string, Entry>();
    const perProject = await Promise.all(
      projects.map((project) =>
        Promise.all([
          directory.apiKeys(project.id, options),
          directory.serviceAccounts(project.id, options),
        ]),
      ),
    );
    for (const [keys, accounts] of perProject) {
      for (const key of keys) {
        keyTable.set(key.id, { name: key.name });
        const owner = key.owner.user;
        // Keys outlive their owner's membership: keep the owner's name for past usage.
        if (owner && !userTable.has(owner.id)) {
          userTable.set(owner.id, { name: owner.name ?? owner.email ?? null });
        }
      }
      for (const account of accounts) accountTable.set(account.id, { name: account.name });
    }
    return new Map([
      ['project', projectTable],
      ['user', userTable],
      ['api_key', keyTable],
      ['service_account', accountTable],
    ]);
  }

  /** Set once this resolver saw a refusal, for directories that are not a client's. */
  let refused = false;

  const resolver: NameResolver = {
    async load(options) {
      if (refused || directory.capabilities?.names.available === false) {
        tables = new Map();
        return;
      }
      try {
        tables = await readTables(options);
      } catch (error) {
        if (detectScopeRefusal(error) === undefined) throw error;
        refused = true;
        tables = new Map();
      }
    },
    name(kind, id) {
      const entry = find(kind, id);
      if (entry === undefined) return { id, name: null, known: false };
      return kind === 'project'
        ? { id, name: entry.name, known: true, archived: entry.archived === true }
        : { id, name: entry.name, known: true };
    },
    attach(row) {
      const projectId = idOf(row, 'project_id');
      const userId = idOf(row, 'user_id');
      const apiKeyId = idOf(row, 'api_key_id');
      const unresolved = unresolvedFields(projectId, userId, apiKeyId);
      return {
        ...row,
        project_name: nameOf('project', projectId),
        user_name: nameOf('user', userId),
        api_key_name: nameOf('api_key', apiKeyId),
        unresolved,
      };
    },
    attachToBuckets(buckets) {
      return buckets.map((bucket) => ({
        ...bucket,
        results: bucket.results.map((result) => resolver.attach(result)),
      }));
    },
  };
  return resolver;
}
