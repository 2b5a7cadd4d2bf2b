import {
  assertParams,
  type Bucket,
  type EndpointName,
  encodeQuery,
  getEndpoint,
  type Page,
  type ParamsOf,
  parsePage,
  type ResultOf,
} from '@usagekit/schemas';
import type { ClientCore } from './core';
import { ResponseValidationError } from './errors';
import { followPages, PagePromise } from './pagination';
import type { RequestPlan } from './planner';
import { type Progress, type RequestOptions, sendRequest } from './request';

/** The calls of one usage or costs endpoint. */
export interface EndpointResource<TName extends EndpointName> {
  /** The endpoint's registry name. */
  readonly name: TName;
  /**
   * Fetches one raw page (the server's, not planned).
   *
   * @param params The query; checked before sending.
   * @param options Per-call overrides.
   *
   * @returns The validated page.
   * @throws {InvalidParamsError} before any request when a parameter is invalid.
   */
  page(params: ParamsOf<TName>, options?: RequestOptions): Promise<Page<ResultOf<TName>>>;
  /**
   * Pages through the server's answer: await for the first page, `for await` for every bucket,
   * `.pages()` for page after page. Nothing is sent until it is awaited or iterated.
   *
   * @param params The query; checked now, before any request.
   * @param options Per-call overrides.
   *
   * @returns The page promise.
   * @throws {InvalidParamsError} at once when a parameter is invalid.
   */
  list(params: ParamsOf<TName>, options?: RequestOptions): PagePromise<ResultOf<TName>>;
  /**
   * Fetches every bucket of the range in time order: plans independent sub-ranges, runs them
   * through the client's pool, follows `next_page` where the server says `has_more`, and fails
   * as a whole (nothing partial) when any request fails for good.
   *
   * @param params The query; without `end_time` the range ends now.
   * @param options Per-call overrides.
   *
   * @returns Every bucket, in time order.
   */
  all(params: ParamsOf<TName>, options?: RequestOptions): Promise<Bucket<ResultOf<TName>>[]>;
  /**
   * Computes the requests `all` would send, without sending any.
   *
   * @param params The query.
   *
   * @returns The plan.
   */
  plan(params: ParamsOf<TName>): RequestPlan<TName>;
}

/** Why sibling requests of a failed `all()` were stopped. */
const SIBLING_FAILED = new Error('A sibling request failed');

/**
 * Builds the calls of one endpoint from its registry entry; no endpoint has code of its own.
 *
 * @param core The client core.
 * @param name The endpoint.
 *
 * @returns The resource.
 */
export function createEndpointResource<TName extends EndpointName>(
  core: ClientCore,
  name: TName,
): EndpointResource<TName> {
  const endpoint = getEndpoint(name);
  type Result = ResultOf<TName>;

  const parse = (json: unknown, request: string): Page<Result> => {
    if (core.validation === 'off') return json as Page<Result>;
    const parsed = parsePage(name, json, { mode: core.validation });
    core.reportDrift(name, parsed.drift);
    if (!parsed.success) throw new ResponseValidationError(request, parsed.issues, false);
    return parsed.output;
  };

  const fetchPage = (
    params: ParamsOf<TName>,
    cursor: string | undefined,
    options: RequestOptions | undefined,
    progress?: Progress,
  ): Promise<Page<Result>> => {
    const query = encodeQuery(
      (cursor === undefined ? params : { ...params, page: cursor }) as Parameters<
        typeof encodeQuery
      >[0],
    );
    return sendRequest(
      core.context,
      { endpoint: name, path: endpoint.path, query, parse, progress },
      options,
    );
  };

  const emitPlanned = (progress: Progress) =>
    core.context.emit({ type: 'request-planned', endpoint: name, ...progress });

  return {
    name,
    async page(params, options) {
      return fetchPage(assertParams(name, params), undefined, options);
    },
    list(params, options) {
      const valid = assertParams(name, params);
      const progress: Progress = { planned: 1, started: 0, done: 0 };
      return new PagePromise<Result>(name, (cursor) => {
        if (cursor !== undefined) progress.planned++;
        return fetchPage(valid, cursor, options, progress);
      });
    },
    async all(params, options = {}) {
      const plan = core.plan(name, assertParams(name, params));
      const progress: Progress = { planned: plan.requestCount, started: 0, done: 0 };
      emitPlanned(progress);
      const siblings = new AbortController();
      const signal = options.signal
        ? AbortSignal.any([options.signal, siblings.signal])
        : siblings.signal;
      const fetchMore =
        (request: (typeof plan.requests)[number], requestSignal: AbortSignal) =>
        (cursor: string | undefined) => {
          if (cursor !== undefined) progress.planned++;
          return fetchPage(request.params, cursor, { ...options, signal: requestSignal }, progress);
        };
      const chunks = plan.requests.map(async (request) => {
        const buckets: Bucket<Result>[] = [];
        // One derived signal per request keeps the listeners on the shared signal few.
        const next = fetchMore(request, AbortSignal.any([signal]));
        for await (const page of followPages(name, next(undefined), next)) {
          for (const bucket of page.data) buckets.push(bucket);
        }
        return buckets;
      });
      try {
        return (await Promise.all(chunks)).flat();
      } catch (error) {
        siblings.abort(SIBLING_FAILED);
        await Promise.allSettled(chunks);
        throw error;
      }
    },
    plan(params) {
      return core.plan(name, assertParams(name, params));
    },
  };
}
