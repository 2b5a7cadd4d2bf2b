import { type EndpointName, endpointNames, isEndpointName, type ParamsOf } from '@usagekit/schemas';
import type { ClientCapabilities } from './capabilities';
import { createClientCore, type UsageClientOptions } from './core';
import { createDirectory, type Directory } from './directory';
import { createEndpointResource, type EndpointResource } from './endpoint-resource';
import { UsageClientError } from './errors';
import { createNameResolver, type NameResolver } from './name-resolver';
import type { RequestPlan } from './planner';

/** The client's directory calls, plus a name resolver bound to them. */
export interface ClientDirectory extends Directory {
  /**
   * Creates a name resolver over this client's directory (call `load()` before use).
   *
   * @returns The resolver.
   */
  resolver(): NameResolver;
}

/** A client of the Usage and Costs APIs: one resource per endpoint of the registry. */
export type UsageClient = { readonly [TName in EndpointName]: EndpointResource<TName> } & {
  /**
   * Gets an endpoint's resource by name, for names chosen at run time.
   *
   * @param name An endpoint name of the registry.
   *
   * @returns The resource.
   * @throws {UsageClientError} listing the known names when `name` is not one.
   */
  endpoint<TName extends EndpointName>(name: TName): EndpointResource<TName>;
  /**
   * Computes the requests `all()` would send for a range, without sending any.
   *
   * @param name The endpoint.
   * @param params The query; checked first.
   *
   * @returns The plan, with `describe()` for display.
   * @throws {InvalidParamsError} when a parameter is invalid.
   */
  plan<TName extends EndpointName>(name: TName, params: ParamsOf<TName>): RequestPlan<TName>;
  /** Projects, users, API keys and service accounts. */
  readonly directory: ClientDirectory;
  /** The concurrency in force now (lower than the maximum after 429s). */
  readonly concurrency: number;
  /**
   * What this client has learned its key and organization allow: whether names can be read,
   * and which groupings each endpoint refused. A frozen snapshot; read it again after calls.
   */
  readonly capabilities: ClientCapabilities;
};

/**
 * Creates a client. Reads `OPENAI_ADMIN_KEY` and `OPENAI_BASE_URL` now (never at import) when
 * the options do not give them.
 *
 * @param options Key, base URL, fetch, limits, validation mode and event hook.
 *
 * @returns The client.
 * @throws {UsageClientError} when no admin key is found or an option is out of range.
 *
 * @example
 * const client = createUsageClient({ concurrency: 8 });
 * const buckets = await client.costs.all({ start_time: 1_735_689_600, group_by: ['project_id'] });
 */
export function createUsageClient(options: UsageClientOptions = {}): UsageClient {
  const core = createClientCore(options);
  const resources = new Map<EndpointName, EndpointResource<EndpointName>>();
  for (const name of endpointNames) resources.set(name, createEndpointResource(core, name));
  const resource = <TName extends EndpointName>(name: TName): EndpointResource<TName> => {
    const found =
      typeof name === 'string' && isEndpointName(name) ? resources.get(name) : undefined;
    if (found === undefined) {
      throw new UsageClientError(
        `Unknown endpoint "${String(name)}"; known: ${endpointNames.join(', ')}`,
      );
    }
    return found as unknown as EndpointResource<TName>;
  };
  const directory = createDirectory(core);
  const client = {
    ...Object.fromEntries(resources),
    endpoint: resource,
    plan: <TName extends EndpointName>(name: TName, params: ParamsOf<TName>) =>
      resource(name).plan(params),
    directory: Object.defineProperties(
      { ...directory, resolver: () => createNameResolver(directory) },
      Object.getOwnPropertyDescriptors(directory),
    ),
    get capabilities() {
      return core.capabilities.snapshot();
    },
    get concurrency() {
      return core.pool.concurrency;
    },
  };
  return client as unknown as UsageClient;
}
