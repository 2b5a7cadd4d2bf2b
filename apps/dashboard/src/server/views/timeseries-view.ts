import { performance } from 'node:perf_hooks';
import { parseLineItem } from '@usagekit/cost';
import type { TimeseriesResponse } from '../../shared/api-types';
import type { DashboardContext } from '../dashboard-context';
import { labelOfKey, valueKey } from '../labels';
import { describeMetric } from '../metric-descriptor';
import type { DashboardQuery } from '../query-params';
import { scopeOf, USAGE_DIMENSION } from '../query-scope';
import { reportSeries } from '../report-series';
import { type BuiltSeries, buildSeries, type SeriesMapping, seriesTable } from '../series-builder';
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

/**
 * Cuts the bill's series by a grouping from the costs rows: it comes in whole UTC days by
 * project and line item, so it splits by project, model (from the line item) or key only.
 *
 * @param data The loaded data.
 * @param query The query (by, grain, tz, range, filters).
 *
 * @returns The slice, how to read its rows, and notes.
 */
function sliceBill(
  data: DashboardContext,
  query: DashboardQuery,
): { slice: Slice; mapping: SeriesMapping; warnings: string[] } {
  const scope = scopeOf(data, query);
  const by = query.by;
  const dimension = USAGE_DIMENSION[by];
  const warnings: string[] = [];
  const supported = by === 'project' || by === 'model' || by === 'key';
  if (!supported) {
    warnings.push(`The bill (Costs API) cannot be split by ${by}; showing it as one series.`);
  }
  const slice = sliceTable(data.billing, {
    now: data.now,
    grain: query.grain,
    timeZone: query.tz,
    range: scope.range,
    endpoints: ['costs'],
    by: by === 'model' ? ['line_item'] : supported ? [dimension] : [],
    include: scope.costsInclude,
    metrics: ['amount_value'],
  });
  if (query.grain === 'hour' || query.tz !== 'UTC') {
    warnings.push('The bill comes in whole UTC days; hours and other time zones cannot split it.');
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
      labelOf: supported
        ? (key) => labelOfKey(data.names, dimension, key)
        : () => ({ label: 'Billed', title: 'Costs API' }),
      valueOf: (sums) => sums[0] ?? 0,
      aggregation: 'sum',
    },
    warnings,
  };
}

/**
 * The "over time" view: a metric stacked by a dimension, with its totals table. Estimated
 * spend and usage metrics come from the report layer (as `usagekit report` computes them); the
 * bill from its costs rows.
 *
 * @param data The loaded data.
 * @param query The query.
 *
 * @returns The series and table.
 */
export async function buildTimeseries(
  data: DashboardContext,
  query: DashboardQuery,
): Promise<TimeseriesResponse> {
  const started = performance.now();
  const scope = scopeOf(data, query);
  let built: BuiltSeries & { readonly partial: readonly boolean[] };
  let warnings: readonly string[];
  if (query.metric === 'billed') {
    const bill = sliceBill(data, query);
    built = { ...buildSeries(bill.slice, bill.mapping, query.top), partial: bill.slice.partial };
    warnings = [...new Set([...bill.slice.warnings, ...bill.warnings])];
  } else {
    const series = await reportSeries(data, query, scope);
    built = series;
    warnings = series.warnings;
  }
  if (scope.excluded) built = { ...built, series: [], totals: [] };
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
    partial: built.partial,
    series: built.series,
    warnings,
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
