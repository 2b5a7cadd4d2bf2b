/** Options of the mock's rate limit. */
export interface RateLimitOptions {
  /** Sustained requests per second; without it there is no limit. */
  requestsPerSecond?: number | undefined;
  /** Requests allowed at once before the rate applies. @default requestsPerSecond (at least 1) */
  burst?: number | undefined;
  /** The clock, in milliseconds. @default `performance.now` */
  nowMs?: (() => number) | undefined;
}

/**
 * A token bucket: answers how long to wait when a request exceeds the configured rate.
 */
export class RateLimiter {
  readonly #rate: number;
  readonly #burst: number;
  readonly #nowMs: () => number;
  #tokens: number;
  #updatedMs: number;

  /**
   * @param options The rate, the burst and the clock.
   */
  constructor(options: RateLimitOptions & { requestsPerSecond: number }) {
    if (!(options.requestsPerSecond > 0)) {
      throw new RangeError(
        `rateLimit.requestsPerSecond must be positive; got ${options.requestsPerSecond}`,
      );
    }
    this.#rate = options.requestsPerSecond;
    this.#burst = Math.max(1, options.burst ?? options.requestsPerSecond);
    this.#nowMs = options.nowMs ?? (() => performance.now());
    this.#tokens = this.#burst;
    this.#updatedMs = this.#nowMs();
  }

  /**
   * Takes one request from the bucket.
   *
   * @returns 0 when the request may proceed, else the seconds to wait (at least 1).
   */
  take(): number {
    const now = this.#nowMs();
    this.#tokens = Math.min(
      this.#burst,
      this.#tokens + ((now - this.#updatedMs) / 1000) * this.#rate,
    );
    this.#updatedMs = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - this.#tokens) / this.#rate));
  }
}
