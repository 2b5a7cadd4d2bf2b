/** Reads one header from a `Headers` object or a plain lower-cased record. */
type HeaderSource = Headers | Readonly<Record<string, string>>;

function header(headers: HeaderSource, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  return Object.hasOwn(headers, name) ? (headers[name] ?? null) : null;
}

/**
 * Tells whether an answer is worth sending again: `x-should-retry` decides when present,
 * otherwise 408, 409, 429 and every 5xx are retried and every other status is not.
 *
 * @param status The HTTP status.
 * @param headers The response headers.
 *
 * @returns Whether to retry.
 */
export function isRetryableStatus(status: number, headers: HeaderSource = {}): boolean {
  const hint = header(headers, 'x-should-retry');
  if (hint === 'true') return true;
  if (hint === 'false') return false;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Reads how long the server asks to wait: `retry-after-ms`, else `Retry-After` in seconds or
 * as an HTTP date. Negative or unreadable values are ignored; larger ones are capped.
 *
 * @param headers The response headers.
 * @param nowMs The current time, for HTTP dates. @unit milliseconds since the epoch
 * @param capMs The longest wait honoured. @default 60_000
 *
 * @returns The wait in milliseconds, or `undefined` when the server gave none.
 */
export function parseRetryAfterMs(
  headers: HeaderSource,
  nowMs: number,
  capMs = 60_000,
): number | undefined {
  let waitMs: number | undefined;
  const milliseconds = header(headers, 'retry-after-ms');
  if (milliseconds !== null && milliseconds.trim() !== '') {
    const value = Number(milliseconds);
    if (Number.isFinite(value) && value >= 0) waitMs = value;
  }
  const retryAfter = header(headers, 'retry-after');
  if (waitMs === undefined && retryAfter !== null && retryAfter.trim() !== '') {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) {
      if (seconds >= 0) waitMs = seconds * 1000;
    } else {
      const date = Date.parse(retryAfter);
      if (!Number.isNaN(date)) waitMs = Math.max(0, date - nowMs);
    }
  }
  return waitMs === undefined ? undefined : Math.min(waitMs, capMs);
}

/**
 * The wait before a retry: the server's wait when it gave one, else exponential backoff
 * `min(500 ms x 2^retry, 8 s)` less up to 25 % jitter.
 *
 * @param retry How many retries came before this one (0 for the first retry).
 * @param random A source of numbers in [0, 1), for the jitter.
 * @param serverWaitMs The wait read by {@link parseRetryAfterMs}, if any.
 *
 * @returns The wait in milliseconds.
 */
export function retryDelayMs(
  retry: number,
  random: () => number,
  serverWaitMs?: number | undefined,
): number {
  if (serverWaitMs !== undefined) return serverWaitMs;
  const backoffMs = Math.min(500 * 2 ** retry, 8000);
  return backoffMs * (1 - random() * 0.25);
}
