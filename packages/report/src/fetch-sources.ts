import type { BucketInput } from '@usagekit/aggregate';
import type { EndpointName } from '@usagekit/schemas';
import type { BucketSource } from './bucket-source';
import { forEachBatch } from './collect-buckets';
import { ReportQuestionError } from './errors';
import type { EndpointFetch } from './plan';

/** What a report tells its caller while it fetches. */
export type ReportEvent = {
  readonly type: 'fetched';
  /** The source's label. */
  readonly source: string;
  readonly endpoint: EndpointName;
  /** Buckets received. */
  readonly buckets: number;
};

/** Receives a batch of buckets with the grouping they were really fetched with. */
export type TakeBuckets = (
  source: BucketSource,
  endpoint: EndpointName,
  groupBy: readonly string[],
  buckets: readonly BucketInput[],
) => void;

/** What fetching left to say: refusals, each once. */
export interface SourcesFetched {
  readonly notices: readonly string[];
  /** Per source label, per endpoint, the planned groupings the source refused. */
  readonly refused: ReadonlyMap<string, ReadonlyMap<EndpointName, readonly string[]>>;
}

/** Options of {@link fetchSources}. */
export interface FetchSourcesOptions {
  /** Stops every fetch. */
  readonly signal?: AbortSignal | undefined;
  /** Told of each endpoint fetched. */
  readonly onEvent?: ((event: ReportEvent) => void) | undefined;
}

/**
 * Checks that there is at least one source and that labels are unique.
 *
 * @param sources The sources.
 *
 * @throws {ReportQuestionError} Otherwise.
 */
function checkSources(sources: readonly BucketSource[]): void {
  if (sources.length === 0) throw new ReportQuestionError('give at least one source', 'sources');
  const labels = new Set<string>();
  sources.forEach((source, index) => {
    if (labels.has(source.label)) {
      throw new ReportQuestionError(
        `the label "${source.label}" is used twice`,
        `sources[${index}].label`,
      );
    }
    labels.add(source.label);
  });
}

/** A fetch without the groupings a source refused. */
function withoutRefused(fetch: EndpointFetch, refused: readonly string[]): EndpointFetch {
  if (!fetch.groupBy.some((dimension) => refused.includes(dimension))) return fetch;
  const groupBy = fetch.groupBy.filter((dimension) => !refused.includes(dimension));
  const { group_by: _dropped, ...rest } = fetch.params as Record<string, unknown>;
  const params = (
    groupBy.length === 0 ? rest : { ...rest, group_by: groupBy }
  ) as EndpointFetch['params'];
  return { ...fetch, groupBy, params };
}

/**
 * Fetches every planned endpoint from every source at once, leaving out up front the groupings a
 * source is known to refuse, and hands batches to `take` with the grouping the source really
 * applied. Each refused grouping is said once. Fails as a whole, stopping the other fetches,
 * when one fails: a report never silently lacks an endpoint or organization.
 *
 * @param sources The sources.
 * @param fetches The plan's fetches.
 * @param take Receives the buckets.
 * @param options Cancellation and the event hook.
 *
 * @returns Refusal notices and what was refused.
 *
 * @throws {ReportQuestionError} Before any request, when there is no source or a label repeats.
 */
export async function fetchSources(
  sources: readonly BucketSource[],
  fetches: readonly EndpointFetch[],
  take: TakeBuckets,
  options: FetchSourcesOptions = {},
): Promise<SourcesFetched> {
  checkSources(sources);
  const siblings = new AbortController();
  const signal =
    options.signal === undefined
      ? siblings.signal
      : AbortSignal.any([options.signal, siblings.signal]);
  const refused = new Map<string, Map<EndpointName, readonly string[]>>();
  const notices = new Set<string>();
  const applied = (source: BucketSource, fetch: EndpointFetch): readonly string[] => {
    const refusedNow = source.refusedGroupings?.(fetch.endpoint) ?? [];
    const dropped = fetch.groupBy.filter((dimension) => refusedNow.includes(dimension));
    if (dropped.length === 0) return fetch.groupBy;
    const perSource = refused.get(source.label) ?? new Map<EndpointName, readonly string[]>();
    perSource.set(fetch.endpoint, dropped);
    refused.set(source.label, perSource);
    const notice = `grouping by ${dropped.join(', ')} refused by this organization; shown without ${dropped.length > 1 ? 'them' : 'it'}`;
    notices.add(sources.length > 1 ? `${source.label}: ${notice}` : notice);
    return fetch.groupBy.filter((dimension) => !dropped.includes(dimension));
  };
  const reads = sources.flatMap((source) =>
    fetches.map(async (fetch) => {
      const sent = withoutRefused(fetch, source.refusedGroupings?.(fetch.endpoint) ?? []);
      const count = await forEachBatch(
        source.fetch(sent.endpoint, sent.params, { signal }),
        (buckets) => take(source, fetch.endpoint, applied(source, fetch), buckets),
      );
      options.onEvent?.({
        type: 'fetched',
        source: source.label,
        endpoint: fetch.endpoint,
        buckets: count,
      });
    }),
  );
  try {
    await Promise.all(reads);
  } catch (error) {
    siblings.abort(new Error('another fetch of the report failed'));
    await Promise.allSettled(reads);
    throw error;
  }
  return { notices: [...notices], refused };
}
