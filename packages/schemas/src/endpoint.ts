import type * as v from 'valibot';
import type { BucketWidth, BucketWidthLimits } from './bucket-width';
import type { Filter, FilterValue } from './filter';
import type { MetricField } from './metric';
import { createPageSchema } from './page';
import { createParamsSchema } from './params-schema';

/** The query parameters of an endpoint, computed from its definition. */
export type EndpointParams<
  TWidth extends BucketWidth,
  TDimension extends string,
  TFilters extends Record<string, Filter>,
> = {
  /** Start of the range, inclusive. @unit Unix seconds */
  start_time: number;
  /** End of the range, exclusive. @unit Unix seconds */
  end_time?: number | undefined;
  /** Width of each bucket. */
  bucket_width?: TWidth | undefined;
  /** Buckets per page. */
  limit?: number | undefined;
  /** The cursor from the previous page's `next_page`. */
  page?: string | undefined;
  /** Dimensions to group results by. */
  group_by?: TDimension[] | undefined;
} & { -readonly [TName in keyof TFilters]?: FilterValue<TFilters[TName]> | undefined };

/** What a usage or costs endpoint is: the one description every package reads. */
export interface EndpointDefinition<
  TName extends string = string,
  TResult extends v.GenericSchema = v.GenericSchema,
  TWidth extends BucketWidth = BucketWidth,
  TDimension extends string = string,
  TFilters extends Record<string, Filter> = Record<string, Filter>,
  TMetric extends string = string,
> {
  /** The registry key, which is also the last segment of the path. */
  readonly name: TName;
  /** A human label for the endpoint and for its rows that name no model, e.g. "Vector storage". */
  readonly label: string;
  /** Whether this is one of the usage endpoints or the Costs API. */
  readonly kind: 'usage' | 'costs';
  /** The path below the API base URL. */
  readonly path: string;
  /** The `object` literal each result carries. */
  readonly resultObject: string;
  /** The schema of one result. */
  readonly resultSchema: TResult;
  /** The schema of one page of buckets. */
  readonly pageSchema: ReturnType<typeof createPageSchema<TResult>>;
  /** The schema of the query parameters, with messages that name the parameter and what is allowed. */
  readonly paramsSchema: v.GenericSchema<unknown, EndpointParams<TWidth, TDimension, TFilters>>;
  /** Widths this endpoint accepts, with their `limit` bounds. */
  readonly bucketWidths: { readonly [TKey in TWidth]: BucketWidthLimits };
  /** The width the API uses when none is sent. */
  readonly defaultBucketWidth: TWidth;
  /** The values `group_by` accepts, which are also the grouping fields of a result. */
  readonly dimensions: readonly TDimension[];
  /** The filter parameters, each tied to the dimension it restricts. */
  readonly filters: TFilters;
  /** The counters, each with its unit, label and how it combines over time. */
  readonly metrics: readonly MetricField<TMetric>[];
}

/** The specification {@link defineEndpoint} builds an endpoint from. */
export type EndpointSpecification<
  TName extends string,
  TResult extends v.GenericSchema,
  TWidth extends BucketWidth,
  TDimension extends string,
  TFilters extends Record<string, Filter>,
  TMetric extends string,
> = Omit<
  EndpointDefinition<TName, TResult, TWidth, TDimension, TFilters, TMetric>,
  'pageSchema' | 'paramsSchema' | 'defaultBucketWidth'
> & {
  /** The width the API uses when none is sent; one of `bucketWidths` (which alone set the widths). */
  readonly defaultBucketWidth: NoInfer<TWidth>;
};

/**
 * Builds an endpoint definition, deriving its page and params schemas from the specification.
 *
 * @param specification Path, result schema, widths, dimensions, filters and metrics.
 *
 * @returns The endpoint definition.
 */
// @__NO_SIDE_EFFECTS__
export function defineEndpoint<
  const TName extends string,
  TResult extends v.GenericSchema,
  const TWidth extends BucketWidth,
  const TDimension extends string,
  const TFilters extends Record<string, Filter>,
  const TMetric extends string,
>(
  specification: EndpointSpecification<TName, TResult, TWidth, TDimension, TFilters, TMetric>,
): EndpointDefinition<TName, TResult, TWidth, TDimension, TFilters, TMetric> {
  return {
    ...specification,
    pageSchema: createPageSchema(specification.resultSchema),
    paramsSchema: createParamsSchema(specification) as unknown as v.GenericSchema<
      unknown,
      EndpointParams<TWidth, TDimension, TFilters>
    >,
  };
}
