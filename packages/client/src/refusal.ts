import { type EndpointName, getEndpoint } from '@usagekit/schemas';
import { APIError } from './errors';

/** A directory read the key may not make: a 403, or a 401 that names a scope or permission. */
export interface ScopeRefusal {
  /** The HTTP status, 401 or 403. */
  readonly status: number;
  /** The scopes the server said are missing (`Missing scopes: …`), possibly none. */
  readonly scopes: readonly string[];
  /** The server's message, already redacted. */
  readonly message: string;
}

/**
 * Fields the API is known to refuse for some organizations or deployments, likeliest first: the
 * one dropped when a 400 refuses a grouping without naming a field. `api_source` is the newest
 * dimension (older deployments lack it); on costs `user_id` and `api_key_id` are newer and
 * depend on the organization.
 */
const LIKELIEST_REFUSED: { readonly [TKind in 'usage' | 'costs']: readonly string[] } = {
  usage: ['api_source'],
  costs: ['api_source', 'user_id', 'api_key_id'],
};

const SCOPE_TOKEN = /^\s*(?:,|and\b)?\s*([A-Za-z][\w-]*(?:\.[\w-]+)+)/;

function serverMessageOf(error: APIError): string {
  const body = error.body;
  if (typeof body === 'object' && body !== null) {
    const inner = (body as { error?: unknown }).error;
    if (typeof inner === 'object' && inner !== null) {
      const message = (inner as { message?: unknown }).message;
      if (typeof message === 'string') return message;
    }
  }
  return typeof body === 'string' ? body.slice(0, 500) : '';
}

function serverParamOf(error: APIError): string | undefined {
  const body = error.body;
  if (typeof body !== 'object' || body === null) return undefined;
  const inner = (body as { error?: unknown }).error;
  if (typeof inner !== 'object' || inner === null) return undefined;
  const param = (inner as { param?: unknown }).param;
  return typeof param === 'string' ? param : undefined;
}

/**
 * Reads the scopes a message says are missing, e.g. `Missing scopes: api.management.read.`
 *
 * @param message The server's message.
 *
 * @returns The scope names, in order; empty when the message names none.
 */
export function missingScopes(message: string): string[] {
  const found = /missing scopes?\s*:?/i.exec(message);
  if (found === null) return [];
  let rest = message.slice(found.index + found[0].length);
  const scopes: string[] = [];
  for (let match = SCOPE_TOKEN.exec(rest); match !== null; match = SCOPE_TOKEN.exec(rest)) {
    scopes.push((match[1] as string).replace(/\.$/, ''));
    rest = rest.slice(match[0].length);
  }
  return scopes;
}

/**
 * Tells whether an error means the key may not make a read: any 403, or a 401 whose message
 * speaks of a scope or permission (a 401 for a wrong key is not a refusal).
 *
 * @param error What a request threw.
 *
 * @returns The refusal, or `undefined` for any other error.
 */
export function detectScopeRefusal(error: unknown): ScopeRefusal | undefined {
  if (!(error instanceof APIError)) return undefined;
  const message = serverMessageOf(error);
  if (error.status === 401 && !/scope|permission/i.test(message)) return undefined;
  if (error.status !== 401 && error.status !== 403) return undefined;
  return { status: error.status, scopes: missingScopes(message), message };
}

/**
 * The plain sentence apps show when names cannot be read.
 *
 * @param refusal The directory read's refusal.
 *
 * @returns For example `names unavailable: this key lacks api.management.read; showing ids`.
 */
export function describeNamesRefusal(refusal: ScopeRefusal): string {
  if (refusal.scopes.length > 0) {
    return `names unavailable: this key lacks ${refusal.scopes.join(', ')}; showing ids`;
  }
  return `names unavailable: this key may not read projects and users (HTTP ${refusal.status}); showing ids`;
}

/** A grouping the API refused for one request. */
export interface GroupingRefusal {
  /** The `group_by` fields to drop, at least one, each one the request sent. */
  readonly fields: readonly string[];
  /** The server's message, already redacted. */
  readonly message: string;
}

function namesField(message: string, field: string): boolean {
  return new RegExp(`(?<![\\w.])${field}(?![\\w])`).test(message);
}

/**
 * Tells whether an error is a 400 refusing a grouping, and which sent `group_by` fields to drop.
 * A 400 refuses a grouping when its `param` is `group_by` or its message speaks of `group_by`,
 * "group by" or "grouping". The fields to drop are those the message names; when it names
 * several (a refused combination, e.g. `user_id` with `project_id`), all but the oldest (the
 * first in the registry's dimensions, e.g. `project_id`) are dropped, so the combination goes
 * and the most established dimension stays; a further 400 drops more, one retry per refusal.
 * When it names none, the likeliest refused field sent is dropped (`api_source`, then on costs
 * `user_id` and `api_key_id`), else the last field sent.
 *
 * @param error What a request threw.
 * @param endpoint The endpoint the request was for.
 * @param groupBy The `group_by` fields the request sent.
 *
 * @returns The refusal, or `undefined` when the error is not a grouping refusal or nothing is
 * left to drop.
 */
export function detectRefusedGrouping(
  error: unknown,
  endpoint: EndpointName,
  groupBy: readonly string[],
): GroupingRefusal | undefined {
  if (!(error instanceof APIError) || error.status !== 400 || groupBy.length === 0) {
    return undefined;
  }
  const message = serverMessageOf(error);
  const param = serverParamOf(error);
  const aboutGrouping =
    (param !== undefined && /^group_by/.test(param)) || /group[_ ]?by|grouping/i.test(message);
  if (!aboutGrouping) return undefined;
  const definition = getEndpoint(endpoint);
  const dimensions: readonly string[] = definition.dimensions;
  const named = groupBy.filter((field) => namesField(message, field));
  if (named.length === 1) return { fields: named, message };
  if (named.length > 1) {
    const byAge = [...named].sort(
      (left, right) => dimensions.indexOf(left) - dimensions.indexOf(right),
    );
    return { fields: byAge.slice(1), message };
  }
  const likeliest = LIKELIEST_REFUSED[definition.kind].find((field) => groupBy.includes(field));
  return { fields: [likeliest ?? (groupBy.at(-1) as string)], message };
}
