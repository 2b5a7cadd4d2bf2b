import { endpointNames } from '@usagekit/schemas';
import { type DimensionDictionary, TRUE_CODE } from './dimension-dictionary';
import {
  allMetrics,
  type DimensionValue,
  dimensionSlot,
  endpointDefinesMetric,
  type MetricName,
  metricSlot,
} from './fields';
import { createPeriodCalendar, type Grain, type PeriodCalendar } from './period-calendar';
import { planQuery, type QueryPlan, type RollupQuery } from './rollup-query';
import { compareValues, finishRows, type GroupRow, type RollupResult } from './rollup-rows';
import { type ColumnarUsageTable, columnarTable, type UsageTable } from './usage-table';

/** Group spaces up to this size (or twice the row count) are indexed densely, without Maps. */
const MIN_DENSE_SPACE = 1 << 16;
/** Refuse zero-filling more periods than this. */
const MAX_FILLED_PERIODS = 1_000_000;

interface BucketPeriods {
  count: number;
  startKeys: Float64Array;
  lastKeys: Float64Array;
}

const periodCaches = new WeakMap<ColumnarUsageTable, Map<string, BucketPeriods>>();

/** Period keys of every bucket's first and last second, computed once per distinct bucket. */
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
    const startKeys = new Float64Array(table.bucketStart.length);
    const lastKeys = new Float64Array(table.bucketStart.length);
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

/** Periods of the result and each bucket's period index (-1: bucket not selected). */
export interface PeriodSelection {
  readonly starts: number[];
  readonly ends: number[];
  readonly bucketPeriod: Int32Array;
  readonly warnings: string[];
}

function widthLabel(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

function selectPeriods(table: ColumnarUsageTable, plan: QueryPlan): PeriodSelection {
  const warnings: string[] = [];
  const bucketPeriod = new Int32Array(table.bucketCount).fill(-1);
  const range = plan.range;
  let straddlingRange = 0;
  let firstStart = Number.POSITIVE_INFINITY;
  let lastEnd = Number.NEGATIVE_INFINITY;
  const selected: number[] = [];
  for (let bucket = 0; bucket < table.bucketCount; bucket += 1) {
    if (table.bucketRows[bucket] === 0) continue;
    if (plan.endpointSelected[table.bucketEndpoint[bucket] as number] !== 1) continue;
    const start = table.bucketStart[bucket] as number;
    const end = table.bucketEnd[bucket] as number;
    if (range !== undefined) {
      if ((start < range.start && end > range.start) || (start < range.end && end > range.end)) {
        straddlingRange += 1;
      }
      if (start < range.start || start >= range.end) continue;
    }
    selected.push(bucket);
    if (start < firstStart) firstStart = start;
    if (end > lastEnd) lastEnd = end;
  }
  if (straddlingRange > 0 && range !== undefined) {
    warnings.push(
      `${straddlingRange} bucket(s) straddle the range boundaries; each is counted whole if it starts inside [${range.start}, ${range.end}) and not at all otherwise`,
    );
  }
  if (plan.grain === 'all') {
    for (const bucket of selected) bucketPeriod[bucket] = 0;
    const start = range?.start ?? (selected.length > 0 ? firstStart : 0);
    const end = range?.end ?? (selected.length > 0 ? lastEnd : 0);
    return { starts: [start], ends: [end], bucketPeriod, warnings };
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
        throw new RangeError(
          `fill would create more than ${MAX_FILLED_PERIODS} periods; use a coarser grain`,
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
  return {
    starts: periodKeys.map((key) => calendar.startOf(key)),
    ends: periodKeys.map((key) => calendar.startOf(calendar.nextKey(key))),
    bucketPeriod,
    warnings,
  };
}

/** Rows' dense group ids; `space` is the trash slot of excluded rows. */
interface Grouping {
  readonly groups: Int32Array;
  readonly space: number;
  /** Whether slot order is (period, sorted values) order. */
  readonly sorted: boolean;
}

function densify(groups: Int32Array, rowCount: number, space: number): number {
  const remap = new Int32Array(space).fill(-1);
  let next = 0;
  for (let row = 0; row < rowCount; row += 1) {
    const group = groups[row] as number;
    let mapped = remap[group] as number;
    if (mapped < 0) {
      mapped = next;
      remap[group] = next;
      next += 1;
    }
    groups[row] = mapped;
  }
  return next;
}

function groupRows(table: ColumnarUsageTable, plan: QueryPlan, periods: PeriodSelection): Grouping {
  const rowCount = table.rowCount;
  const denseLimit = Math.max(MIN_DENSE_SPACE, rowCount * 2);
  const byEndpoint = plan.bySlots.includes(-1);
  const endpointRadix = byEndpoint ? endpointNames.length : 1;
  const base = new Int32Array(table.bucketCount);
  let excludedBuckets = false;
  for (let bucket = 0; bucket < table.bucketCount; bucket += 1) {
    const period = periods.bucketPeriod[bucket] as number;
    if (period < 0) excludedBuckets = true;
    base[bucket] =
      Math.max(period, 0) * endpointRadix +
      (byEndpoint ? (table.bucketEndpoint[bucket] as number) : 0);
  }
  const groups = new Int32Array(rowCount);
  const rowBucket = table.rowBucket;
  for (let row = 0; row < rowCount; row += 1)
    groups[row] = base[rowBucket[row] as number] as number;
  let space = periods.starts.length * endpointRadix;
  let sorted = true;
  for (const slot of plan.bySlots) {
    if (slot < 0) continue;
    const codes = table.codes[slot];
    if (codes === null || codes === undefined) continue;
    const dictionary = table.dictionaries[slot] as DimensionDictionary;
    const radix = dictionary.size;
    // Combine ranks, not codes: dense slots then come out in sorted order, with no sort later.
    const rank = new Int32Array(radix);
    dictionary.values
      .map((value, code) => ({ value, code }))
      .sort((left, right) => compareValues(left.value, right.value))
      .forEach((entry, position) => {
        rank[entry.code] = position;
      });
    if (space * radix > denseLimit) {
      space = densify(groups, rowCount, space);
      sorted = false;
    }
    if (space * radix > denseLimit) {
      const ids = new Map<number, number>();
      for (let row = 0; row < rowCount; row += 1) {
        const key = (groups[row] as number) * radix + (rank[codes[row] as number] as number);
        let id = ids.get(key);
        if (id === undefined) {
          id = ids.size;
          ids.set(key, id);
        }
        groups[row] = id;
      }
      space = ids.size;
      sorted = false;
      continue;
    }
    for (let row = 0; row < rowCount; row += 1) {
      groups[row] = (groups[row] as number) * radix + (rank[codes[row] as number] as number);
    }
    space *= radix;
  }
  const trash = space;
  if (excludedBuckets) {
    for (let row = 0; row < rowCount; row += 1) {
      if ((periods.bucketPeriod[rowBucket[row] as number] as number) < 0) groups[row] = trash;
    }
  }
  for (const [slot, allowed] of plan.allowedCodes) {
    const codes = table.codes[slot];
    if (codes === null || codes === undefined) {
      if (allowed[0] !== 1) groups.fill(trash);
      continue;
    }
    for (let row = 0; row < rowCount; row += 1) {
      if (allowed[codes[row] as number] !== 1) groups[row] = trash;
    }
  }
  return { groups, space, sorted };
}

function sumColumn(
  groups: Int32Array,
  values: Uint32Array | Float64Array,
  rowCount: number,
  sums: Float64Array,
): void {
  for (let row = 0; row < rowCount; row += 1) {
    const group = groups[row] as number;
    sums[group] = (sums[group] as number) + (values[row] as number);
  }
}

/** Per metric: selected rows of endpoints reporting it, and how many of those lacked it. */
function coverageOf(
  table: ColumnarUsageTable,
  grouping: Grouping,
  metrics: readonly MetricName[],
  bucketPeriod: Int32Array,
  filtered: boolean,
): Record<string, { rows: number; reported: number; absent: number }> {
  const { groups, space } = grouping;
  const rowsByEndpoint = new Float64Array(endpointNames.length);
  const rowBucket = table.rowBucket;
  if (filtered) {
    for (let row = 0; row < table.rowCount; row += 1) {
      if (groups[row] === space) continue;
      const endpoint = table.bucketEndpoint[rowBucket[row] as number] as number;
      rowsByEndpoint[endpoint] = (rowsByEndpoint[endpoint] as number) + 1;
    }
  } else {
    for (let bucket = 0; bucket < table.bucketCount; bucket += 1) {
      if ((bucketPeriod[bucket] as number) < 0) continue;
      const endpoint = table.bucketEndpoint[bucket] as number;
      rowsByEndpoint[endpoint] =
        (rowsByEndpoint[endpoint] as number) + (table.bucketRows[bucket] as number);
    }
  }
  const coverage: Record<string, { rows: number; reported: number; absent: number }> = {};
  for (const name of metrics) {
    const slot = metricSlot.get(name) as number;
    let rows = 0;
    endpointDefinesMetric.forEach((defines, endpoint) => {
      if (defines[slot] === 1) rows += rowsByEndpoint[endpoint] as number;
    });
    const column = table.metrics[slot];
    let absent = 0;
    if (column === null || column === undefined) absent = rows;
    else if (column.absent.subarray(0, (table.rowCount + 7) >> 3).some((byte) => byte !== 0)) {
      const bits = column.absent;
      for (let row = 0; row < table.rowCount; row += 1) {
        if (groups[row] === space || ((bits[row >> 3] as number) & (1 << (row & 7))) === 0)
          continue;
        const endpoint = table.bucketEndpoint[rowBucket[row] as number] as number;
        if (endpointDefinesMetric[endpoint]?.[slot] === 1) absent += 1;
      }
    }
    coverage[name] = { rows, reported: rows - absent, absent };
  }
  return coverage;
}

/**
 * Rolls a usage table up: filters rows, assigns each bucket to a period of the grain in the
 * time zone, groups by the chosen dimensions and sums metrics, then applies top-N, zero-fill,
 * subtotals and derived metrics. Re-rolling the same table with another grouping, grain or
 * filter reuses the ingested columns; nothing is re-read from pages.
 *
 * @param table A table made by {@link createUsageTable}.
 * @param query What to roll up.
 *
 * @returns Rows, columns, coverage and warnings.
 */
export function rollup(table: UsageTable, query: RollupQuery): RollupResult {
  const columnar = columnarTable(table);
  columnar.compact();
  const plan = planQuery(columnar, query);
  const periods = selectPeriods(columnar, plan);
  const grouping = groupRows(columnar, plan, periods);
  const { groups, space } = grouping;
  const rowCount = columnar.rowCount;

  const counts = new Int32Array(space + 1);
  const firstRow = new Int32Array(space + 1);
  for (let row = 0; row < rowCount; row += 1) {
    const group = groups[row] as number;
    if (counts[group] === 0) firstRow[group] = row;
    counts[group] = (counts[group] as number) + 1;
  }
  const sums = plan.summed.map((name) => {
    const total = new Float64Array(space + 1);
    const column = columnar.metrics[metricSlot.get(name) as number];
    if (column !== null && column !== undefined) sumColumn(groups, column.values, rowCount, total);
    return total;
  });
  const warnings = [...columnar.warnings(), ...periods.warnings];
  const batchSums = batchShareSums(columnar, plan, grouping, warnings);

  const detail: GroupRow[] = [];
  for (let group = 0; group < space; group += 1) {
    if (counts[group] === 0) continue;
    const row = firstRow[group] as number;
    const bucket = columnar.rowBucket[row] as number;
    const values: DimensionValue[] = plan.bySlots.map((slot) => {
      if (slot < 0) return endpointNames[columnar.bucketEndpoint[bucket] as number] as string;
      const code = columnar.codes[slot]?.[row] ?? 0;
      return (columnar.dictionaries[slot] as DimensionDictionary).values[code] ?? null;
    });
    detail.push({
      period: periods.bucketPeriod[bucket] as number,
      kind: 'detail',
      values,
      sums: sums.map((total) => total[group] as number),
      batch:
        batchSums === undefined
          ? undefined
          : [batchSums.batch[group] as number, batchSums.known[group] as number],
    });
  }
  return finishRows({
    plan,
    detail,
    periodStarts: periods.starts,
    periodEnds: periods.ends,
    warnings,
    coverage: coverageOf(
      columnar,
      grouping,
      plan.summed,
      periods.bucketPeriod,
      plan.allowedCodes.size > 0,
    ),
    sorted: grouping.sorted,
    scales: plan.summed.map((name) => allMetrics[metricSlot.get(name) as number]?.scale ?? 1),
  });
}

function batchShareSums(
  table: ColumnarUsageTable,
  plan: QueryPlan,
  grouping: Grouping,
  warnings: string[],
): { batch: Float64Array; known: Float64Array } | undefined {
  if (!plan.derived.some((entry) => entry.batch)) return undefined;
  const { groups, space } = grouping;
  const batch = new Float64Array(space + 1);
  const known = new Float64Array(space + 1);
  const batchCodes = table.codes[dimensionSlot.get('batch') as number];
  const requests = table.metrics[metricSlot.get('num_model_requests') as number];
  if (
    batchCodes === null ||
    batchCodes === undefined ||
    requests === null ||
    requests === undefined
  ) {
    warnings.push('batch_share needs rows fetched with group_by=batch; none were, so it is null');
    return { batch, known };
  }
  const values = requests.values;
  let unknownRows = 0;
  for (let row = 0; row < table.rowCount; row += 1) {
    const group = groups[row] as number;
    if (group === space) continue;
    const code = batchCodes[row] as number;
    if (code === 0) {
      unknownRows += 1;
      continue;
    }
    known[group] = (known[group] as number) + (values[row] as number);
    if (code === TRUE_CODE) batch[group] = (batch[group] as number) + (values[row] as number);
  }
  if (unknownRows > 0) {
    warnings.push(
      `batch_share ignores ${unknownRows} row(s) not grouped by batch (their requests are neither batch nor non-batch)`,
    );
  }
  return { batch, known };
}

export type { Grain };
