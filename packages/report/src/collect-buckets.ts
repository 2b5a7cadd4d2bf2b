import type { BucketInput } from '@usagekit/aggregate';

/**
 * Hands each batch of a source's answer to `take`, whether the source answered at once or batch
 * after batch.
 *
 * @param answer What `BucketSource.fetch` returned.
 * @param take Receives each batch.
 *
 * @returns How many buckets were taken.
 */
export async function forEachBatch(
  answer: Promise<readonly BucketInput[]> | AsyncIterable<readonly BucketInput[]>,
  take: (buckets: readonly BucketInput[]) => void,
): Promise<number> {
  let count = 0;
  if (Symbol.asyncIterator in answer) {
    for await (const batch of answer) {
      take(batch);
      count += batch.length;
    }
    return count;
  }
  const buckets = await answer;
  take(buckets);
  return buckets.length;
}
