/**
 * Resolves on a later turn of the event loop (a zero-delay timer), after pending microtasks and
 * I/O callbacks have run. Used to let a just-started request reach the network before a
 * CPU-bound step (parsing a large page) blocks the thread.
 *
 * @returns A promise that resolves on the next turn.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
