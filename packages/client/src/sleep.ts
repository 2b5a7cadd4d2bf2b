/** Waits a number of milliseconds; rejects with the signal's reason when it aborts first. */
export type Sleep = (ms: number, signal?: AbortSignal | undefined) => Promise<void>;

/**
 * Waits with `setTimeout`, stopping early with the signal's reason when the signal aborts.
 *
 * @param ms How long to wait. @unit milliseconds
 * @param signal Stops the wait.
 *
 * @returns A promise that settles when the time has passed or the signal aborted.
 */
export function sleep(ms: number, signal?: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
