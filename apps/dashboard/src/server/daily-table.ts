import {
  createUsageTable,
  type Dimension,
  type MetricName,
  rollup,
  type UsageTable,
} from '@usagekit/aggregate';
import { type EndpointName, endpoints } from '@usagekit/schemas';
import { DAY_SECONDS, type TimeRange } from './time-range';

/** Which fields a daily table keeps. */
export interface DailyTableOptions {
  /** Dimensions to keep (the hourly table's). @default every registry dimension */
  readonly dimensions?: readonly Dimension[] | undefined;
  /** Metrics to keep. @default every registry metric */
  readonly metrics?: readonly MetricName[] | undefined;
  /** Group keys per endpoint. @default the endpoint's registry dimensions */
  readonly groupBy?: ((endpoint: EndpointName) => readonly Dimension[]) | undefined;
}

/**
 * Creates an empty table for the UTC days of an hourly table.
 *
 * @param options The dimensions and metrics to keep.
 *
 * @returns The daily table.
 */
export function createDailyTable(options: DailyTableOptions = {}): UsageTable {
  return createUsageTable({
    ...(options.dimensions === undefined ? {} : { dimensions: options.dimensions }),
    ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
  });
}

/**
 * Pre-aggregates the hourly rows of a range into UTC days with the engine itself (a roll-up by
 * every dimension at day grain) and appends them to the daily table as daily buckets. Day, week,
 * month and whole-range queries in UTC read the daily table, which holds a fraction of the rows;
 * hourly queries and other time zones keep reading the hourly table, so nothing is approximated.
 * Called once per loaded window, so each roll-up holds a window's rows, not the year's.
 *
 * @param hourly The hourly table.
 * @param daily The daily table, from {@link createDailyTable} with the same options.
 * @param range Whole UTC days not appended before.
 * @param options The dimensions, metrics and grouping of the daily table.
 */
export function appendDailyRows(
  hourly: UsageTable,
  daily: UsageTable,
  range: TimeRange,
  options: DailyTableOptions = {},
): void {
  const stored = new Set<string>(hourly.storedDimensions);
  for (const endpoint of hourly.endpoints()) {
    const groupBy = (
      options.groupBy?.(endpoint) ?? (endpoints[endpoint].dimensions as readonly Dimension[])
    ).filter((dimension) => stored.has(dimension));
    const metricFields = (
      endpoints[endpoint].metrics as readonly { name: string; path: readonly string[] }[]
    ).filter((metric) => hourly.storedMetrics.includes(metric.name as MetricName));
    const result = rollup(hourly, {
      endpoints: [endpoint],
      by: groupBy,
      grain: 'day',
      timeZone: 'UTC',
      range,
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
        bucket = { start_time: start, end_time: start + DAY_SECONDS, results: [] };
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
}
