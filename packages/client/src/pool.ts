import type { Sleep } from './sleep';

/** Options of {@link createRequestPool}. */
export interface RequestPoolOptions {
  /** The most requests in flight at once. */
  readonly concurrency: number;
  /** The clock. @unit milliseconds since the epoch */
  readonly now: () => number;
  /** Waits out a pause. */
  readonly sleep: Sleep;
  /** Called when a 429 lowers the concurrency and pauses the pool. */
  readonly onRateLimited?: ((concurrency: number, pauseMs: number) => void) | undefined;
}

/**
 * A slot taken with {@link RequestPool.acquire}. Call it to free the slot; calling it again does
 * nothing.
 */
export interface ReleaseSlot {
  /** Frees the slot (and its place in the processing backlog); calling it again does nothing. */
  (): void;
  /**
   * Tells the pool the answer has been read: the slot stops counting as a request in flight, so
   * the next request can start while this answer is parsed and validated, but it keeps its place
   * in the processing backlog until it is released. Calling it again, or after release, does
   * nothing.
   */
  received(): void;
}

/**
 * A client-wide limit on requests in flight, shared by every call. It adapts to rate limits the
 * AIMD way: a 429 halves the concurrency and pauses every start until the server's wait has
 * passed; each run of successes as long as the concurrency raises it by one, up to the maximum.
 *
 * A slot whose answer has been read ({@link ReleaseSlot.received}) frees its request place, so
 * parsing one answer overlaps the waiting of the next request; it still counts against a backlog
 * of twice the maximum concurrency (requests in flight plus answers being processed), so answers
 * that arrive faster than they can be processed hold new requests back instead of piling up.
 */
export interface RequestPool {
  /**
   * Waits for a free slot. Calls with requests waiting take turns, one slot each in the order
   * they first asked, so a large backfill neither starves a small call nor bunches all of its own
   * heavy requests together; within a call, slots go first come, first served. Retries go before
   * every first attempt, so a failing request fails fast instead of waiting behind the rest.
   *
   * @param signal Gives up waiting; the promise rejects with the signal's reason.
   * @param retry Whether this slot is for a retry.
   * @param call Identifies the call the request belongs to (any object, compared by identity);
   *   without it the request is a call of its own.
   *
   * @returns The function that frees the slot.
   */
  acquire(
    signal?: AbortSignal | undefined,
    retry?: boolean,
    call?: object | undefined,
  ): Promise<ReleaseSlot>;
  /**
   * Reports a 429: lowers the concurrency (once per pause) and pauses every start.
   *
   * @param waitMs How long the server asked to wait. @unit milliseconds
   */
  rateLimited(waitMs: number): void;
  /** Reports a successful answer, which slowly restores the concurrency. */
  succeeded(): void;
  /** The concurrency in force now. */
  readonly concurrency: number;
  /** The configured maximum. */
  readonly maxConcurrency: number;
  /** Requests in flight (sent, answer not read yet). */
  readonly active: number;
  /** Answers read and still being processed (parsed, validated). */
  readonly processing: number;
  /** Requests waiting for a slot. */
  readonly waiting: number;
}

interface Waiter {
  readonly grant: (release: ReleaseSlot) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
  settled: boolean;
}

/** The first attempts one call has waiting, in the order they asked. */
interface CallQueue {
  readonly key: object | undefined;
  readonly waiters: (Waiter | undefined)[];
  head: number;
}

/**
 * Creates a request pool.
 *
 * @param options The maximum concurrency, the clock and the sleep function.
 *
 * @returns The pool.
 */
export function createRequestPool(options: RequestPoolOptions): RequestPool {
  const maxConcurrency = Math.max(1, Math.floor(options.concurrency));
  const { now, sleep } = options;
  let concurrency = maxConcurrency;
  let active = 0;
  let processing = 0;
  const backlog = maxConcurrency * 2;
  let successes = 0;
  let resumeAt = 0;
  let waking = false;
  /** Calls with first attempts waiting, by key; each also sits once in `turns`. */
  const calls = new Map<object, CallQueue>();
  /** Calls with first attempts waiting, in the order they get their next slot. */
  const turns: CallQueue[] = [];
  const retries: Waiter[] = [];

  function slot(): ReleaseSlot {
    let stage: 'in flight' | 'processing' | 'released' = 'in flight';
    const release = () => {
      if (stage === 'released') return;
      if (stage === 'in flight') active--;
      else processing--;
      stage = 'released';
      dispatch();
    };
    const received = () => {
      if (stage !== 'in flight') return;
      stage = 'processing';
      active--;
      processing++;
      dispatch();
    };
    return Object.assign(release, { received });
  }

  function wakeAfterPause(): void {
    if (waking) return;
    waking = true;
    const pausedUntil = resumeAt;
    void sleep(Math.max(0, pausedUntil - now())).then(() => {
      waking = false;
      // A sleep that returns early (tests) still ends this pause; a longer pause set meanwhile stays.
      if (resumeAt === pausedUntil) resumeAt = 0;
      dispatch();
    });
  }

  function enqueue(waiter: Waiter, key: object | undefined): void {
    let call = key === undefined ? undefined : calls.get(key);
    if (call === undefined) {
      call = { key, waiters: [], head: 0 };
      if (key !== undefined) calls.set(key, call);
      turns.push(call);
    }
    call.waiters.push(waiter);
  }

  /** The next waiter: a retry, else the first waiter of the call whose turn it is. */
  function next(): Waiter | undefined {
    const retry = retries.shift();
    if (retry !== undefined) return retry;
    const call = turns.shift();
    if (call === undefined) return undefined;
    const waiter = call.waiters[call.head];
    call.waiters[call.head] = undefined;
    call.head++;
    if (call.head < call.waiters.length) turns.push(call);
    else if (call.key !== undefined) calls.delete(call.key);
    return waiter;
  }

  function dispatch(): void {
    while (
      (retries.length > 0 || turns.length > 0) &&
      active < concurrency &&
      active + processing < backlog
    ) {
      if (now() < resumeAt) {
        wakeAfterPause();
        return;
      }
      const waiter = next() as Waiter;
      if (waiter.settled) continue;
      waiter.settled = true;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      active++;
      waiter.grant(slot());
    }
  }

  return {
    acquire(signal, retry = false, call = undefined) {
      return new Promise<ReleaseSlot>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const waiter: Waiter = {
          grant: resolve,
          signal,
          settled: false,
          onAbort: () => {
            if (waiter.settled) return;
            waiter.settled = true;
            reject(signal?.reason);
          },
        };
        signal?.addEventListener('abort', waiter.onAbort, { once: true });
        if (retry) retries.push(waiter);
        else enqueue(waiter, call);
        dispatch();
      });
    },
    rateLimited(waitMs) {
      const current = now();
      if (current >= resumeAt) {
        concurrency = Math.max(1, Math.floor(concurrency / 2));
        successes = 0;
      }
      resumeAt = Math.max(resumeAt, current + Math.max(0, waitMs));
      options.onRateLimited?.(concurrency, resumeAt - current);
    },
    succeeded() {
      if (concurrency >= maxConcurrency) return;
      successes++;
      if (successes >= concurrency) {
        concurrency++;
        successes = 0;
        dispatch();
      }
    },
    get concurrency() {
      return concurrency;
    },
    maxConcurrency,
    get active() {
      return active;
    },
    get processing() {
      return processing;
    },
    get waiting() {
      let count = 0;
      for (const call of turns) {
        for (let index = call.head; index < call.waiters.length; index++) {
          if (call.waiters[index]?.settled === false) count++;
        }
      }
      for (const waiter of retries) if (!waiter.settled) count++;
      return count;
    },
  };
}
