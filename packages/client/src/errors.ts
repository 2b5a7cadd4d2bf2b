import type { PageIssue } from '@usagekit/schemas';

/** Base class of every error `@usagekit/client` throws. */
export class UsageClientError extends Error {
  override name = 'UsageClientError';
}

/** What {@link APIError.from} needs to describe one non-2xx answer. */
export interface APIErrorInit {
  /** The HTTP status. */
  readonly status: number;
  /** The parsed error body, or the raw text when it was not JSON, or `undefined` when empty. */
  readonly body: unknown;
  /** The response headers, lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  /** The request's method and path with query, never with credentials. */
  readonly request: string;
  /** An earlier attempt's error. */
  readonly cause?: unknown;
}

function errorMessageOf(body: unknown): string | undefined {
  if (typeof body === 'object' && body !== null) {
    const error = (body as { error?: unknown }).error;
    if (typeof error === 'object' && error !== null) {
      const message = (error as { message?: unknown }).message;
      if (typeof message === 'string' && message !== '') return message;
    }
  }
  if (typeof body === 'string' && body !== '') return body.slice(0, 200);
  return undefined;
}

/**
 * The API answered with a non-2xx status. Use {@link APIError.from} to build the subclass that
 * matches the status.
 */
export class APIError extends UsageClientError {
  override name = 'APIError';
  /** The HTTP status. */
  readonly status: number;
  /** The response headers, lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  /** The API's error body (`{ error: { message, type, param, code } }`), or its raw text. */
  readonly body: unknown;
  /** The `x-request-id` header, to quote to OpenAI support. */
  readonly requestId: string | undefined;
  /** The request's method and path with query. */
  readonly request: string;

  /**
   * @param init The status, body, headers and request of the answer.
   */
  constructor(init: APIErrorInit) {
    const detail = errorMessageOf(init.body);
    super(
      `${init.status} from ${init.request}${detail === undefined ? '' : `: ${detail}`}`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.status = init.status;
    this.headers = init.headers;
    this.body = init.body;
    this.requestId = init.headers['x-request-id'];
    this.request = init.request;
  }

  /**
   * Builds the error class that matches a status: 400 {@link BadRequestError}, 401
   * {@link AuthenticationError}, 403 {@link PermissionDeniedError}, 404 {@link NotFoundError},
   * 409 {@link ConflictError}, 422 {@link UnprocessableEntityError}, 429 {@link RateLimitError},
   * 5xx {@link InternalServerError}, anything else {@link APIError}.
   *
   * @param init The status, body, headers and request of the answer.
   *
   * @returns The error.
   */
  static from(init: APIErrorInit): APIError {
    const status = init.status;
    if (status === 400) return new BadRequestError(init);
    if (status === 401) return new AuthenticationError(init);
    if (status === 403) return new PermissionDeniedError(init);
    if (status === 404) return new NotFoundError(init);
    if (status === 409) return new ConflictError(init);
    if (status === 422) return new UnprocessableEntityError(init);
    if (status === 429) return new RateLimitError(init);
    if (status >= 500) return new InternalServerError(init);
    return new APIError(init);
  }
}

/** HTTP 400: the API rejected the parameters (for example an unsupported costs grouping). */
export class BadRequestError extends APIError {
  override name = 'BadRequestError';
}

/** HTTP 401: the admin key is missing, wrong or revoked. */
export class AuthenticationError extends APIError {
  override name = 'AuthenticationError';
}

/** HTTP 403: the key lacks a scope (usage and costs need an Admin API key). */
export class PermissionDeniedError extends APIError {
  override name = 'PermissionDeniedError';
}

/** HTTP 404: the path or the resource does not exist. */
export class NotFoundError extends APIError {
  override name = 'NotFoundError';
}

/** HTTP 409: a conflict, retried by default. */
export class ConflictError extends APIError {
  override name = 'ConflictError';
}

/** HTTP 422: the request was understood but cannot be processed. */
export class UnprocessableEntityError extends APIError {
  override name = 'UnprocessableEntityError';
}

/** HTTP 429: a rate limit was hit, retried by default after `Retry-After`. */
export class RateLimitError extends APIError {
  override name = 'RateLimitError';
}

/** HTTP 5xx: the server failed, retried by default. */
export class InternalServerError extends APIError {
  override name = 'InternalServerError';
}

/** No response was received: DNS, refused or dropped connection, or a body cut off mid-way. */
export class APIConnectionError extends UsageClientError {
  override name = 'APIConnectionError';
  /** The request's method and path with query. */
  readonly request: string;

  /**
   * @param request The request's method and path with query.
   * @param message What went wrong.
   * @param cause The underlying error.
   */
  constructor(request: string, message: string, cause?: unknown) {
    super(`${message} (${request})`, cause === undefined ? undefined : { cause });
    this.request = request;
  }
}

/** The attempt took longer than `timeoutMs`. */
export class APIConnectionTimeoutError extends APIConnectionError {
  override name = 'APIConnectionTimeoutError';
  /** The per-attempt timeout that passed. @unit milliseconds */
  readonly timeoutMs: number;

  /**
   * @param request The request's method and path with query.
   * @param timeoutMs The timeout that passed.
   * @param cause An earlier attempt's error.
   * @param message What timed out, when not a single attempt.
   */
  constructor(request: string, timeoutMs: number, cause?: unknown, message?: string) {
    super(request, message ?? `Request timed out after ${timeoutMs} ms`, cause);
    this.timeoutMs = timeoutMs;
  }
}

/**
 * A 2xx body that is not valid JSON (for example cut off mid-way) or does not match the
 * endpoint's schema. `path` names where it failed; `retryable` says whether a retry can help.
 */
export class ResponseValidationError extends UsageClientError {
  override name = 'ResponseValidationError';
  /** The request's method and path with query. */
  readonly request: string;
  /** The first failing path, e.g. `data[2].results[0].input_tokens`; `''` for the whole body. */
  readonly path: string;
  /** Every issue found, at least one. */
  readonly issues: readonly [PageIssue, ...PageIssue[]];
  /** Whether sending the request again can help (a truncated body yes, a schema mismatch no). */
  readonly retryable: boolean;

  /**
   * @param request The request's method and path with query.
   * @param issues Every issue found.
   * @param retryable Whether a retry can help.
   * @param cause The JSON parse error or an earlier attempt's error.
   */
  constructor(
    request: string,
    issues: readonly [PageIssue, ...PageIssue[]],
    retryable: boolean,
    cause?: unknown,
  ) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(
      `Invalid response from ${request} at ${first.path === '' ? 'the body' : first.path}: ${first.message}${more}`,
      cause === undefined ? undefined : { cause },
    );
    this.request = request;
    this.path = first.path;
    this.issues = issues;
    this.retryable = retryable;
  }
}

/** The server sent a `next_page` cursor it had already sent in the same chain of pages. */
export class CursorLoopError extends UsageClientError {
  override name = 'CursorLoopError';
  /** The endpoint or list path being paged. */
  readonly endpoint: string;
  /** The cursor that came back a second time. */
  readonly cursor: string;
  /** How many pages had been read when it repeated. */
  readonly pagesRead: number;

  /**
   * @param endpoint The endpoint or list path being paged.
   * @param cursor The repeated cursor.
   * @param pagesRead How many pages had been read.
   */
  constructor(endpoint: string, cursor: string, pagesRead: number) {
    super(
      `${endpoint}: the server repeated the cursor "${cursor}" after ${pagesRead} pages; stopping instead of looping`,
    );
    this.endpoint = endpoint;
    this.cursor = cursor;
    this.pagesRead = pagesRead;
  }
}

/**
 * Paging went on longer than the window can hold: more pages than the buckets of the requested
 * window plus two (every honest page brings at least one bucket), or for directory lists more
 * than 5,000 pages. A server that hands out a new cursor on every page ends here instead of
 * being followed forever.
 */
export class PageLimitError extends UsageClientError {
  override name = 'PageLimitError';
  /** The endpoint or list being paged. */
  readonly endpoint: string;
  /** The most pages the window allows. */
  readonly maxPages: number;

  /**
   * @param endpoint The endpoint or list being paged.
   * @param maxPages The most pages the window allows.
   */
  constructor(endpoint: string, maxPages: number) {
    super(
      `${endpoint}: the server announced more pages than the requested window can hold (${maxPages}); stopping instead of following it further`,
    );
    this.endpoint = endpoint;
    this.maxPages = maxPages;
  }
}

/**
 * A response body was larger than `maxResponseBytes` once decoded (compressed or not). Reading
 * stopped at the limit and the rest of the body was cancelled; not retried.
 */
export class ResponseTooLargeError extends UsageClientError {
  override name = 'ResponseTooLargeError';
  /** The request's method and path with query. */
  readonly request: string;
  /** The limit that was passed. @unit bytes */
  readonly maxResponseBytes: number;

  /**
   * @param request The request's method and path with query.
   * @param maxResponseBytes The limit.
   */
  constructor(request: string, maxResponseBytes: number) {
    super(
      `The body of ${request} is larger than ${maxResponseBytes} bytes (maxResponseBytes); stopped reading it`,
    );
    this.request = request;
    this.maxResponseBytes = maxResponseBytes;
  }
}

/**
 * The server redirected somewhere the client will not follow with the admin key: another origin,
 * more than a few redirects in a row, or a redirect whose target the runtime hides.
 */
export class RedirectError extends UsageClientError {
  override name = 'RedirectError';
  /** The request's method and path with query. */
  readonly request: string;
  /** The HTTP status of the redirect (0 when the runtime hides it). */
  readonly status: number;
  /** The origin redirected to, when known and different (`https://host:port`). */
  readonly location: string | undefined;

  /**
   * @param request The request's method and path with query.
   * @param status The redirect's status.
   * @param reason Why it was not followed.
   * @param location The origin redirected to, when known.
   */
  constructor(request: string, status: number, reason: string, location?: string | undefined) {
    super(`${request} redirected (${status}): ${reason}`);
    this.request = request;
    this.status = status;
    this.location = location;
  }
}

/**
 * The whole call (every page, attempt and wait) took longer than its `deadlineMs`. Extends the
 * per-attempt timeout error, so code catching timeouts catches this too; not retried.
 */
export class DeadlineExceededError extends APIConnectionTimeoutError {
  override name = 'DeadlineExceededError';
  /** The deadline that passed. @unit milliseconds */
  readonly deadlineMs: number;

  /**
   * @param operation The call that ran out of time (endpoint or list, or a request).
   * @param deadlineMs The deadline.
   */
  constructor(operation: string, deadlineMs: number) {
    super(
      operation,
      deadlineMs,
      undefined,
      `The call did not finish within its deadline of ${deadlineMs} ms (deadlineMs)`,
    );
    this.deadlineMs = deadlineMs;
  }
}

/** One organization of a multi-organization read failed; `cause` holds its error. */
export class OrganizationReadError extends UsageClientError {
  override name = 'OrganizationReadError';
  /** The label of the organization that failed. */
  readonly organization: string;

  /**
   * @param organization The organization's label.
   * @param cause Its error.
   */
  constructor(organization: string, cause: unknown) {
    super(
      `Reading organization "${organization}" failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.organization = organization;
  }
}
