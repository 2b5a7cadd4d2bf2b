import { performance } from 'node:perf_hooks';
import { parseLineItem } from '@usagekit/cost';
import type { TimeseriesResponse } from '../../shared/api-types';
import type { Grouping } from '../../shared/dashboard-query';
import type { DashboardContext } from '../dashboard-context';
import { labelOf } from '../labels';
import type { DashboardQuery } from '../query-params';
import { endpointsWithMetrics, estimateKeys, scopeOf, USAGE_DIMENSION } from '../query-scope';
import { buildSeries, type SeriesMapping, seriesTable } from '../series-builder';
import { type Slice, type SliceValue, sliceTable } from '../table-slice';

const METRIC_UNITS: Readonly<Record<string, string>> = {
  spend: 'usd',
  billed: 'usd',
  tokens: 'tokens',
  requests: 'requests',
};

const ESTIMATE_FIELDS: Readonly<
  Partial<Record<Grouping, 'endpoint' | 'model' | 'batch' | 'serviceTier'>>
> = {
  model: 'model',
  endpoint: 'endpoint',
  batch: 'batch',
  service_tier: 'serviceTier',
};

function valueKey(value: SliceValue): string {
  return JSON.stringify(value);
}

function parseKey(key: string): SliceValue {
  return JSON.parse(key) as SliceValue;
}

/**
 * Turns a key function of the first group value into a row key function that computes each
 * distinct value once (a year of hours repeats the same few hundred values).
 */
function memoizedKey(
  compute: (value: SliceValue) => string,
): (row: Slice['rows'][number]) => string {
  const cache = new Map<SliceValue, string>();
  return (row) => {
    const value = row.key[0] ?? null;
    let key = cache.get(value);
    if (key === undefined) {
      key = compute(value);
      cache.set(value, key);
    }
    return key;
  };
}

/** The metrics each headline metric sums on the usage table. */
export const USAGE_METRIC_PARTS: Readonly<Record<string, readonly string[]>> = {
  tokens: ['input_tokens', 'output_tokens'],
  requests: ['num_model_requests'],
};

/**
 * Cuts the series of a metric by a grouping: estimated spend from the estimate table, the bill
 * from the costs rows, and usage metrics from the usage table.
 *
 * @param data The loaded data.
 * @param query The query (metric, by, grain, tz, range, filters).
 * @param grain Override of the query's grain (`all` for totals).
 *
 * @returns The slice, how to read its rows, and notes.
 */
export function sliceMetric(
  data: DashboardContext,
  query: DashboardQuery,
  grain: DashboardQuery['grain'] | 'all' = query.grain,
): { slice: Slice; mapping: SeriesMapping; warnings: string[] } {
  const scope = scopeOf(data, query);
  const by = query.by;
  const dimension = USAGE_DIMENSION[by];
  const label = (key: string) => labelOf(data.names, dimension, parseKey(key));
  const warnings: string[] = [];
  const common = { grain, timeZone: query.tz, range: scope.range };
  if (query.metric === 'spend') {
    const field = ESTIMATE_FIELDS[by];
    const slice = sliceTable(field === undefined ? data.estimates : data.estimatesByItem, {
      ...common,
      endpoints: ['costs'],
      by: [field === undefined ? dimension : 'line_item'],
      include: scope.estimateInclude,
      metrics: ['amount_value'],
    });
    const keyOf = memoizedKey((value) =>
      valueKey(
        field === undefined || typeof value !== 'string'
          ? value
          : estimateKeys.decode(value)[field],
      ),
    );
    return { slice, mapping: { keyOf, labelOf: label, valueOf: (sums) => sums[0] ?? 0 }, warnings };
  }
  if (query.metric === 'billed') {
    const supported = by === 'project' || by === 'model' || by === 'key';
    if (!supported) {
      warnings.push(`The bill (Costs API) cannot be split by ${by}; showing it as one series.`);
    }
    const slice = sliceTable(data.billing, {
      ...common,
      endpoints: ['costs'],
      by: by === 'model' ? ['line_item'] : supported ? [dimension] : [],
      include: scope.costsInclude,
      metrics: ['amount_value'],
    });
    if (grain === 'hour' || query.tz !== 'UTC') {
      warnings.push(
        'The bill comes in whole UTC days; hours and other time zones cannot split it.',
      );
    }
    const keyOf = memoizedKey((value) => {
      if (!supported) return valueKey('billed');
      if (by === 'model') {
        return valueKey(typeof value === 'string' ? (parseLineItem(value)?.model ?? value) : null);
      }
      return valueKey(value);
    });
    return {
      slice,
      mapping: {
        keyOf,
        labelOf: supported ? label : () => ({ label: 'Billed', title: 'Costs API' }),
        valueOf: (sums) => sums[0] ?? 0,
      },
      warnings,
    };
  }
  const parts = USAGE_METRIC_PARTS[query.metric] ?? [query.metric];
  const slice = sliceTable(data.usage, {
    ...common,
    endpoints: endpointsWithMetrics(parts, query.endpoint),
    by: [dimension],
    include: scope.usageInclude,
    metrics: parts,
  });
  return {
    slice,
    mapping: {
      keyOf: memoizedKey(valueKey),
      labelOf: label,
      valueOf: (sums) => sums.reduce((total, value) => total + value, 0),
    },
    warnings,
  };
}

/**
 * The "over time" view: a metric stacked by a dimension, with its totals table.
 *
 * @param data The loaded data.
 * @param query The query.
 *
 * @returns The series and table.
 */
export function buildTimeseries(data: DashboardContext, query: DashboardQuery): TimeseriesResponse {
  const started = performance.now();
  const scope = scopeOf(data, query);
  const { slice, mapping, warnings } = sliceMetric(data, query);
  const built = scope.excluded
    ? { times: slice.periods, series: [], totals: [] }
    : buildSeries(slice, mapping, query.top);
  const money = query.metric === 'spend' || query.metric === 'billed';
  return {
    metric: query.metric,
    unit: METRIC_UNITS[query.metric] ?? query.metric,
    grain: query.grain,
    timeZone: query.tz,
    times: built.times,
    series: built.series,
    warnings: [...new Set([...slice.warnings, ...warnings])],
    tables: [seriesTable(built, 'series', `Totals by ${query.by}`, money ? 'money' : 'number')],
    elapsedMs: performance.now() - started,
  };
}
