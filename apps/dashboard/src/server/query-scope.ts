import { parseLineItem } from '@usagekit/cost';
import { type EndpointName, endpoints, usageEndpointNames } from '@usagekit/schemas';
import type { Grouping } from '../shared/dashboard-query';
import type { DashboardContext } from './dashboard-context';
import type { DashboardQuery } from './query-params';
import { QueryRefusedError } from './query-refused-error';
import { rangeOutsideLookback } from './range-bounds';
import type { SliceValue } from './table-slice';
import { resolveRange, type TimeRange } from './time-range';

/** The usage dimension each grouping of the URL stands for. */
export const USAGE_DIMENSION: Readonly<Record<Grouping, string>> = {
  model: 'model',
  project: 'project_id',
  user: 'user_id',
  key: 'api_key_id',
  endpoint: 'endpoint',
  batch: 'batch',
  service_tier: 'service_tier',
};

/** A query resolved against the loaded data: its range and filters for each table. */
export interface QueryScope {
  readonly range: TimeRange;
  /** Whether the organization filter excludes the only organization. */
  readonly excluded: boolean;
  /** Filters for the usage table (and so for its estimated cost). */
  readonly usageInclude: ReadonlyMap<string, readonly SliceValue[]>;
  /** Filters for the bill (costs rows of the usage table). */
  readonly costsInclude: ReadonlyMap<string, readonly SliceValue[]>;
}

/**
 * Resolves a query's range and filters for each table. A custom range beyond the API's lookback
 * or in the future is refused. The model filter on the bill becomes a list of the line items that
 * belong to the model.
 *
 * @param data The loaded data.
 * @param query The validated query.
 *
 * @returns The scope.
 * @throws {QueryRefusedError} when the range is outside what the API can answer.
 */
export function scopeOf(data: DashboardContext, query: DashboardQuery): QueryScope {
  if (query.range === 'custom') {
    const refused = rangeOutsideLookback(query.from ?? '', query.to ?? '', data.now);
    if (refused !== null) throw new QueryRefusedError(refused);
  }
  const range = resolveRange(query.range, data.now, query.tz, query.from, query.to);
  const usageInclude = new Map<string, SliceValue[]>();
  const costsInclude = new Map<string, SliceValue[]>();
  if (query.project !== undefined) {
    for (const include of [usageInclude, costsInclude]) include.set('project_id', [query.project]);
  }
  if (query.model !== undefined) {
    const model = query.model;
    usageInclude.set('model', [model]);
    costsInclude.set(
      'line_item',
      data.billing
        .dimensionValues('line_item')
        .filter((value) => typeof value === 'string' && parseLineItem(value)?.model === model),
    );
  }
  const excluded = query.org !== undefined && query.org !== data.organization?.id;
  return { range, excluded, usageInclude, costsInclude };
}

/**
 * The usage endpoints that report every one of the metrics.
 *
 * @param metrics Registry metric names.
 * @param only Restrict to this endpoint when given.
 *
 * @returns The endpoints.
 */
export function endpointsWithMetrics(
  metrics: readonly string[],
  only?: EndpointName | undefined,
): EndpointName[] {
  return usageEndpointNames.filter(
    (name) =>
      (only === undefined || only === name) &&
      metrics.some((metric) => endpoints[name].metrics.some((field) => field.name === metric)),
  );
}
