/**
 * Runs a task for each item with at most `limit` running at once, in item order as slots free.
 * Settles every task: a failure is handed back, it does not stop the others.
 *
 * @param items The items.
 * @param limit How many tasks run at once.
 * @param task The task.
 *
 * @returns Each task's outcome, in item order.
 */
export async function runLimited<TItem, TResult>(
  items: readonly TItem[],
  limit: number,
  task: (item: TItem) => Promise<TResult>,
): Promise<PromiseSettledResult<TResult>[]> {
  const outcomes: PromiseSettledResult<TResult>[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      try {
        outcomes[index] = { status: 'fulfilled', value: await task(items[index] as TItem) };
      } catch (error) {
        outcomes[index] = { status: 'rejected', reason: error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return outcomes;
}
