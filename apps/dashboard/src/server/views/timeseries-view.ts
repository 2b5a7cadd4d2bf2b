import { performance } from 'node:perf_hooks';
import { parseLineItem } from '@usagekit/cost';
import type { TimeseriesResponse } from '../../shared/api-types';
import type { DashboardContext } from '../dashboard-context';
import { labelOfKey, modelKey, valueKey } from '../labels';
import { describeMetric } from '../metric-descriptor';
import type { DashboardQuery } from '../query-params';
import { endpointsWithMetrics, scopeOf, USAGE_DIMENSION } from '../query-scope';
import { buildSeries, type SeriesMapping, seriesTable } from '../series-builder';
import { type Slice, type SliceValue, sliceTable } from '../table-slice';

/**
 * Turns a key function of the group values into a row key function that computes each distinct
 * pair of values once (a year of hours repeats the same few hundred values).
 */
function memoizedKey(
  compute: (value: SliceValue, second: SliceValue) => string,
): (row: Slice['rows'][number]) => string {
  const cache = new Map<SliceValue, Map<SliceValue, string>>();
  return (row) => {
    const value = row.key[0] ?? null;
    const second = row.key[1] ?? null;
    let inner = cache.get(value);
    if (inner === undefined) {
      inner = new Map();
      cache.set(value, inner);
    }
    let key = inner.get(second);
    if (key === undefined) {
      key = compute(value, second);
      inner.set(second, key);
    }
    return key;
  };
}

/** The usage table's metrics each headline metric sums. */
export const USAGE_METRIC_PARTS: Readonly<Record<string, readonly string[]>> = {
  spend: ['estimated_cost'],
  tokens: ['input_tokens', 'output_tokens'],
  requests: ['num_model_requests'],
};

/**
 * Cuts the series of a metric by a grouping: the bill from the costs rows; estimated spend (the
 * usage table's `estimated_cost` column) and usage metrics from the usage table.
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
  const label = (key: string) => labelOfKey(data.names, dimension, key);
  const warnings: string[] = [];
  const common = { grain, timeZone: query.tz, range: scope.range };
  if (query.metric === 'billed') {
    const supported = by === 'project' || by === 'model' || by === 'key';
    if (!supported) {
      warnings.push(`The bill (Costs API) cannot be split by ${by}; showing it as one series.`);
    }
    const slice = sliceTable(data.billing, {
      now: data.now,
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
        aggregation: 'sum',
      },
      warnings,
    };
  }
  const parts = USAGE_METRIC_PARTS[query.metric] ?? [query.metric];
  const slice = sliceTable(data.usage, {
    now: data.now,
    ...common,
    endpoints:
      query.metric === 'spend'
        ? data.usage.endpoints()
        : endpointsWithMetrics(parts, query.endpoint),
    by: by === 'model' ? [dimension, 'endpoint'] : [dimension],
    include: scope.usageInclude,
    metrics: parts,
  });
  return {
    slice,
    mapping: {
      keyOf: memoizedKey(by === 'model' ? modelKey : valueKey),
      labelOf: label,
      valueOf: (sums) => sums.reduce<number>((total, value) => total + (value ?? 0), 0),
      aggregation: describeMetric(query.metric).aggregation,
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
  const metric = describeMetric(query.metric);
  const level = metric.aggregation === 'level';
  return {
    metric: query.metric,
    label: metric.label,
    unit: metric.unit,
    estimated: metric.estimated,
    grain: query.grain,
    timeZone: query.tz,
    times: built.times,
    partial: slice.partial,
    series: built.series,
    warnings: [...new Set([...slice.warnings, ...warnings])],
    tables: [
      seriesTable(built, 'series', `${metric.label} by ${query.by}`, {
        label: level ? 'Average over the range' : 'Total',
        kind: metric.kind,
        unit: metric.unit,
        estimated: metric.estimated,
      }),
    ],
    elapsedMs: performance.now() - started,
  };
}
