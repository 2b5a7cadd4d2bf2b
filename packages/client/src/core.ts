import type { DriftEntry, EndpointName, ParamsOf } from '@usagekit/schemas';
import { checkBaseURL } from './base-url';
import { type CapabilityTracker, createCapabilityTracker } from './capabilities';
import { UsageClientError } from './errors';
import type { UsageClientEventHandler } from './events';
import { planRequests, type RequestPlan } from './planner';
import { createRequestPool, type RequestPool } from './pool';
import { createSecretRedactor } from './redact-secret';
import type { RequestContext } from './request';
import { sleep as defaultSleep, type Sleep } from './sleep';
import { createTurnQueue } from './turn-queue';

/**
 * How strictly answers are checked: `tolerant` reports drift (undocumented fields or values) as
 * events and accepts the page, `strict` rejects drift, `off` skips checks (fastest, unsafe).
 */
export type ClientValidationMode = 'strict' | 'tolerant' | 'off';

/** Options of `createUsageClient`. Every one has a default. */
export interface UsageClientOptions {
  /**
   * The Admin API key (`sk-admin-…`), sent as `Authorization: Bearer`. Never logged, never put
   * in errors, events or URLs.
   * @default globalThis.process?.env.OPENAI_ADMIN_KEY, read when the client is created
   */
  readonly adminKey?: string | undefined;
  /**
   * The API root.
   * @default globalThis.process?.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1'
   */
  readonly baseURL?: string | undefined;
  /** The fetch function: tests, proxies, other runtimes. @default globalThis.fetch */
  readonly fetch?: typeof globalThis.fetch | undefined;
  /** Sent as `OpenAI-Organization`. */
  readonly organization?: string | undefined;
  /** Sent as `OpenAI-Project`. */
  readonly project?: string | undefined;
  /** Headers sent with every request (the admin key's header cannot be replaced). */
  readonly defaultHeaders?: Readonly<Record<string, string>> | undefined;
  /**
   * Accept a plain `http:` base URL on a remote host. Without it only https, or http on a
   * loopback address (127.0.0.0/8, `[::1]`, `localhost`), is accepted, so the key never travels
   * in clear text by accident. @default false
   */
  readonly allowInsecureBaseURL?: boolean | undefined;
  /** Time limit of each attempt; timeouts are retried. @default 60_000 @unit milliseconds */
  readonly timeoutMs?: number | undefined;
  /**
   * Time limit of each whole call (every page, attempt and retry wait); a call past it fails
   * with `DeadlineExceededError`. Per-call `deadlineMs` overrides it. @default undefined (none)
   * @unit milliseconds
   */
  readonly deadlineMs?: number | undefined;
  /**
   * The largest response body read, counted after decompression; a larger one fails with
   * `ResponseTooLargeError` without being buffered. @default 33_554_432 (32 MiB) @unit bytes
   */
  readonly maxResponseBytes?: number | undefined;
  /** Retries after the first attempt. @default 2 */
  readonly maxRetries?: number | undefined;
  /** The longest server-requested wait honoured (`Retry-After`). @default 60_000 @unit milliseconds */
  readonly maxRetryDelayMs?: number | undefined;
  /** Requests in flight at once, shared by every call on this client. @default 4 */
  readonly concurrency?: number | undefined;
  /** How strictly answers are checked. @default 'tolerant' */
  readonly validation?: ClientValidationMode | undefined;
  /** Receives progress, retry, rate-limit, drift and capability-refused events. */
  readonly onEvent?: UsageClientEventHandler | undefined;
  /** The clock, for tests. @default Date.now @unit milliseconds since the epoch */
  readonly now?: (() => number) | undefined;
  /** Numbers in [0, 1) for retry jitter, for tests. @default Math.random */
  readonly random?: (() => number) | undefined;
  /** Waits between retries and during pauses, for tests. */
  readonly sleep?: Sleep | undefined;
}

/** The resolved client, shared by resources and the directory. Internal. */
export interface ClientCore {
  readonly context: RequestContext;
  /** What the key and organization were found to allow. */
  readonly capabilities: CapabilityTracker;
  readonly pool: RequestPool;
  readonly validation: ClientValidationMode;
  /** Emits each drift entry the first time its kind and key are seen on this client. */
  reportDrift(endpoint: string, drift: readonly DriftEntry[]): void;
  /** Plans valid parameters with this client's clock, concurrency and observed latency. */
  plan<TName extends EndpointName>(name: TName, params: ParamsOf<TName>): RequestPlan<TName>;
}

const VALIDATION_MODES: readonly ClientValidationMode[] = ['strict', 'tolerant', 'off'];
const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

function environment(name: string): string | undefined {
  const process = (globalThis as { process?: { env?: Record<string, string | undefined> } })
    .process;
  const value = process?.env?.[name];
  return value === undefined || value === '' ? undefined : value;
}

function checkNumber(
  option: string,
  value: number | undefined,
  fallback: number,
  minimum: number,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < minimum) {
    throw new UsageClientError(
      `Option ${option} must be a number of at least ${minimum}; got ${String(value)}`,
    );
  }
  return value;
}

function checkInteger(
  option: string,
  value: number | undefined,
  fallback: number,
  minimum: number,
): number {
  const checked = checkNumber(option, value, fallback, minimum);
  if (!Number.isInteger(checked)) {
    throw new UsageClientError(`Option ${option} must be an integer; got ${checked}`);
  }
  return checked;
}

/**
 * Resolves options (reading the environment now, not at import) into the shared core.
 *
 * @param options The client options.
 *
 * @returns The core.
 * @throws {UsageClientError} when no admin key is found or an option is out of range.
 */
export function createClientCore(options: UsageClientOptions): ClientCore {
  const adminKey = options.adminKey ?? environment('OPENAI_ADMIN_KEY');
  if (adminKey === undefined || adminKey === '') {
    throw new UsageClientError(
      'No admin key: pass the adminKey option or set the OPENAI_ADMIN_KEY environment variable to an Admin API key (https://platform.openai.com/settings/organization/admin-keys)',
    );
  }
  const validation = options.validation ?? 'tolerant';
  if (!VALIDATION_MODES.includes(validation)) {
    throw new UsageClientError(
      `Option validation must be one of ${VALIDATION_MODES.join(', ')}; got ${String(validation)}`,
    );
  }
  const fetchFunction = options.fetch ?? globalThis.fetch;
  if (typeof fetchFunction !== 'function') {
    throw new UsageClientError('No fetch function: pass the fetch option on this runtime');
  }
  const baseURL = (options.baseURL ?? environment('OPENAI_BASE_URL') ?? DEFAULT_BASE_URL).replace(
    /\/+$/,
    '',
  );
  const origin = checkBaseURL(baseURL, options.allowInsecureBaseURL === true);
  const timeoutMs = checkNumber('timeoutMs', options.timeoutMs, 60_000, 1);
  const deadlineMs =
    options.deadlineMs === undefined
      ? undefined
      : checkNumber('deadlineMs', options.deadlineMs, 0, 1);
  const maxResponseBytes = checkInteger(
    'maxResponseBytes',
    options.maxResponseBytes,
    DEFAULT_MAX_RESPONSE_BYTES,
    1,
  );
  const maxRetries = checkInteger('maxRetries', options.maxRetries, 2, 0);
  const maxRetryDelayMs = checkNumber('maxRetryDelayMs', options.maxRetryDelayMs, 60_000, 0);
  const concurrency = checkInteger('concurrency', options.concurrency, 4, 1);
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? defaultSleep;
  const onEvent = options.onEvent;
  const emit: RequestContext['emit'] = (event) => {
    try {
      onEvent?.(event);
    } catch {
      // A failing event handler must not fail the request it reports on.
    }
  };
  const pool = createRequestPool({
    concurrency,
    now,
    sleep,
    onRateLimited: (current, pauseMs) =>
      emit({ type: 'rate-limited', concurrency: current, pauseMs }),
  });
  const fixedHeaders: [string, string][] = [];
  if (options.organization !== undefined) {
    fixedHeaders.push(['OpenAI-Organization', options.organization]);
  }
  if (options.project !== undefined) fixedHeaders.push(['OpenAI-Project', options.project]);
  const defaultHeaders = options.defaultHeaders;
  let latencyMs: number | undefined;
  const seenDrift = new Set<string>();

  const context: RequestContext = {
    baseURL,
    origin,
    maxResponseBytes,
    deadlineMs,
    fetch: fetchFunction,
    headers(extra) {
      const headers = new Headers(defaultHeaders);
      if (extra) for (const [name, value] of Object.entries(extra)) headers.set(name, value);
      headers.set('Accept', 'application/json');
      for (const [name, value] of fixedHeaders) headers.set(name, value);
      headers.set('Authorization', `Bearer ${adminKey}`);
      return headers;
    },
    redact: createSecretRedactor([adminKey]),
    pool,
    timeoutMs,
    maxRetries,
    maxRetryDelayMs,
    now,
    random,
    sleep,
    emit,
    recordLatency(durationMs) {
      latencyMs = latencyMs === undefined ? durationMs : latencyMs * 0.8 + durationMs * 0.2;
    },
    processing: createTurnQueue(),
  };

  return {
    context,
    capabilities: createCapabilityTracker(emit),
    pool,
    validation,
    reportDrift(endpoint, drift) {
      for (const entry of drift) {
        const id = `${entry.kind}\u0000${entry.key}`;
        if (seenDrift.has(id)) continue;
        seenDrift.add(id);
        emit({ type: 'drift', endpoint, ...entry });
      }
    },
    plan(name, params) {
      return planRequests(name, params, {
        nowMs: now(),
        concurrency: pool.maxConcurrency,
        latencyMs,
      });
    },
  };
}
