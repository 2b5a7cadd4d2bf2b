import { RollupQueryError } from './errors';
import { createPeriodCalendar, type PeriodCalendar } from './period-calendar';
import type { QueryPlan } from './rollup-query';
import type { ColumnarUsageTable } from './usage-table';
import { localIsoTime, zoneClock } from './zoned-time';

/** Refuse zero-filling more periods than this. */
const MAX_FILLED_PERIODS = 1_000_000;

/** Period keys per bucket (see {@link bucketPeriods}). */
interface BucketPeriods {
  count: number;
  startKeys: Float64Array;
  lastKeys: Float64Array;
}

const periodCaches = new WeakMap<ColumnarUsageTable, Map<string, BucketPeriods>>();

/**
 * Period keys of every bucket's first and last second, computed once per distinct bucket.
 *
 * @param table The table.
 * @param calendar The grain's calendar.
 *
 * @returns The keys, per bucket id.
 */
function bucketPeriods(table: ColumnarUsageTable, calendar: PeriodCalendar): BucketPeriods {
  let cache = periodCaches.get(table);
  if (cache === undefined) {
    cache = new Map();
    periodCaches.set(table, cache);
  }
  const key = `${calendar.grain}|${calendar.clock.timeZone}|${calendar.weekStartsOn}`;
  let entry = cache.get(key);
  if (entry === undefined) {
    entry = { count: 0, startKeys: new Float64Array(0), lastKeys: new Float64Array(0) };
    cache.set(key, entry);
  }
  if (entry.count < table.bucketCount) {
    const startKeys = new Float64Array(table.bucketCount);
    const lastKeys = new Float64Array(table.bucketCount);
    startKeys.set(entry.startKeys.subarray(0, entry.count));
    lastKeys.set(entry.lastKeys.subarray(0, entry.count));
    for (let bucket = entry.count; bucket < table.bucketCount; bucket += 1) {
      startKeys[bucket] = calendar.keyOf(table.bucketStart[bucket] as number);
      lastKeys[bucket] = calendar.keyOf((table.bucketEnd[bucket] as number) - 1);
    }
    entry.startKeys = startKeys;
    entry.lastKeys = lastKeys;
    entry.count = table.bucketCount;
  }
  return entry;
}

/**
 * Tells whether a bucket starting at an instant is in a query's range (a bucket is counted whole
 * where it starts).
 *
 * @param range The range, if any.
 * @param start The bucket's start.
 *
 * @returns Whether it is selected by the range.
 */
function startsInRange(range: QueryPlan['range'], start: number): boolean {
  return range === undefined || (start >= range.start && start < range.end);
}

/** Periods of the result and each bucket's period index (-1: bucket not selected). */
export interface PeriodSelection {
  readonly starts: number[];
  readonly ends: number[];
  readonly bucketPeriod: Int32Array;
  /**
   * Each selected bucket's period, counting buckets with no results too (time they cover is
   * time a level was zero), -1 for others: what a level's covered time is read from.
   */
  readonly coverPeriod: Int32Array;
  readonly warnings: string[];
}

function widthLabel(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/**
 * Selects the buckets a query covers (endpoints, range), cuts their periods in the query's grain
 * and zone, and warns about buckets that cannot be re-cut or straddle the range.
 *
 * @param table The table.
 * @param plan The query plan.
 *
 * @returns The periods (zero-filled when asked) and each bucket's period index.
 */
export function selectPeriods(table: ColumnarUsageTable, plan: QueryPlan): PeriodSelection {
  const warnings: string[] = [];
  const bucketPeriod = new Int32Array(table.bucketCount).fill(-1);
  const range = plan.range;
  let straddlingRange = 0;
  let firstStart = Number.POSITIVE_INFINITY;
  let lastEnd = Number.NEGATIVE_INFINITY;
  const selected: number[] = [];
  const empty: number[] = [];
  for (let bucket = 0; bucket < table.bucketCount; bucket += 1) {
    if (plan.endpointSelected[table.bucketEndpoint[bucket] as number] !== 1) continue;
    if (table.bucketRows[bucket] === 0) {
      if (startsInRange(range, table.bucketStart[bucket] as number)) empty.push(bucket);
      continue;
    }
    const start = table.bucketStart[bucket] as number;
    const end = table.bucketEnd[bucket] as number;
    if (range !== undefined) {
      if ((start < range.start && end > range.start) || (start < range.end && end > range.end)) {
        straddlingRange += 1;
      }
      if (!startsInRange(range, start)) continue;
    }
    selected.push(bucket);
    if (start < firstStart) firstStart = start;
    if (end > lastEnd) lastEnd = end;
  }
  if (straddlingRange > 0 && range !== undefined) {
    warnings.push(
      `${straddlingRange} bucket(s) straddle the range boundaries; each is counted whole if it starts inside [${localIsoTime(zoneClock(plan.timeZone), range.start)}, ${localIsoTime(zoneClock(plan.timeZone), range.end)}) and not at all otherwise`,
    );
  }
  if (plan.grain === 'all') {
    for (const bucket of selected) bucketPeriod[bucket] = 0;
    const coverPeriod = bucketPeriod.slice();
    for (const bucket of empty) coverPeriod[bucket] = 0;
    const start = range?.start ?? (selected.length > 0 ? firstStart : 0);
    const end = range?.end ?? (selected.length > 0 ? lastEnd : 0);
    return { starts: [start], ends: [end], bucketPeriod, coverPeriod, warnings };
  }
  const calendar = createPeriodCalendar(plan.grain, plan.timeZone, plan.weekStartsOn);
  const keys = bucketPeriods(table, calendar);
  const straddling = new Map<number, number>();
  const distinct = new Set<number>();
  for (const bucket of selected) {
    const key = keys.startKeys[bucket] as number;
    distinct.add(key);
    if (key !== keys.lastKeys[bucket]) {
      const width = (table.bucketEnd[bucket] as number) - (table.bucketStart[bucket] as number);
      straddling.set(width, (straddling.get(width) ?? 0) + 1);
    }
  }
  for (const [width, count] of straddling) {
    warnings.push(
      `${count} of ${selected.length} bucket(s) ${widthLabel(width)} wide straddle ${plan.grain} boundaries in ${plan.timeZone}: they cannot be re-cut, so each was assigned whole to the ${plan.grain} holding its start` +
        (width >= 3600
          ? `; fetch ${width > 3600 ? '1h' : '1m'} buckets for exact ${plan.timeZone} ${plan.grain}s`
          : ''),
    );
  }
  let periodKeys: number[];
  if (plan.fill && (selected.length > 0 || range !== undefined)) {
    const first = calendar.keyOf(range?.start ?? firstStart);
    const last = calendar.keyOf((range?.end ?? lastEnd) - 1);
    periodKeys = [];
    for (let key = first; key <= last; key = calendar.nextKey(key)) {
      periodKeys.push(key);
      if (periodKeys.length > MAX_FILLED_PERIODS) {
        throw new RollupQueryError(
          `would create more than ${MAX_FILLED_PERIODS} periods; use a coarser grain`,
          'fill',
        );
      }
    }
    for (const key of distinct) if (key < first || key > last) periodKeys.push(key);
    periodKeys.sort((left, right) => left - right);
  } else {
    periodKeys = [...distinct].sort((left, right) => left - right);
  }
  const indexOf = new Map(periodKeys.map((key, index) => [key, index]));
  for (const bucket of selected)
    bucketPeriod[bucket] = indexOf.get(keys.startKeys[bucket] as number) as number;
  const coverPeriod = bucketPeriod.slice();
  for (const bucket of empty) {
    coverPeriod[bucket] = indexOf.get(keys.startKeys[bucket] as number) ?? -1;
  }
  return {
    starts: periodKeys.map((key) => calendar.startOf(key)),
    ends: periodKeys.map((key) => calendar.startOf(calendar.nextKey(key))),
    bucketPeriod,
    coverPeriod,
    warnings,
  };
}

/**
 * Seconds each period's data covers for a level metric: the distinct buckets (by start and
 * end, results or none) of the selected endpoints that measure it. A level's roll-up divides its byte-time by
 * this, so groups in one period share a denominator and their levels add.
 *
 * @param table The table.
 * @param periods The selection.
 * @param measures Per endpoint slot: whether it measures the metric.
 *
 * @returns Seconds per period.
 */
export function coveredSeconds(
  table: ColumnarUsageTable,
  periods: PeriodSelection,
  measures: (endpoint: number) => boolean,
): Float64Array {
  const seconds = new Float64Array(periods.starts.length);
  const seen = new Set<string>();
  for (let bucket = 0; bucket < table.bucketCount; bucket += 1) {
    const period = periods.coverPeriod[bucket] as number;
    if (period < 0 || !measures(table.bucketEndpoint[bucket] as number)) continue;
    const start = table.bucketStart[bucket] as number;
    const end = table.bucketEnd[bucket] as number;
    const key = `${start}:${end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    seconds[period] = (seconds[period] as number) + (end - start);
  }
  return seconds;
}
