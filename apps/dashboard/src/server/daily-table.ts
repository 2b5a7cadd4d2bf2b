import {
  createUsageTable,
  type Dimension,
  type MetricName,
  rollup,
  type UsageTable,
} from '@usagekit/aggregate';
import { type EndpointName, endpoints } from '@usagekit/schemas';
import { DAY_SECONDS } from './time-range';

/** Options of {@link buildDailyTable}. */
export interface DailyTableOptions {
  /** Dimensions to keep (the hourly table's). @default every registry dimension */
  readonly dimensions?: readonly Dimension[] | undefined;
  /** Metrics to keep. @default every registry metric */
  readonly metrics?: readonly MetricName[] | undefined;
  /** Group keys per endpoint. @default the endpoint's registry dimensions */
  readonly groupBy?: ((endpoint: EndpointName) => readonly Dimension[]) | undefined;
  /** Bucket length of the new table. @default 'day' (UTC days) */
  readonly grain?: 'hour' | 'day' | undefined;
}

/**
 * Pre-aggregates an hourly table into UTC days (or into hours over fewer dimensions) with the
 * engine itself (a roll-up by every
 * dimension at day grain), ingested as daily buckets into a new table. Day, week, month and
 * whole-range queries in UTC read this table, which holds a fraction of the rows; hourly
 * queries and other time zones keep reading the hourly table, so nothing is approximated.
 *
 * @param hourly The hourly table.
 * @param options Dimensions, metrics and grouping of the new table.
 *
 * @returns The daily table.
 */
export function buildDailyTable(hourly: UsageTable, options: DailyTableOptions = {}): UsageTable {
  const daily = createUsageTable({
    ...(options.dimensions === undefined ? {} : { dimensions: options.dimensions }),
    ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
  });
  const grain = options.grain ?? 'day';
  const seconds = grain === 'day' ? DAY_SECONDS : 3600;
  for (const endpoint of hourly.endpoints()) {
    const stored = new Set<string>(hourly.storedDimensions);
    const groupBy = (
      options.groupBy?.(endpoint) ?? (endpoints[endpoint].dimensions as readonly Dimension[])
    ).filter((dimension) => stored.has(dimension));
    const metricFields = (
      endpoints[endpoint].metrics as readonly { name: string; path: readonly string[] }[]
    ).filter((metric) => hourly.storedMetrics.includes(metric.name as MetricName));
    const result = rollup(hourly, {
      endpoints: [endpoint],
      by: groupBy,
      grain,
      timeZone: 'UTC',
      metrics: metricFields.map((metric) => metric.name as MetricName),
    });
    const buckets = new Map<
      number,
      { start_time: number; end_time: number; results: Record<string, unknown>[] }
    >();
    for (const row of result.rows) {
      if (row.row_kind !== 'detail') continue;
      const start = row.period_start;
      let bucket = buckets.get(start);
      if (bucket === undefined) {
        bucket = { start_time: start, end_time: start + seconds, results: [] };
        buckets.set(start, bucket);
      }
      const resultObject: Record<string, unknown> = { object: endpoints[endpoint].resultObject };
      for (const dimension of groupBy) resultObject[dimension] = row[dimension] ?? null;
      for (const metric of metricFields) {
        const value = row[metric.name];
        if (metric.path.length === 2) {
          resultObject[metric.path[0] as string] = { [metric.path[1] as string]: value };
        } else {
          resultObject[metric.name] = value;
        }
      }
      bucket.results.push(resultObject);
    }
    daily.ingestBuckets(
      endpoint,
      [...buckets.values()].sort((left, right) => left.start_time - right.start_time),
      { groupBy: [...groupBy] },
    );
  }
  return daily;
}
