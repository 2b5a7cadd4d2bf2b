import type * as v from 'valibot';
import { type BucketWidth, USAGE_BUCKET_WIDTHS } from './bucket-width';
import { defineEndpoint, type EndpointDefinition, type EndpointSpecification } from './endpoint';
import type { Filter } from './filter';

/**
 * Builds the definition of a usage endpoint: its path is `/organization/usage/<name>`, it accepts
 * the `1m`, `1h` and `1d` widths with their limits, and defaults to `1d`.
 *
 * @param specification Name, result schema, dimensions, filters and metrics.
 *
 * @returns The endpoint definition.
 */
// @__NO_SIDE_EFFECTS__
export function defineUsageEndpoint<
  const TName extends string,
  TResult extends v.GenericSchema,
  const TDimension extends string,
  const TFilters extends Record<string, Filter>,
  const TMetric extends string,
>(
  specification: Omit<
    EndpointSpecification<TName, TResult, BucketWidth, TDimension, TFilters, TMetric>,
    'kind' | 'path' | 'bucketWidths' | 'defaultBucketWidth'
  >,
): EndpointDefinition<TName, TResult, BucketWidth, TDimension, TFilters, TMetric> {
  return defineEndpoint<TName, TResult, BucketWidth, TDimension, TFilters, TMetric>({
    ...specification,
    kind: 'usage',
    path: `/organization/usage/${specification.name}`,
    bucketWidths: USAGE_BUCKET_WIDTHS,
    defaultBucketWidth: '1d',
  });
}
