import { seedOf, unitHash } from './hash';

/** A fixed delay, or a range the delay is drawn from (seeded). @unit milliseconds */
export type LatencyOption = number | { readonly min: number; readonly max: number };

/**
 * Faults the mock injects to test clients. Each share is the probability (0..1) that a request
 * gets that fault; which requests get one is decided by a seeded hash of the request's sequence
 * number, so a run is reproducible. All are off by default.
 */
export interface FaultOptions {
  /** Seed of the fault decisions. @default 'faults' */
  seed?: string | number | undefined;
  /**
   * Time from a request's arrival to its answer. The answer is built first and then held for what
   * is left of the latency, so it leaves `latencyMs` after arrival unless building takes longer
   * (then as soon as it is built). Injected faults (status answers, dropped connections, truncated
   * bodies) keep the same timing; an abort during the wait rejects at once. @unit milliseconds
   */
  latencyMs?: LatencyOption | undefined;
  /** Share of 429 answers (with `Retry-After`). */
  rateLimitShare?: number | undefined;
  /** `Retry-After` of injected 429s. @default 1 @unit seconds */
  retryAfterSeconds?: number | undefined;
  /** Share of 500 answers. */
  internalErrorShare?: number | undefined;
  /** Share of 502 answers. */
  badGatewayShare?: number | undefined;
  /** Share of 503 answers. */
  unavailableShare?: number | undefined;
  /** Share of dropped connections: in process the fetch rejects with a `TypeError`; the server destroys the socket. */
  dropConnectionShare?: number | undefined;
  /** Share of 200 answers whose JSON body is cut in half. */
  truncateBodyShare?: number | undefined;
}

/** What to do with one request. */
export type FaultDecision =
  | { readonly kind: 'none' }
  | { readonly kind: 'status'; readonly status: 429 | 500 | 502 | 503 }
  | { readonly kind: 'drop' }
  | { readonly kind: 'truncate' };

const NONE: FaultDecision = { kind: 'none' };

function share(name: string, value: number | undefined): number {
  const result = value ?? 0;
  if (!(result >= 0 && result <= 1))
    throw new RangeError(`faults.${name} must be between 0 and 1; got ${value}`);
  return result;
}

/** Decides, per request, the injected latency and fault. */
export class FaultPlan {
  readonly #seed: number;
  readonly #latency: LatencyOption | undefined;
  readonly #shares: readonly [FaultDecision, number][];
  /** `Retry-After` of injected 429s. @unit seconds */
  readonly retryAfterSeconds: number;

  /**
   * @param options The faults; see {@link FaultOptions}.
   * @throws {RangeError} for a share outside 0..1 or a negative latency.
   */
  constructor(options: FaultOptions = {}) {
    this.#seed = seedOf(options.seed ?? 'faults');
    const latency = options.latencyMs;
    const bounds =
      typeof latency === 'number' ? [latency] : latency ? [latency.min, latency.max] : [];
    if (
      bounds.some((value) => !(value >= 0)) ||
      (typeof latency === 'object' && latency.max < latency.min)
    ) {
      throw new RangeError(
        'faults.latencyMs must be a non-negative number or { min, max } with min <= max',
      );
    }
    this.#latency = latency;
    this.retryAfterSeconds = options.retryAfterSeconds ?? 1;
    this.#shares = [
      [{ kind: 'status', status: 429 }, share('rateLimitShare', options.rateLimitShare)],
      [{ kind: 'status', status: 500 }, share('internalErrorShare', options.internalErrorShare)],
      [{ kind: 'status', status: 502 }, share('badGatewayShare', options.badGatewayShare)],
      [{ kind: 'status', status: 503 }, share('unavailableShare', options.unavailableShare)],
      [{ kind: 'drop' }, share('dropConnectionShare', options.dropConnectionShare)],
      [{ kind: 'truncate' }, share('truncateBodyShare', options.truncateBodyShare)],
    ];
    const total = this.#shares.reduce((sum, [, value]) => sum + value, 0);
    if (total > 1) throw new RangeError(`faults: the shares add up to ${total}, more than 1`);
  }

  /**
   * The delay for a request.
   *
   * @param sequence The request's sequence number.
   *
   * @returns The delay. @unit milliseconds
   */
  latencyMs(sequence: number): number {
    const latency = this.#latency;
    if (latency === undefined) return 0;
    if (typeof latency === 'number') return latency;
    return (
      latency.min + Math.floor(unitHash(this.#seed, sequence, 1) * (latency.max - latency.min + 1))
    );
  }

  /**
   * The fault for a request.
   *
   * @param sequence The request's sequence number.
   *
   * @returns The decision.
   */
  decide(sequence: number): FaultDecision {
    const draw = unitHash(this.#seed, sequence, 2);
    let threshold = 0;
    for (const [decision, value] of this.#shares) {
      threshold += value;
      if (draw < threshold) return decision;
    }
    return NONE;
  }
}
