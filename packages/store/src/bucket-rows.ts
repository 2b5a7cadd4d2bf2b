import type { Bucket, BucketWidth, EndpointName } from '@usagekit/schemas';
import { DIMENSION_COLUMNS, endpointColumns, METRIC_COLUMNS } from './columns';
import type { WriteBucketsInput } from './usage-store';

/** Bucket widths in seconds. */
const WIDTH_SECONDS: Readonly<Record<BucketWidth, number>> = { '1m': 60, '1h': 3600, '1d': 86_400 };

/**
 * The length of one bucket.
 *
 * @param width The bucket width.
 *
 * @returns Its length. @unit seconds
 */
export function bucketSeconds(width: BucketWidth): number {
  const seconds = WIDTH_SECONDS[width];
  if (seconds === undefined) throw new RangeError(`unknown bucket width "${String(width)}"`);
  return seconds;
}

/** The results of a write, column by column (the layout both engines ingest fastest). */
export interface ResultColumns {
  readonly rowCount: number;
  readonly startTime: number[];
  readonly endTime: number[];
  readonly rowIndex: number[];
  readonly groupKey: string[];
  readonly groupIndex: number[];
  /** Registry dimensions, in {@link DIMENSION_COLUMNS} order. */
  readonly dimensions: (string | null)[][];
  /** Registry metrics, in {@link METRIC_COLUMNS} order. */
  readonly metrics: (number | null)[][];
  /** Each result as JSON, exactly as received. */
  readonly result: string[];
}

/** One bucket row of a write. */
export interface BucketRow {
  readonly startTime: number;
  readonly endTime: number;
  readonly resultCount: number;
  /** Bucket fields beyond `object`, `start_time`, `end_time` and `results`, as JSON. */
  readonly extra: string | null;
}

function dimensionText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function metricNumber(result: Record<string, unknown>, path: readonly string[]): number | null {
  let value: unknown = result;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return null;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

const knownBucketFields = new Set(['object', 'start_time', 'end_time', 'results']);

function bucketExtra(bucket: Bucket<unknown>): string | null {
  let extra: Record<string, unknown> | undefined;
  for (const key of Object.keys(bucket)) {
    if (knownBucketFields.has(key)) continue;
    extra ??= {};
    extra[key] = bucket[key];
  }
  if (bucket.object !== 'bucket') {
    extra ??= {};
    extra.object = bucket.object;
  }
  return extra === undefined ? null : JSON.stringify(extra);
}

/**
 * Checks a write: the window on the width's grid, every bucket whole and inside it, no bucket twice.
 *
 * @param input The write.
 */
export function checkWrite(input: WriteBucketsInput): void {
  const seconds = bucketSeconds(input.bucketWidth);
  const { startTime, endTime } = input;
  if (!Number.isSafeInteger(startTime) || !Number.isSafeInteger(endTime) || startTime > endTime) {
    throw new RangeError(`write window ${startTime}..${endTime} is not a range of Unix seconds`);
  }
  if (startTime % seconds !== 0 || endTime % seconds !== 0) {
    throw new RangeError(
      `write window ${startTime}..${endTime} is not on the ${input.bucketWidth} grid: only whole buckets are stored`,
    );
  }
  if (input.organization === '') throw new RangeError('organization must not be empty');
  const seen = new Set<number>();
  for (const bucket of input.buckets) {
    if (
      bucket.start_time < startTime ||
      bucket.end_time > endTime ||
      bucket.end_time - bucket.start_time !== seconds ||
      bucket.start_time % seconds !== 0
    ) {
      throw new RangeError(
        `bucket ${bucket.start_time}..${bucket.end_time} is not a whole ${input.bucketWidth} bucket inside ${startTime}..${endTime}`,
      );
    }
    if (seen.has(bucket.start_time)) {
      throw new RangeError(`bucket ${bucket.start_time} appears twice in one write`);
    }
    seen.add(bucket.start_time);
  }
}

/**
 * Splits buckets into the rows of the `results` and `buckets` tables.
 *
 * @param endpoint The endpoint, whose registry entry names its dimensions and metrics.
 * @param buckets The buckets.
 *
 * @returns The result columns and the bucket rows.
 */
export function toRows(
  endpoint: EndpointName,
  buckets: readonly Bucket<unknown>[],
): { results: ResultColumns; buckets: BucketRow[] } {
  const { dimensions, metrics } = endpointColumns(endpoint);
  const dimensionSlots = dimensions.map((name) => DIMENSION_COLUMNS.indexOf(name));
  const metricSlots = metrics.map((metric) => METRIC_COLUMNS.indexOf(metric.name));
  let rowCount = 0;
  for (const bucket of buckets) rowCount += bucket.results.length;
  const columns: ResultColumns = {
    rowCount,
    startTime: new Array(rowCount),
    endTime: new Array(rowCount),
    rowIndex: new Array(rowCount),
    groupKey: new Array(rowCount),
    groupIndex: new Array(rowCount),
    dimensions: DIMENSION_COLUMNS.map(() => new Array(rowCount).fill(null)),
    metrics: METRIC_COLUMNS.map(() => new Array(rowCount).fill(null)),
    result: new Array(rowCount),
  };
  const bucketRows: BucketRow[] = [];
  const keyValues: (string | null)[] = new Array(dimensions.length);
  let row = 0;
  for (const bucket of buckets) {
    const occurrences = new Map<string, number>();
    bucket.results.forEach((item, index) => {
      const result = item as Record<string, unknown>;
      for (let slot = 0; slot < dimensions.length; slot += 1) {
        const text = dimensionText(result[dimensions[slot] as string]);
        keyValues[slot] = text;
        (columns.dimensions[dimensionSlots[slot] as number] as (string | null)[])[row] = text;
      }
      for (let slot = 0; slot < metrics.length; slot += 1) {
        (columns.metrics[metricSlots[slot] as number] as (number | null)[])[row] = metricNumber(
          result,
          (metrics[slot] as { path: readonly string[] }).path,
        );
      }
      const groupKey = JSON.stringify(keyValues);
      const occurrence = occurrences.get(groupKey) ?? 0;
      occurrences.set(groupKey, occurrence + 1);
      columns.startTime[row] = bucket.start_time;
      columns.endTime[row] = bucket.end_time;
      columns.rowIndex[row] = index;
      columns.groupKey[row] = groupKey;
      columns.groupIndex[row] = occurrence;
      columns.result[row] = JSON.stringify(result);
      row += 1;
    });
    bucketRows.push({
      startTime: bucket.start_time,
      endTime: bucket.end_time,
      resultCount: bucket.results.length,
      extra: bucketExtra(bucket),
    });
  }
  return { results: columns, buckets: bucketRows };
}

/**
 * Builds buckets back from stored rows: the shape the client's `all()` returns.
 *
 * @param buckets The bucket rows, in time order.
 * @param results The raw results with their bucket start, in time and row order.
 *
 * @returns The buckets.
 */
export function toBuckets<TResult>(
  buckets: readonly { startTime: number; endTime: number; extra: string | null }[],
  results: readonly { startTime: number; result: string }[],
): Bucket<TResult>[] {
  const byStart = new Map<number, Bucket<TResult>>();
  const out: Bucket<TResult>[] = [];
  for (const row of buckets) {
    const bucket: Bucket<TResult> = {
      object: 'bucket',
      start_time: row.startTime,
      end_time: row.endTime,
      results: [],
      ...(row.extra === null ? {} : (JSON.parse(row.extra) as Record<string, unknown>)),
    };
    byStart.set(row.startTime, bucket);
    out.push(bucket);
  }
  for (const row of results) {
    byStart.get(row.startTime)?.results.push(JSON.parse(row.result) as TResult);
  }
  return out;
}

/**
 * Merges windows that overlap or touch.
 *
 * @param windows Windows in any order.
 *
 * @returns The merged windows in time order.
 */
export function mergeWindows<TWindow extends { startTime: number; endTime: number }>(
  windows: readonly TWindow[],
): TWindow[] {
  const sorted = [...windows].sort((left, right) => left.startTime - right.startTime);
  const merged: TWindow[] = [];
  for (const window of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && window.startTime <= last.endTime) {
      if (window.endTime > last.endTime)
        merged[merged.length - 1] = { ...last, endTime: window.endTime };
    } else {
      merged.push({ ...window });
    }
  }
  return merged;
}

/**
 * Converts a value read from an engine to a JS number where that is exact.
 *
 * @param value The value.
 *
 * @returns The number, or the value unchanged.
 */
export function toPlainValue(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value;
  }
  return value;
}
