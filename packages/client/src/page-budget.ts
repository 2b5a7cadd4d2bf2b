import {
  type BucketWidthLimits,
  type EndpointName,
  getEndpoint,
  type ParamsOf,
} from '@usagekit/schemas';

/**
 * The most pages one query's answer may take: one page per bucket its window holds (counted on
 * whole widths from the UTC epoch), plus two. An honest server needs `buckets / limit` pages,
 * and even one that pages at a smaller size than asked brings at least one bucket a page; a
 * server that goes on past this pages forever (new cursors, empty or repeated pages).
 *
 * @param name The endpoint.
 * @param params Valid parameters; without `end_time` the window ends at `nowMs`.
 * @param nowMs The time. @unit milliseconds since the epoch
 *
 * @returns The page bound, at least 3.
 */
export function maxPagesFor<TName extends EndpointName>(
  name: TName,
  params: ParamsOf<TName>,
  nowMs: number,
): number {
  const endpoint = getEndpoint(name);
  const widths = endpoint.bucketWidths as Readonly<Record<string, BucketWidthLimits>>;
  const limits = widths[params.bucket_width ?? endpoint.defaultBucketWidth] as BucketWidthLimits;
  const end = params.end_time ?? Math.ceil(nowMs / 1000);
  const anchor = Math.floor(params.start_time / limits.seconds) * limits.seconds;
  const buckets = Math.max(1, Math.ceil((end - anchor) / limits.seconds));
  return buckets + 2;
}
