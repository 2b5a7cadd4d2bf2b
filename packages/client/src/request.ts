import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  ResponseTooLargeError,
  ResponseValidationError,
} from './errors';
import type { UsageClientEvent } from './events';
import { followRedirect } from './follow-redirect';
import { exceedsJSONDepth, MAX_JSON_DEPTH } from './json-depth';
import type { RequestPool } from './pool';
import { readBoundedBody } from './read-body';
import { type Redact, redactCause, redactJSONValue } from './redact-value';
import { isRetryableStatus, parseRetryAfterMs, retryDelayMs } from './retry';
import type { Sleep } from './sleep';
import type { TurnQueue } from './turn-queue';

/** How much of an error body is kept; the rest is cancelled. @unit bytes */
const ERROR_BODY_BYTES = 65_536;

/** Options any call takes, overriding the client's for that call. */
export interface RequestOptions {
  /** Cancels the call; its reason is rethrown untouched and never retried. */
  readonly signal?: AbortSignal | undefined;
  /** Time limit of each attempt. @unit milliseconds */
  readonly timeoutMs?: number | undefined;
  /**
   * Time limit of the whole call: every page, attempt and retry wait. When it passes, the call
   * fails with {@link DeadlineExceededError}. @unit milliseconds
   */
  readonly deadlineMs?: number | undefined;
  /** Retries after the first attempt. */
  readonly maxRetries?: number | undefined;
  /** Extra headers for this call. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** Mutable counts of one call's requests, reported in progress events. */
export interface Progress {
  planned: number;
  started: number;
  done: number;
}

/** What every request of one client shares. Internal. */
export interface RequestContext {
  readonly baseURL: string;
  /** The base URL's origin: the only one requests (and the key) go to. */
  readonly origin: string;
  /** The largest decoded 2xx body read. @unit bytes */
  readonly maxResponseBytes: number;
  /** The client's whole-call time limit, if any. @unit milliseconds */
  readonly deadlineMs: number | undefined;
  readonly fetch: typeof globalThis.fetch;
  /** Builds the headers of one attempt, credentials included. */
  readonly headers: (extra: Readonly<Record<string, string>> | undefined) => Headers;
  /** Removes the admin key from text that came from elsewhere. */
  readonly redact: Redact;
  readonly pool: RequestPool;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly maxRetryDelayMs: number;
  readonly now: () => number;
  readonly random: () => number;
  readonly sleep: Sleep;
  readonly emit: (event: UsageClientEvent) => void;
  readonly recordLatency: (durationMs: number) => void;
  /** Parses and validates answers one per event-loop turn, after their slot was handed on. */
  readonly processing: TurnQueue;
}

/** One GET to send. Internal. */
export interface RequestSpec<TValue> {
  /** The endpoint or list name, for events. */
  readonly endpoint: string;
  /** The path below the base URL. */
  readonly path: string;
  /** The encoded query, without `?`. */
  readonly query: string;
  /** Validates the parsed JSON; throws {@link ResponseValidationError} when it does not fit. */
  readonly parse: (json: unknown, request: string) => TValue;
  /** The call's counts; a one-request call gets its own. */
  readonly progress?: Progress | undefined;
  /**
   * A lower bound than the client's `maxResponseBytes` for answers that cannot legitimately be
   * large (a directory page of 100 objects). @unit bytes
   */
  readonly maxBodyBytes?: number | undefined;
}

/** A failed attempt: what went wrong and whether a retry can help. */
interface FailedAttempt {
  readonly ok: false;
  readonly error: Error;
  readonly retryable: boolean;
  readonly reason: string;
  readonly status?: number | undefined;
  readonly serverWaitMs?: number | undefined;
}

/** A 2xx answer whose body has been read but not yet parsed. */
interface ReceivedBody {
  readonly ok: true;
  readonly text: string;
  readonly status: number;
}

type Attempt<TValue> =
  | { readonly ok: true; readonly value: TValue; readonly status: number }
  | FailedAttempt;

function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const inner = error.cause;
  const code =
    typeof inner === 'object' && inner !== null && 'code' in inner
      ? ` (${String((inner as { code: unknown }).code)})`
      : '';
  return `${error.message}${code}`;
}

function headerRecord(headers: Headers, redact: Redact): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, key) => {
    record[key] = redact(value);
  });
  return record;
}

function parseErrorBody(text: string): unknown {
  if (text === '') return undefined;
  if (exceedsJSONDepth(text)) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Settles with the promise, or rejects with the signal's reason as soon as it aborts, so a fetch
 * that ignores its signal still times out.
 */
function untilAborted<TValue>(promise: Promise<TValue>, signal: AbortSignal): Promise<TValue> {
  return new Promise<TValue>((resolve, reject) => {
    if (signal.aborted) {
      // Observe the late outcome so it never surfaces as an unhandled rejection.
      promise.catch(() => undefined);
      reject(signal.reason);
      return;
    }
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Makes `previous` the cause of `error`, so the thrown error carries every attempt. */
function chain(error: Error, previous: Error | undefined): Error {
  if (previous !== undefined) {
    Object.defineProperty(error, 'cause', {
      value: previous,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
  return error;
}

/**
 * Sends one attempt and reads its whole body, within the attempt's time limit. This is the part
 * that holds a request slot of the pool.
 */
async function receiveOnce(
  context: RequestContext,
  url: string,
  label: string,
  options: RequestOptions,
  timeoutMs: number,
  bodyLimit: number,
): Promise<ReceivedBody | FailedAttempt> {
  const callerSignal = options.signal;
  const timeoutSignal = AbortSignal.timeout(timeoutMs);
  const signal = callerSignal ? AbortSignal.any([callerSignal, timeoutSignal]) : timeoutSignal;
  const failTransport = (error: unknown, stage: string): FailedAttempt => {
    if (callerSignal?.aborted) throw callerSignal.reason;
    if (timeoutSignal.aborted) {
      return {
        ok: false,
        error: new APIConnectionTimeoutError(label, timeoutMs),
        retryable: true,
        reason: 'timeout',
      };
    }
    return {
      ok: false,
      error: new APIConnectionError(
        label,
        `${stage}: ${context.redact(describeCause(error))}`,
        redactCause(error, context.redact),
      ),
      retryable: true,
      reason: 'connection',
    };
  };

  let response: Response | undefined;
  let target = url;
  for (let redirects = 0; response === undefined; redirects++) {
    let received: Response;
    try {
      received = await untilAborted(
        context.fetch(target, {
          method: 'GET',
          headers: context.headers(options.headers),
          signal,
          redirect: 'manual',
        }),
        signal,
      );
    } catch (error) {
      return failTransport(error, 'Connection error');
    }
    const redirect = followRedirect(received, {
      from: target,
      label,
      origin: context.origin,
      redact: context.redact,
      redirects,
    });
    if (redirect === undefined) response = received;
    else {
      received.body?.cancel().catch(() => undefined);
      if (typeof redirect !== 'string') {
        return { ok: false, error: redirect, retryable: false, reason: 'redirect' };
      }
      target = redirect;
    }
  }

  const status = response.status;
  const success = status >= 200 && status <= 299;
  let text: string;
  try {
    const body = await readBoundedBody(
      response,
      success ? bodyLimit : ERROR_BODY_BYTES,
      signal,
      !success,
    );
    if (success && body.exceeded) {
      return {
        ok: false,
        error: new ResponseTooLargeError(label, bodyLimit),
        retryable: false,
        reason: 'too large',
        status,
      };
    }
    text = body.text;
  } catch (error) {
    return failTransport(error, 'Connection dropped while reading the body');
  }

  if (!success) {
    return {
      ok: false,
      error: APIError.from({
        status,
        body: redactJSONValue(parseErrorBody(context.redact(text)), context.redact),
        headers: headerRecord(response.headers, context.redact),
        request: label,
      }),
      retryable: isRetryableStatus(status, response.headers),
      reason: `status ${status}`,
      status,
      serverWaitMs: parseRetryAfterMs(response.headers, context.now(), context.maxRetryDelayMs),
    };
  }
  return { ok: true, text, status };
}

/**
 * Parses and validates a read body. This is CPU work only, done after the request slot has been
 * handed back so that it overlaps the waiting of other requests.
 */
function decodeBody<TValue>(
  context: RequestContext,
  spec: RequestSpec<TValue>,
  label: string,
  received: ReceivedBody,
): Attempt<TValue> {
  const { text, status } = received;
  if (exceedsJSONDepth(text)) {
    return {
      ok: false,
      error: new ResponseValidationError(
        label,
        [
          {
            path: '',
            message: `the body nests arrays or objects deeper than ${MAX_JSON_DEPTH} levels`,
            input: `${text.length} characters`,
          },
        ],
        false,
      ),
      retryable: false,
      reason: 'invalid body',
      status,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const message =
      text === '' ? 'the body is empty' : 'the body is not valid JSON (cut off or garbled)';
    return {
      ok: false,
      error: new ResponseValidationError(
        label,
        [{ path: '', message, input: `${text.length} characters` }],
        true,
        redactCause(error, context.redact),
      ),
      retryable: true,
      reason: 'invalid body',
      status,
    };
  }
  try {
    return { ok: true, value: spec.parse(json, label), status };
  } catch (error) {
    if (error instanceof ResponseValidationError) {
      return {
        ok: false,
        error: redactIssues(context, error),
        retryable: error.retryable,
        reason: 'invalid body',
        status,
      };
    }
    throw error;
  }
}

/** Rebuilds a validation error without the admin key, should the body have echoed it. */
function redactIssues(
  context: RequestContext,
  error: ResponseValidationError,
): ResponseValidationError {
  const redactValue = (value: unknown): unknown => {
    if (typeof value === 'string') return context.redact(value);
    const text = JSON.stringify(value) ?? '';
    return context.redact(text) === text ? value : '[withheld: held the admin key]';
  };
  const issues = error.issues.map((issue) => ({
    path: context.redact(issue.path),
    message: context.redact(issue.message),
    input: redactValue(issue.input),
  }));
  return new ResponseValidationError(
    error.request,
    issues as [(typeof issues)[number], ...typeof issues],
    error.retryable,
  );
}

/**
 * Sends one GET through the client's pool: builds the URL, times out each attempt, retries what
 * a retry can fix (connection errors, timeouts, 408, 409, 429, 5xx, `x-should-retry`, cut-off
 * bodies) with backoff and jitter or the server's wait, validates the body and reports progress.
 * The caller's abort is rethrown untouched; the last error is thrown with the earlier ones as its
 * `cause` chain. An attempt holds a pool slot while it is on the network (until its body has been
 * read); parsing and validation run afterwards through the client's turn queue, still counted in
 * the pool's processing backlog, and a 429 pauses the pool before the slot is handed on.
 *
 * @param context What the client's requests share.
 * @param spec The path, query and validator.
 * @param options The call's overrides.
 *
 * @returns The validated value.
 */
export async function sendRequest<TValue>(
  context: RequestContext,
  spec: RequestSpec<TValue>,
  options: RequestOptions = {},
): Promise<TValue> {
  const url = `${context.baseURL}${spec.path}${spec.query === '' ? '' : `?${spec.query}`}`;
  // A cursor comes from the server, which may echo the key into it.
  const label = context.redact(`GET ${spec.path}${spec.query === '' ? '' : `?${spec.query}`}`);
  const timeoutMs = options.timeoutMs ?? context.timeoutMs;
  const maxRetries = Math.max(0, options.maxRetries ?? context.maxRetries);
  const progress = spec.progress ?? { planned: 1, started: 0, done: 0 };
  const bodyLimit = Math.min(
    context.maxResponseBytes,
    spec.maxBodyBytes ?? Number.POSITIVE_INFINITY,
  );
  const signal = options.signal;
  let previous: Error | undefined;

  for (let attempt = 1; ; attempt++) {
    // The call's progress counts stand for the call, so concurrent calls take turns in the pool.
    const slot = await context.pool.acquire(signal, attempt > 1, progress);
    const startedAt = context.now();
    let durationMs = 0;
    let rateLimitWaitMs: number | undefined;
    let outcome: Attempt<TValue>;
    try {
      if (attempt === 1) {
        progress.started++;
        context.emit({
          type: 'request-started',
          endpoint: spec.endpoint,
          request: label,
          ...progress,
        });
      }
      const received = await receiveOnce(context, url, label, options, timeoutMs, bodyLimit);
      durationMs = context.now() - startedAt;
      if (!received.ok && received.status === 429) {
        // Pause the whole pool before this slot frees up, so no request slips out in between.
        rateLimitWaitMs = retryDelayMs(attempt - 1, context.random, received.serverWaitMs);
        context.pool.rateLimited(rateLimitWaitMs);
      }
      // The answer is in: the next request may start while this one is parsed and validated.
      slot.received();
      if (received.ok) {
        // On a later turn, once the request that took the slot has gone out, and one answer at
        // a time, so bodies still arriving are read between two large pages.
        outcome = await context.processing(() => {
          if (signal?.aborted) throw signal.reason;
          return decodeBody(context, spec, label, received);
        });
      } else {
        outcome = received;
      }
    } finally {
      slot();
    }

    if (outcome.ok) {
      context.pool.succeeded();
      context.recordLatency(durationMs);
      progress.done++;
      context.emit({
        type: 'request-done',
        endpoint: spec.endpoint,
        request: label,
        status: outcome.status,
        durationMs,
        attempts: attempt,
        ...progress,
      });
      return outcome.value;
    }

    const error = chain(outcome.error, previous);
    if (!outcome.retryable || attempt > maxRetries) throw error;
    const delayMs =
      rateLimitWaitMs ?? retryDelayMs(attempt - 1, context.random, outcome.serverWaitMs);
    context.emit({
      type: 'retry',
      endpoint: spec.endpoint,
      request: label,
      attempt,
      delayMs,
      reason: outcome.reason,
      status: outcome.status,
    });
    previous = error;
    await context.sleep(delayMs, signal);
  }
}
