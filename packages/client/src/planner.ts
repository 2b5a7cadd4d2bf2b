import {
  type BucketWidthLimits,
  type EndpointName,
  getEndpoint,
  type ParamsOf,
} from '@usagekit/schemas';

/** One request of a plan: a sub-range that fits one page. */
export interface PlannedRequest<TName extends EndpointName> {
  /** The parameters to send: the caller's, with this sub-range and the page limit. */
  readonly params: ParamsOf<TName>;
  /** Start of the sub-range, inclusive. @unit Unix seconds */
  readonly start_time: number;
  /** End of the sub-range, exclusive. @unit Unix seconds */
  readonly end_time: number;
}

/** The requests a range needs, computed before any is sent. */
export interface RequestPlan<TName extends EndpointName> {
  /** The endpoint. */
  readonly endpoint: TName;
  /** The bucket width used. */
  readonly bucketWidth: string;
  /** Buckets asked for per request. */
  readonly limit: number;
  /** Start of the whole range, inclusive. @unit Unix seconds */
  readonly start_time: number;
  /** End of the whole range, exclusive (now when the caller gave none). @unit Unix seconds */
  readonly end_time: number;
  /** The independent requests, in time order. */
  readonly requests: readonly PlannedRequest<TName>[];
  /** How many requests, before any extra page the server may announce. */
  readonly requestCount: number;
  /**
   * Expected wall time: rounds of `concurrency` requests times the client's observed latency;
   * absent until the client has timed a request. @unit milliseconds
   */
  readonly estimatedMs?: number | undefined;
  /** A one-line summary to show before running. */
  describe(): string;
}

/** Options of {@link planRequests}. */
export interface PlanOptions {
  /** The time, used as the end of a range without `end_time`. @unit milliseconds since the epoch */
  readonly nowMs: number;
  /** Requests run at once, for the estimate. */
  readonly concurrency?: number | undefined;
  /** Typical latency of one request, for the estimate. @unit milliseconds */
  readonly latencyMs?: number | undefined;
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Splits a range into sub-ranges that each fit one page at the width's largest `limit` (or the
 * caller's `limit`): 168 hours, 31 days, 1440 minutes, 180 days for costs. Sub-ranges start on
 * whole buckets counted from the UTC epoch (whole UTC days for daily buckets), so no two requests
 * share a bucket and all can run at once. A call with a `page` cursor is one request. The
 * parameters must already be valid (see `assertParams`).
 *
 * @param name The endpoint.
 * @param params Valid parameters; without `end_time` the range ends at `nowMs`.
 * @param options The clock and, for the estimate, concurrency and latency.
 *
 * @returns The plan.
 */
export function planRequests<TName extends EndpointName>(
  name: TName,
  params: ParamsOf<TName>,
  options: PlanOptions,
): RequestPlan<TName> {
  const endpoint = getEndpoint(name);
  const widths = endpoint.bucketWidths as Readonly<Record<string, BucketWidthLimits>>;
  const bucketWidth: string = params.bucket_width ?? endpoint.defaultBucketWidth;
  const limits = widths[bucketWidth] as BucketWidthLimits;
  const limit = params.limit ?? limits.maxLimit;
  const start = params.start_time;
  const end = params.end_time ?? Math.ceil(options.nowMs / 1000);
  const requests: PlannedRequest<TName>[] = [];

  if (params.page !== undefined) {
    requests.push({ params, start_time: start, end_time: end });
  } else {
    const spanSeconds = limit * limits.seconds;
    const anchor = Math.floor(start / limits.seconds) * limits.seconds;
    for (let chunkStart = anchor; chunkStart < end; chunkStart += spanSeconds) {
      const subStart = Math.max(start, chunkStart);
      const subEnd = Math.min(end, chunkStart + spanSeconds);
      requests.push({
        params: { ...params, start_time: subStart, end_time: subEnd, limit },
        start_time: subStart,
        end_time: subEnd,
      });
    }
  }

  const concurrency = Math.max(1, options.concurrency ?? 1);
  const estimatedMs =
    options.latencyMs === undefined
      ? undefined
      : Math.ceil(requests.length / concurrency) * options.latencyMs;
  return {
    endpoint: name,
    bucketWidth,
    limit,
    start_time: start,
    end_time: end,
    requests,
    requestCount: requests.length,
    estimatedMs,
    describe() {
      const count = `${requests.length} request${requests.length === 1 ? '' : 's'}`;
      const estimate =
        estimatedMs === undefined
          ? ''
          : `, about ${(estimatedMs / 1000).toFixed(1)} s at concurrency ${concurrency}`;
      return `${name}: ${count} for ${iso(start)} to ${iso(end)} at bucket_width ${bucketWidth} (up to ${limit} buckets each)${estimate}`;
    },
  };
}
