import {
  assertParams,
  type Bucket,
  BucketSequence,
  driftMessage,
  type EndpointName,
  encodeQuery,
  getEndpoint,
  type Page,
  type ParamsOf,
  parsePage,
  type ResultOf,
  type TimeSpan,
} from '@usagekit/schemas';
import type { ClientCore } from './core';
import { type Deadline, startDeadline } from './deadline';
import { ResponseValidationError } from './errors';
import { maxPagesFor } from './page-budget';
import { type FetchPage, followPages, PagePromise } from './pagination';
import type { RequestPlan } from './planner';
import { detectRefusedGrouping } from './refusal';
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

  /** The parameters without the groupings this endpoint is known to refuse. */
  const withoutRefused = (params: ParamsOf<TName>, refused: readonly string[]): ParamsOf<TName> => {
    const groupBy: readonly string[] | undefined = params.group_by;
    if (groupBy === undefined || !groupBy.some((field) => refused.includes(field))) return params;
    const kept = groupBy.filter((field) => !refused.includes(field));
    const { group_by: _dropped, ...rest } = params;
    return (kept.length === 0 ? rest : { ...rest, group_by: kept }) as ParamsOf<TName>;
  };

  /**
   * Fetches the first page of a chain, leaving out the groupings known to be refused; when a 400
   * refuses a grouping, records it, drops the refused fields and sends again (one retry per
   * refusal: each drops at least one field). Resolves with the page and the parameters that
   * worked, which the chain's later pages must reuse.
   */
  const fetchFirstPage = async (
    params: ParamsOf<TName>,
    options: RequestOptions | undefined,
    progress?: Progress,
  ): Promise<{ page: Page<Result>; params: ParamsOf<TName> }> => {
    let sent = withoutRefused(params, core.capabilities.refusedFields(name));
    for (;;) {
      try {
        return { page: await fetchPage(sent, undefined, options, progress), params: sent };
      } catch (error) {
        const refusal = detectRefusedGrouping(error, name, sent.group_by ?? []);
        if (refusal === undefined) throw error;
        core.capabilities.groupingRefused(name, refusal);
        sent = withoutRefused(sent, refusal.fields);
        if (progress !== undefined) progress.planned++;
      }
    }
  };

  /** The window a query asks for; open-ended without `end_time` (the server's clock decides). */
  const windowOf = (params: ParamsOf<TName>): TimeSpan => ({
    start_time: params.start_time,
    end_time: params.end_time ?? Number.POSITIVE_INFINITY,
  });

  /**
   * Runs buckets through a chain's sequence: duplicated, overlapping and out-of-window buckets
   * are dropped (the first copy wins) and all of it is reported as drift; in `strict` mode any
   * of it fails the call. Skipped when validation is `off`.
   */
  const checkBuckets = (
    sequence: BucketSequence<Bucket<Result>>,
    buckets: readonly Bucket<Result>[],
    label: string,
  ): Bucket<Result>[] => {
    if (core.validation === 'off') return [...buckets];
    const checked = sequence.addPage(buckets, label);
    if (checked.drift.length === 0) return checked.buckets;
    core.reportDrift(name, checked.drift);
    if (core.validation === 'strict') {
      const issues = checked.drift.map((entry) => ({
        path: entry.path,
        message: driftMessage(entry),
        input: entry.key,
      }));
      throw new ResponseValidationError(
        `${name} ${label}`,
        issues as [(typeof issues)[number], ...typeof issues],
        false,
      );
    }
    return checked.buckets;
  };

  /** A page without the buckets its chain's sequence dropped. */
  const checkPage = (
    sequence: BucketSequence<Bucket<Result>>,
    page: Page<Result>,
    label: string,
  ): Page<Result> => {
    const buckets = checkBuckets(sequence, page.data, label);
    return buckets.length === page.data.length ? page : { ...page, data: buckets };
  };

  /**
   * Fetches a chain's pages: the first as {@link fetchFirstPage}, later ones with its params,
   * each checked against the earlier ones and the query's window.
   */
  const chainFetcher = (
    params: ParamsOf<TName>,
    options: RequestOptions | undefined,
    progress: Progress,
  ): FetchPage<Result> => {
    let chainParams: ParamsOf<TName> | undefined;
    const sequence = new BucketSequence<Bucket<Result>>(windowOf(params));
    let pages = 0;
    return async (cursor) => {
      let page: Page<Result>;
      if (cursor === undefined || chainParams === undefined) {
        const first = await fetchFirstPage(params, options, progress);
        chainParams = first.params;
        page = first.page;
      } else {
        progress.planned++;
        page = await fetchPage(chainParams, cursor, options, progress);
      }
      return checkPage(sequence, page, `pages[${pages++}]`);
    };
  };

  const emitPlanned = (progress: Progress) =>
    core.context.emit({ type: 'request-planned', endpoint: name, ...progress });

  return {
    name,
    async page(params, options = {}) {
      const valid = assertParams(name, params);
      const deadline = startDeadline(name, options, core.context.deadlineMs);
      const sequence = new BucketSequence<Bucket<Result>>(windowOf(valid));
      try {
        const page =
          valid.page !== undefined
            ? await fetchPage(valid, undefined, deadline.options)
            : (await fetchFirstPage(valid, deadline.options)).page;
        return checkPage(sequence, page, 'pages[0]');
      } catch (error) {
        throw deadline.translate(error);
      }
    },
    list(params, options = {}) {
      const valid = assertParams(name, params);
      const progress: Progress = { planned: 1, started: 0, done: 0 };
      const maxPages = maxPagesFor(name, valid, core.context.now());
      // The deadline starts with the first request, not when the promise is made.
      let deadline: Deadline | undefined;
      let next: FetchPage<Result> | undefined;
      const fetchChained: FetchPage<Result> = async (cursor) => {
        deadline ??= startDeadline(name, options, core.context.deadlineMs);
        next ??= chainFetcher(valid, deadline.options, progress);
        try {
          return await next(cursor);
        } catch (error) {
          throw deadline.translate(error);
        }
      };
      return new PagePromise<Result>(name, fetchChained, { maxPages, redact: core.context.redact });
    },
    async all(params, options = {}) {
      const plan = core.plan(name, assertParams(name, params));
      const progress: Progress = { planned: plan.requestCount, started: 0, done: 0 };
      emitPlanned(progress);
      const deadline = startDeadline(name, options, core.context.deadlineMs);
      const siblings = new AbortController();
      const callerSignal = deadline.options.signal;
      const signal = callerSignal
        ? AbortSignal.any([callerSignal, siblings.signal])
        : siblings.signal;
      const nowMs = core.context.now();
      const chunks = plan.requests.map(async (request) => {
        const buckets: Bucket<Result>[] = [];
        // One derived signal per request keeps the listeners on the shared signal few.
        const requestOptions = { ...deadline.options, signal: AbortSignal.any([signal]) };
        const next = chainFetcher(request.params, requestOptions, progress);
        const bounds = {
          maxPages: maxPagesFor(name, request.params, nowMs),
          redact: core.context.redact,
        };
        for await (const page of followPages(name, next(undefined), next, bounds)) {
          for (const bucket of page.data) buckets.push(bucket);
        }
        return buckets;
      });
      try {
        const chunkBuckets = await Promise.all(chunks);
        // Chains of a plan never share a bucket; a server that repeats one across them still
        // counts it once (the earlier request's copy), and the whole result is in time order.
        const merged = new BucketSequence<Bucket<Result>>(windowOf(params));
        chunkBuckets.forEach((buckets, index) => {
          checkBuckets(merged, buckets, `requests[${index}]`);
        });
        return core.validation === 'off' ? chunkBuckets.flat() : merged.buckets();
      } catch (error) {
        siblings.abort(SIBLING_FAILED);
        await Promise.allSettled(chunks);
        throw deadline.translate(error);
      }
    },
    plan(params) {
      return core.plan(name, assertParams(name, params));
    },
  };
}
