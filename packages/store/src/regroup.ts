import {
  type Bucket,
  type BucketWidth,
  type EndpointName,
  getEndpoint,
  type MetricField,
} from '@usagekit/schemas';
import { bucketSeconds } from './bucket-rows';

/** One stored result with the start of its stored bucket. */
export interface StoredResult {
  /** @unit Unix seconds */
  readonly startTime: number;
  readonly result: Readonly<Record<string, unknown>>;
}

/** A question's filter: keeps results whose dimension holds one of the values. */
export interface DimensionFilter {
  readonly dimension: string;
  readonly values: readonly (string | boolean)[];
}

/** The buckets a question asks for. */
export interface RegroupTarget {
  /** @unit Unix seconds */
  readonly startTime: number;
  /** @unit Unix seconds */
  readonly endTime: number;
  readonly bucketWidth: BucketWidth;
  /** The dimensions to keep; every other one is summed over (and null in the results). */
  readonly groupBy: readonly string[];
}

/** Money is summed in pico units of its currency, so the order of the rows changes nothing. */
const PICOS_PER_UNIT = 1e12;

/**
 * The buckets the API answers a window with: the first starts at `startTime`, the others on the
 * width's UTC grid, the last ends at `endTime`.
 *
 * @param target The window and width.
 *
 * @returns Bucket starts and ends, in time order.
 */
export function targetBuckets(target: Omit<RegroupTarget, 'groupBy'>): {
  starts: number[];
  ends: number[];
} {
  const width = bucketSeconds(target.bucketWidth);
  const starts: number[] = [];
  const ends: number[] = [];
  for (let start = target.startTime; start < target.endTime; ) {
    const end = Math.min(target.endTime, (Math.floor(start / width) + 1) * width);
    starts.push(start);
    ends.push(end);
    start = end;
  }
  return { starts, ends };
}

function valueAt(result: Readonly<Record<string, unknown>>, path: readonly string[]): unknown {
  let value: unknown = result;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function setAt(result: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const [head, leaf] = path as readonly [string, string?];
  if (leaf === undefined) {
    result[head] = value;
    return;
  }
  // A nested value (a costs amount) is left out whole when unknown: a missing amount is unknown.
  if (value === null || value === undefined) return;
  const parent = (result[head] ?? {}) as Record<string, unknown>;
  parent[leaf] = value;
  result[head] = parent;
}

/**
 * Fields that split groups without being dimensions: amounts only add within one currency, and
 * quantities within one unit (the API reports a quantity only per line item).
 */
function unitPaths(endpoint: EndpointName, groupBy: readonly string[]): readonly string[][] {
  if (endpoint !== 'costs') return [];
  return groupBy.includes('line_item')
    ? [['amount', 'currency'], ['quantity_unit']]
    : [['amount', 'currency']];
}

/**
 * Keeps the results a question's filters select.
 *
 * @param results Stored results.
 * @param filters The filters; a result must pass every one.
 *
 * @returns The kept results.
 */
export function filterResults(
  results: readonly StoredResult[],
  filters: readonly DimensionFilter[],
): StoredResult[] {
  if (filters.length === 0) return [...results];
  const sets = filters.map((filter) => ({
    dimension: filter.dimension,
    values: new Set<unknown>(filter.values),
  }));
  return results.filter((row) =>
    sets.every((filter) => filter.values.has(row.result[filter.dimension])),
  );
}

interface Group {
  readonly bucket: number;
  readonly dimensions: readonly unknown[];
  readonly units: readonly unknown[];
  /** Sums per metric, null while no result measured it (money in picos, levels in byte-seconds). */
  readonly sums: (number | bigint | null)[];
}

/**
 * Answers a question from finer stored buckets: each stored result goes to the requested bucket
 * its stored bucket lies in, results are grouped down to the requested dimensions, and metrics
 * are summed, except levels (`usage_bytes`: bytes held), which become the time-weighted average
 * over the requested bucket (byte-time ÷ the bucket's seconds, rounded to a whole byte as the API
 * reports it, so a re-bucketed byte-time is the stored one within half a byte per bucket). A
 * metric no result measured stays null.
 *
 * @param endpoint The endpoint.
 * @param results Stored results, each starting inside the window, filtered already.
 * @param storedWidth The width of the stored buckets.
 * @param target The window, width and grouping asked for.
 *
 * @returns Every bucket of the window, as the API shapes them.
 */
export function regroupResults(
  endpoint: EndpointName,
  results: Iterable<StoredResult>,
  storedWidth: BucketWidth,
  target: RegroupTarget,
): Bucket<Record<string, unknown>>[] {
  const definition = getEndpoint(endpoint);
  const metrics = definition.metrics as readonly MetricField[];
  const storedSeconds = bucketSeconds(storedWidth);
  const width = bucketSeconds(target.bucketWidth);
  const { starts, ends } = targetBuckets(target);
  const firstEnd = ends[0] ?? target.endTime;
  const units = unitPaths(endpoint, target.groupBy);
  // A costs quantity adds only within one unit, known only per line item.
  const quantityKnown = units.length === 2;
  const groups = new Map<string, Group>();
  const ordered: Group[] = [];
  for (const { startTime, result } of results) {
    if (startTime < target.startTime || startTime >= target.endTime) continue;
    const bucket = startTime < firstEnd ? 0 : 1 + Math.floor((startTime - firstEnd) / width);
    const dimensions = target.groupBy.map((name) => result[name] ?? null);
    const unitValues = units.map((path) => valueAt(result, path) ?? null);
    const key = JSON.stringify([bucket, dimensions, unitValues]);
    let group = groups.get(key);
    if (group === undefined) {
      group = { bucket, dimensions, units: unitValues, sums: metrics.map(() => null) };
      groups.set(key, group);
      ordered.push(group);
    }
    metrics.forEach((metric, slot) => {
      if (endpoint === 'costs' && metric.name === 'quantity' && !quantityKnown) return;
      const value = valueAt(result, metric.path);
      if (typeof value !== 'number' || !Number.isFinite(value)) return;
      const sums = (group as Group).sums;
      const before = sums[slot] ?? null;
      if (metric.unit === 'currency') {
        sums[slot] = ((before as bigint | null) ?? 0n) + BigInt(Math.round(value * PICOS_PER_UNIT));
      } else {
        const weight = metric.aggregation === 'level' ? storedSeconds : 1;
        sums[slot] = ((before as number | null) ?? 0) + value * weight;
      }
    });
  }
  const buckets: Bucket<Record<string, unknown>>[] = starts.map((start, index) => ({
    object: 'bucket',
    start_time: start,
    end_time: ends[index] as number,
    results: [],
  }));
  for (const group of ordered) {
    const bucket = buckets[group.bucket] as Bucket<Record<string, unknown>>;
    const result: Record<string, unknown> = { object: definition.resultObject };
    for (const dimension of definition.dimensions as readonly string[]) {
      const slot = target.groupBy.indexOf(dimension);
      result[dimension] = slot < 0 ? null : group.dimensions[slot];
    }
    metrics.forEach((metric, slot) => {
      const sum = group.sums[slot] ?? null;
      let value: number | null = null;
      if (typeof sum === 'bigint') value = Number(sum) / PICOS_PER_UNIT;
      else if (sum !== null && metric.aggregation === 'level') {
        // The API reports a level as whole bytes (its schema says integer): rounded like it.
        value = Math.round(sum / (bucket.end_time - bucket.start_time));
      } else value = sum;
      setAt(result, metric.path, value);
    });
    units.forEach((path, slot) => {
      if (path.length === 1 || result[path[0] as string] !== undefined) {
        setAt(result, path, group.units[slot]);
      }
    });
    bucket.results.push(result);
  }
  return buckets;
}
