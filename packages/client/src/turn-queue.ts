/** Runs CPU-bound jobs one at a time, each on its own turn of the event loop. */
export type TurnQueue = <TValue>(job: () => TValue) => Promise<TValue>;

/**
 * Resolves on a later turn of the event loop (a zero-delay timer), after pending microtasks and
 * I/O callbacks have run.
 *
 * @returns A promise that resolves on the next turn.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Creates a queue that runs jobs in the order given, one per turn of the event loop: each job
 * starts on a fresh turn after the previous one has finished, so network I/O (bodies arriving,
 * requests going out) runs between two CPU-bound jobs, such as parsing two large pages, instead
 * of waiting behind all of them. A job that throws rejects its own promise only.
 *
 * @returns The queue: call it with a job to get a promise of the job's result.
 */
export function createTurnQueue(): TurnQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return (job) => {
    const result = tail.then(nextTurn).then(job);
    tail = result.catch(() => undefined);
    return result;
  };
}
