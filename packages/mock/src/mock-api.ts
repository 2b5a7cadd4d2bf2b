import {
  decodeQuery,
  type EndpointName,
  getEndpoint,
  isEndpointName,
  type MetricOf,
  validateParams,
} from '@usagekit/schemas';
import { abortableDelay, abortReason, withAbortableBody } from './abort';
import { AccessRules, type MockAccessOptions } from './access';
import {
  createDemoOrganization,
  DEMO_ADMIN_KEY,
  type DemoOrganizationNames,
} from './demo-organization';
import { Directory } from './directory';
import { endpointPage, type PageParams } from './endpoint-page';
import { errorResponse, jsonResponse } from './error-response';
import { type FaultOptions, FaultPlan } from './faults';
import { groundTruthTotals, type TotalsQuery } from './ground-truth';
import { hash32 } from './hash';
import { DEFAULT_BUCKET_CACHE_BYTES, MockData } from './mock-data';
import type { DemoOrganization } from './organization';
import type { MockPricing } from './pricing';
import { RateLimiter, type RateLimitOptions } from './rate-limiter';

/** Options of {@link createMockApi}. */
export interface MockApiOptions {
  /**
   * The organization to serve: one built with {@link createDemoOrganization}, or the name set of a
   * simulated one, `'demo'` (names a real company would use) or `'hostile'` (the same organization
   * with names that test escaping). @default 'demo'
   */
  organization?: DemoOrganization | DemoOrganizationNames | undefined;
  /** Seed of the demo organization when none is given. @default 'usagekit-demo' */
  seed?: string | number | undefined;
  /** Clock of the demo organization when none is given (a `Date` or epoch milliseconds). */
  now?: Date | number | undefined;
  /** The admin key requests must carry as `Authorization: Bearer …`. @default DEMO_ADMIN_KEY */
  adminKey?: string | undefined;
  /** Faults to inject; off by default. */
  faults?: FaultOptions | undefined;
  /**
   * What the served key may read: `{ directory: 'forbidden' }` answers directory reads with 403,
   * `{ refusedGroupings: { costs: ['api_key_id'] } }` answers those groupings with 400. All
   * allowed by default.
   */
  access?: MockAccessOptions | undefined;
  /** A rate limit answered with 429 and `Retry-After`; off by default. */
  rateLimit?: RateLimitOptions | undefined;
  /**
   * The prices costs are billed at. @default MOCK_PRICE_LIST (the mock's own frozen list of
   * OpenAI's published prices)
   */
  pricing?: MockPricing | undefined;
  /**
   * Bound on the serialized buckets kept for reuse across pages and queries (least recently used
   * dropped first). The default holds a 90-day hourly backfill of every endpoint grouped by every
   * dimension; 0 turns the cache off. @default 134217728 (128 MiB) @unit bytes
   */
  bucketCacheBytes?: number | undefined;
}

/** The in-process mock API. */
export interface MockApi {
  /**
   * A `fetch` that answers from the mock, in process: no sockets. It honours `signal`: an abort
   * before the answer rejects with the signal's reason (an `AbortError` by default), one before the
   * body is read errors the body.
   */
  readonly fetch: typeof fetch;
  /**
   * Answers one request. Rejects with a `TypeError` (like a network failure) when a dropped
   * connection is injected, and with the signal's reason (an `AbortError` by default) when the
   * request's signal aborts before the answer, including during injected latency.
   */
  handle(request: Request): Promise<Response>;
  /** The organization served. */
  readonly organization: DemoOrganization;
  /** Base URL for in-process use, `https://mock.usagekit.invalid/v1`. */
  readonly baseURL: string;
  /**
   * The mock's own ground truth for a time range: each metric summed over every minute in the
   * range (for `vector_stores`, the time-weighted average level over the range in whole bytes; for
   * costs, whole UTC days),
   * with the given filters. Client and CLI tests check their numbers against it.
   */
  totals<TName extends EndpointName>(
    endpoint: TName,
    query: TotalsQuery,
  ): Readonly<Record<MetricOf<TName>, number>>;
}

/** The in-process base URL. The `.invalid` top-level domain never resolves. */
export const MOCK_BASE_URL = 'https://mock.usagekit.invalid/v1';

const API_PREFIX = '/v1/';

function invalidParam(param: string, message: string): Response {
  return errorResponse(400, {
    message,
    type: 'invalid_request_error',
    param,
    code: 'invalid_value',
  });
}

function authenticate(request: Request, adminKey: string): Response | undefined {
  const header = request.headers.get('authorization');
  const match = header === null ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  const key = match?.[1];
  if (key === undefined) {
    return errorResponse(401, {
      message:
        "You didn't provide an API key. Send your admin key as 'Authorization: Bearer <key>'.",
      type: 'invalid_request_error',
      code: 'missing_api_key',
    });
  }
  if (key === adminKey) return undefined;
  if (key.startsWith('sk-') && !key.startsWith('sk-admin-')) {
    return errorResponse(403, {
      message:
        'You have insufficient permissions for this operation. Missing scopes: api.usage.read. Usage and Costs need an admin key (sk-admin-…), not a project or service-account key.',
      type: 'invalid_request_error',
      code: 'insufficient_permissions',
    });
  }
  return errorResponse(401, {
    message: 'Incorrect API key provided.',
    type: 'invalid_request_error',
    code: 'invalid_api_key',
  });
}

function truncate(response: Response): Promise<Response> {
  return response.text().then((body) => {
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    return new Response(body.slice(0, Math.floor(body.length / 2)), {
      status: response.status,
      headers,
    });
  });
}

/**
 * Creates the simulated Usage and Costs API: every registry endpoint plus the admin list
 * endpoints, answering in process through `fetch`/`handle`.
 *
 * @param options Organization, key, faults, rate limit and pricing.
 *
 * @returns The mock API.
 */
export function createMockApi(options: MockApiOptions = {}): MockApi {
  const organization =
    typeof options.organization === 'object'
      ? options.organization
      : createDemoOrganization({
          seed: options.seed,
          now: options.now,
          names: options.organization,
        });
  const adminKey = options.adminKey ?? DEMO_ADMIN_KEY;
  const bucketCacheBytes = options.bucketCacheBytes ?? DEFAULT_BUCKET_CACHE_BYTES;
  if (!(bucketCacheBytes >= 0)) {
    throw new RangeError(`bucketCacheBytes must be a non-negative number; got ${bucketCacheBytes}`);
  }
  const data = new MockData(organization, options.pricing, bucketCacheBytes);
  const directory = new Directory(organization);
  const faults = new FaultPlan(options.faults);
  const access = new AccessRules(options.access);
  const limiter =
    options.rateLimit?.requestsPerSecond === undefined
      ? undefined
      : new RateLimiter({
          ...options.rateLimit,
          requestsPerSecond: options.rateLimit.requestsPerSecond,
        });
  const secret = hash32(organization.seed, 0x70616765);
  let sequence = 0;

  function route(request: Request): Response {
    const url = new URL(request.url);
    const path = url.pathname.replace(/\/+$/, '');
    const notFound = () =>
      errorResponse(404, {
        message: `Invalid URL (${request.method} ${url.pathname})`,
        type: 'invalid_request_error',
        code: 'unknown_url',
      });
    if (request.method !== 'GET' || !path.startsWith(API_PREFIX)) return notFound();
    const segments = path.slice(API_PREFIX.length).split('/');
    if (segments[0] !== 'organization') return notFound();
    let name: string | undefined;
    if (segments.length === 2 && segments[1] === 'costs') name = 'costs';
    else if (segments.length === 3 && segments[1] === 'usage' && segments[2] !== 'costs')
      name = segments[2];
    if (name === undefined) {
      return (
        access.directoryRefusal() ??
        directory.respond(segments.slice(1), url.searchParams) ??
        notFound()
      );
    }
    if (!isEndpointName(name)) return notFound();
    const validation = validateParams(name, decodeQuery(name, url.searchParams));
    if (!validation.success) {
      const issue = validation.issues[0];
      return invalidParam(issue.param, issue.message);
    }
    const refusal = access.groupingRefusal(name, validation.output.group_by);
    if (refusal !== undefined) return refusal;
    const outcome = endpointPage(data, secret, name, validation.output as PageParams);
    if (!outcome.ok) return invalidParam(outcome.param, outcome.message);
    return jsonResponse(outcome.body);
  }

  /** The answer to one request, without latency; throws the injected dropped connection. */
  async function answer(request: Request, current: number): Promise<Response> {
    const fault = faults.decide(current);
    if (fault.kind === 'drop') {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('socket hang up (injected by the usagekit mock)'), {
          code: 'ECONNRESET',
        }),
      });
    }
    if (fault.kind === 'status') {
      return fault.status === 429
        ? errorResponse(
            429,
            {
              message: 'Rate limit reached (injected by the usagekit mock).',
              type: 'requests',
              code: 'rate_limit_exceeded',
            },
            { 'retry-after': String(faults.retryAfterSeconds) },
          )
        : errorResponse(fault.status, {
            message: `The server had an error processing your request (injected ${fault.status}).`,
            type: 'server_error',
          });
    }
    const response = authenticate(request, adminKey) ?? rateLimited() ?? route(request);
    return fault.kind === 'truncate' && response.status === 200 ? truncate(response) : response;
  }

  async function handle(request: Request): Promise<Response> {
    const signal = request.signal;
    if (signal.aborted) throw abortReason(signal);
    const arrivedMs = performance.now();
    const current = ++sequence;
    const latency = faults.latencyMs(current);
    // Build first, then wait what is left of the latency: the answer leaves `latency` ms after
    // arrival unless building takes longer, so concurrent requests are built during their waits.
    let response: Response | undefined;
    let dropped: unknown;
    try {
      response = await answer(request, current);
    } catch (error) {
      dropped = error;
    }
    const remainingMs = latency - (performance.now() - arrivedMs);
    if (remainingMs > 0) await abortableDelay(remainingMs, signal);
    if (signal.aborted) throw abortReason(signal);
    if (response === undefined) throw dropped;
    const requestId = `req_${hash32(secret, current).toString(16).padStart(8, '0')}${current.toString(16)}`;
    response.headers.set('x-request-id', requestId);
    return response;
  }

  function rateLimited(): Response | undefined {
    const waitSeconds = limiter?.take() ?? 0;
    if (waitSeconds === 0) return undefined;
    return errorResponse(
      429,
      {
        message: `Rate limit reached for organization requests; retry in ${waitSeconds}s.`,
        type: 'requests',
        code: 'rate_limit_exceeded',
      },
      { 'retry-after': String(waitSeconds), 'retry-after-ms': String(waitSeconds * 1000) },
    );
  }

  const mockFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const response = await handle(request);
    const followed = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    return followed ? withAbortableBody(response, request.signal) : response;
  }) as typeof fetch;

  return {
    fetch: mockFetch,
    handle,
    organization,
    baseURL: MOCK_BASE_URL,
    totals: (endpoint, query) => {
      getEndpoint(endpoint);
      return groundTruthTotals(data, endpoint, query);
    },
  };
}
