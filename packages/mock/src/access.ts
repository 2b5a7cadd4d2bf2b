import {
  type DimensionOf,
  type EndpointName,
  getEndpoint,
  isEndpointName,
} from '@usagekit/schemas';
import { errorResponse } from './error-response';

/**
 * What the key the mock serves may read, to test how apps degrade. Everything is allowed by
 * default; each restriction answers the way OpenAI does, deterministically, on every request.
 */
export interface MockAccessOptions {
  /**
   * `'forbidden'` answers every directory read (`/organization/projects…`, `/organization/users`)
   * with 403 `Missing scopes: api.management.read`, as for a key without that scope.
   * @default 'allowed'
   */
  directory?: 'allowed' | 'forbidden' | undefined;
  /**
   * Per endpoint, `group_by` fields the organization does not accept: a request grouping by any
   * of them gets a 400 whose message names them (`Invalid group_by: …`, `param: 'group_by'`).
   * @example { costs: ['api_key_id'], completions: ['user_id'] }
   */
  refusedGroupings?:
    | { readonly [TName in EndpointName]?: readonly DimensionOf<TName>[] | undefined }
    | undefined;
}

/** The message of OpenAI's 403 for a key without the directory scope. */
export const MISSING_MANAGEMENT_SCOPE_MESSAGE =
  "You have insufficient permissions for this operation. Missing scopes: api.management.read. Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), and if you're using a restricted API key, that it has the necessary scopes.";

/** The access restrictions of one mock, checked once at creation. */
export class AccessRules {
  readonly #directoryForbidden: boolean;
  readonly #refused = new Map<EndpointName, readonly string[]>();

  /**
   * @param options The restrictions.
   * @throws {RangeError} for an unknown `directory` value, endpoint or dimension.
   */
  constructor(options: MockAccessOptions = {}) {
    const directory = options.directory ?? 'allowed';
    if (directory !== 'allowed' && directory !== 'forbidden') {
      throw new RangeError(
        `access.directory must be 'allowed' or 'forbidden'; got ${String(directory)}`,
      );
    }
    this.#directoryForbidden = directory === 'forbidden';
    for (const [name, fields] of Object.entries(options.refusedGroupings ?? {})) {
      if (!isEndpointName(name)) {
        throw new RangeError(`access.refusedGroupings: unknown endpoint "${name}"`);
      }
      const dimensions: readonly string[] = getEndpoint(name).dimensions;
      for (const field of fields ?? []) {
        if (!dimensions.includes(field)) {
          throw new RangeError(
            `access.refusedGroupings.${name}: "${field}" is not a dimension; known: ${dimensions.join(', ')}`,
          );
        }
      }
      if (fields !== undefined && fields.length > 0) this.#refused.set(name, [...fields]);
    }
  }

  /**
   * The answer to a directory read, when the key may not make it.
   *
   * @returns A 403, or `undefined` when directory reads are allowed.
   */
  directoryRefusal(): Response | undefined {
    if (!this.#directoryForbidden) return undefined;
    return errorResponse(403, {
      message: MISSING_MANAGEMENT_SCOPE_MESSAGE,
      type: 'invalid_request_error',
      param: null,
      code: null,
    });
  }

  /**
   * The answer to a usage or costs request grouping by a refused field.
   *
   * @param name The endpoint.
   * @param groupBy The request's `group_by`.
   *
   * @returns A 400 naming the refused fields (in the request's order), or `undefined`.
   */
  groupingRefusal(
    name: EndpointName,
    groupBy: readonly string[] | undefined,
  ): Response | undefined {
    const refused = this.#refused.get(name);
    if (refused === undefined || groupBy === undefined) return undefined;
    const fields = groupBy.filter((field) => refused.includes(field));
    if (fields.length === 0) return undefined;
    return errorResponse(400, {
      message: `Invalid group_by: ${fields.join(', ')}. Grouping by ${fields.length === 1 ? 'this field is' : 'these fields is'} not supported for this organization.`,
      type: 'invalid_request_error',
      param: 'group_by',
      code: null,
    });
  }
}
