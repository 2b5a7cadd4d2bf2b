import type { BucketInput } from '@usagekit/aggregate';
import type { BucketSource } from '@usagekit/report';
import type { EndpointName } from '@usagekit/schemas';

/**
 * Wraps a report source so that every page of buckets it hands to the report layer is also
 * kept: a command that needs the buckets themselves (reconcile's line-by-line reasons) reads
 * them once, with the report's own plan, instead of fetching a second time.
 *
 * @param source The source.
 * @param record Receives each page, with its endpoint.
 *
 * @returns The recording source, with the same label and refused groupings.
 */
export function recordingSource(
  source: BucketSource,
  record: (endpoint: EndpointName, buckets: readonly BucketInput[]) => void,
): BucketSource {
  const refusedGroupings = source.refusedGroupings;
  return {
    label: source.label,
    ...(refusedGroupings === undefined
      ? {}
      : { refusedGroupings: (endpoint: EndpointName) => refusedGroupings.call(source, endpoint) }),
    async *fetch(endpoint, params, options) {
      const pages = source.fetch(endpoint, params, options);
      if (Symbol.asyncIterator in pages) {
        for await (const page of pages) {
          record(endpoint, page);
          yield page;
        }
      } else {
        const page = await pages;
        record(endpoint, page);
        yield page;
      }
    },
  };
}
