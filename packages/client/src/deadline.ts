import { DeadlineExceededError, UsageClientError } from './errors';
import type { RequestOptions } from './request';

/** A call's deadline, started when the call starts. Internal. */
export interface Deadline {
  /** The call's options, with the deadline folded into `signal`. */
  readonly options: RequestOptions;
  /**
   * Turns what the deadline's abort threw into {@link DeadlineExceededError}; any other error,
   * the caller's own abort included, is returned as it is.
   */
  translate(error: unknown): unknown;
}

/**
 * Starts the deadline of one call (every page, attempt and retry wait of it). The timer is the
 * runtime's `AbortSignal.timeout`, which does not keep a process alive.
 *
 * @param operation The call, for the error (`costs`, `GET /organization/users`).
 * @param options The call's options; `deadlineMs` there wins over the client's.
 * @param clientDeadlineMs The client's `deadlineMs`, if any.
 *
 * @returns The options to send with and the error translation.
 */
export function startDeadline(
  operation: string,
  options: RequestOptions,
  clientDeadlineMs: number | undefined,
): Deadline {
  const deadlineMs = options.deadlineMs ?? clientDeadlineMs;
  if (deadlineMs === undefined) return { options, translate: (error) => error };
  if (typeof deadlineMs !== 'number' || !(deadlineMs >= 1) || !Number.isFinite(deadlineMs)) {
    throw new UsageClientError(
      `Option deadlineMs must be a number of at least 1; got ${deadlineMs}`,
    );
  }
  const timeout = AbortSignal.timeout(deadlineMs);
  const callerSignal = options.signal;
  const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
  return {
    options: { ...options, signal },
    translate(error) {
      if (!timeout.aborted || callerSignal?.aborted || error !== timeout.reason) return error;
      return new DeadlineExceededError(operation, deadlineMs);
    },
  };
}
