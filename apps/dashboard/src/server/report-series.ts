import type { MetricName } from '@usagekit/aggregate';
import type { ReportRow } from '@usagekit/report';
import { endpoints, usageEndpointNames } from '@usagekit/schemas';
import type { DashboardContext } from './dashboard-context';
import { dashboardReport } from './dashboard-report';
import { labelOfKey, modelKey, valueKey } from './labels';
import type { DashboardQuery } from './query-params';
import { endpointsWithMetrics, type QueryScope, USAGE_DIMENSION } from './query-scope';
import { type BuiltSeries, OTHER_KEY } from './series-builder';

/** The usage table's metrics each headline metric adds up; any other metric is itself. */
export const USAGE_METRIC_PARTS: Readonly<Record<string, readonly string[]>> = {
  spend: ['estimated_cost'],
  tokens: ['input_tokens', 'output_tokens'],
  requests: ['num_model_requests'],
};

/** Stacked series of estimated spend or a usage metric, with the periods that are partial. */
export interface ReportSeries extends BuiltSeries {
  readonly partial: readonly boolean[];
  readonly warnings: readonly string[];
}

/**
 * Estimated spend or a usage metric over time, by the query's grouping, from two reports of the
 * report layer: one per period of the grain, one over the whole window (each group's total, a
 * level's time-weighted average). The report keeps the query's top N groups by the metric and
 * folds the rest into "Other"; groups without a model are named after their endpoint.
 *
 * @param data The loaded data.
 * @param query The query.
 * @param scope Its range and filters.
 *
 * @returns Times, series, their totals and the partial periods.
 */
export async function reportSeries(
  data: DashboardContext,
  query: DashboardQuery,
  scope: QueryScope,
): Promise<ReportSeries> {
  const parts = USAGE_METRIC_PARTS[query.metric] ?? [query.metric];
  const dimension = USAGE_DIMENSION[query.by];
  const byModel = query.by === 'model';
  const selected =
    query.metric === 'spend' ? undefined : endpointsWithMetrics(parts, query.endpoint);
  // Group by the dimension where some selected endpoint has it (a storage chart has no models).
  const grouped = (selected ?? usageEndpointNames).some((name) =>
    (endpoints[name].dimensions as readonly string[]).includes(dimension),
  );
  const question = {
    dimensions: [...(grouped ? [dimension] : []), ...(byModel || !grouped ? ['endpoint'] : [])],
    ...(selected === undefined ? {} : { endpoints: selected }),
    top: { n: query.top, metric: parts[0] as MetricName },
  };
  const [periods, whole] = await Promise.all([
    dashboardReport(data, query, scope, { ...question, grain: query.grain }),
    dashboardReport(data, query, scope, { ...question, grain: 'total' }),
  ]);
  const keyOf = (row: ReportRow): string => {
    if (row.row_kind === 'other') return OTHER_KEY;
    const value = row.values[dimension] ?? null;
    return byModel || !grouped ? modelKey(value, row.values.endpoint ?? null) : valueKey(value);
  };
  const metricOf = (row: ReportRow): number =>
    query.metric === 'spend'
      ? row.estimated_cost
      : parts.reduce((sum, part) => sum + (row.metrics[part] ?? 0), 0);
  const partialOf = new Map<number, boolean>();
  for (const row of periods.rows) partialOf.set(row.period_start, row.partial);
  const times = [...partialOf.keys()].sort((left, right) => left - right);
  const index = new Map(times.map((time, position) => [time, position]));
  // A model served by two endpoints (completions and decisions) is one series.
  const totals = new Map<string, number>();
  for (const row of whole.rows) {
    const key = keyOf(row);
    totals.set(key, (totals.get(key) ?? 0) + metricOf(row));
  }
  const ranked = [...totals]
    .map(([key, total]) => ({ key, total }))
    .filter((entry) => entry.total !== 0)
    .sort(
      (left, right) =>
        Number(left.key === OTHER_KEY) - Number(right.key === OTHER_KEY) ||
        right.total - left.total,
    );
  const values = new Map(
    ranked.map((entry) => [entry.key, new Array<number>(times.length).fill(0)]),
  );
  for (const row of periods.rows) {
    const series = values.get(keyOf(row));
    const position = index.get(row.period_start);
    if (series !== undefined && position !== undefined) {
      series[position] = (series[position] as number) + metricOf(row);
    }
  }
  return {
    times,
    partial: times.map((time) => partialOf.get(time) === true),
    series: ranked.map((entry) =>
      entry.key === OTHER_KEY
        ? {
            key: OTHER_KEY,
            label: 'Other',
            title: `groups beyond the top ${query.top}`,
            values: values.get(entry.key) ?? [],
          }
        : {
            key: entry.key,
            ...labelOfKey(data.names, dimension, entry.key),
            values: values.get(entry.key) ?? [],
          },
    ),
    totals: ranked.map((entry) => entry.total),
    warnings: [...new Set([...periods.notices, ...whole.notices])],
  };
}
