import { endpointNames } from '@usagekit/schemas';
import type { CodeArray } from './code-array';
import { type DimensionDictionary, TRUE_CODE } from './dimension-dictionary';
import {
  allMetrics,
  type DimensionValue,
  dimensionSlot,
  endpointDefinesMetric,
  type MetricName,
  metricSlot,
} from './fields';
import { FUSED_LIMITS, fusedPassFor } from './fused-pass';
import { createPeriodCalendar, type Grain, type PeriodCalendar } from './period-calendar';
import { planQuery, type QueryPlan, type RollupQuery } from './rollup-query';
import { compareValues, finishRows, type GroupColumns, type RollupResult } from './rollup-rows';
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

/** Rows' group ids, each group's first row and sums; `space` is the trash slot of excluded rows. */
interface Grouping {
  readonly groups: Int32Array;
  readonly space: number;
  /** Whether slot order is (period, sorted values) order. */
  readonly sorted: boolean;
  /** The first row of each group (its values are read from it), -1 for an empty group. */
  readonly firstRow: Int32Array;
  /** Per summed metric: sums per group, in storage units. */
  readonly sums: Float64Array[];
}

/** One grouping dimension in the key: its codes and the rank of each code in sorted order. */
interface KeyAxis {
  readonly codes: CodeArray;
  readonly rank: Int32Array;
  readonly radix: number;
}

/** A filter: rows whose code maps to 0 are excluded. */
interface KeyFilter {
  readonly codes: CodeArray;
  readonly allowed: Uint8Array;
}

const rankCaches = new WeakMap<DimensionDictionary, Int32Array>();
const scratchGroups = new WeakMap<ColumnarUsageTable, Int32Array>();

/** Ranks of a dictionary's codes in value order, cached until the dictionary grows. */
function rankOf(dictionary: DimensionDictionary): Int32Array {
  const cached = rankCaches.get(dictionary);
  if (cached !== undefined && cached.length === dictionary.size) return cached;
  const rank = new Int32Array(dictionary.size);
  dictionary.values
    .map((value, code) => ({ value, code }))
    .sort((left, right) => compareValues(left.value, right.value))
    .forEach((entry, position) => {
      rank[entry.code] = position;
    });
  rankCaches.set(dictionary, rank);
  return rank;
}

/** A group id per row, reused across roll-ups of a table (results never keep it). */
function groupScratch(table: ColumnarUsageTable): Int32Array {
  let groups = scratchGroups.get(table);
  if (groups === undefined || groups.length < table.rowCount) {
    groups = new Int32Array(table.capacity);
    scratchGroups.set(table, groups);
  }
  return groups;
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

/** Per bucket: period index times the endpoint radix plus the endpoint, or -1 when excluded. */
function bucketBases(table: ColumnarUsageTable, periods: PeriodSelection, byEndpoint: boolean) {
  const endpointRadix = byEndpoint ? endpointNames.length : 1;
  const base = new Int32Array(table.bucketCount);
  for (let bucket = 0; bucket < table.bucketCount; bucket += 1) {
    const period = periods.bucketPeriod[bucket] as number;
    base[bucket] =
      period < 0
        ? -1
        : period * endpointRadix + (byEndpoint ? (table.bucketEndpoint[bucket] as number) : 0);
  }
  return { base, space: periods.starts.length * endpointRadix };
}

/** Any grouping: one pass per dimension, Map-indexed when the key space gets large. */
function generalGroups(
  table: ColumnarUsageTable,
  plan: QueryPlan,
  axes: readonly KeyAxis[],
  groups: Int32Array,
  bases: { base: Int32Array; space: number },
): { space: number; sorted: boolean } {
  const rowCount = table.rowCount;
  const denseLimit = Math.max(MIN_DENSE_SPACE, rowCount * 2);
  const rowBucket = table.rowBucket;
  const base = bases.base;
  let excludedBuckets = false;
  for (let row = 0; row < rowCount; row += 1) {
    const value = base[rowBucket[row] as number] as number;
    if (value < 0) excludedBuckets = true;
    groups[row] = Math.max(value, 0);
  }
  let space = bases.space;
  let sorted = true;
  for (const { codes, rank, radix } of axes) {
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
      if ((base[rowBucket[row] as number] as number) < 0) groups[row] = trash;
    }
  }
  for (const [slot, allowed] of plan.allowedCodes) {
    const codes = table.codes[slot];
    if (codes === null || codes === undefined) {
      if (allowed[0] !== 1) groups.fill(trash, 0, rowCount);
      continue;
    }
    for (let row = 0; row < rowCount; row += 1) {
      if (allowed[codes[row] as number] !== 1) groups[row] = trash;
    }
  }
  return { space, sorted };
}

function firstRows(groups: Int32Array, rowCount: number, firstRow: Int32Array): void {
  for (let row = 0; row < rowCount; row += 1) {
    const group = groups[row] as number;
    if ((firstRow[group] as number) < 0) firstRow[group] = row;
  }
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

/** Groups the selected rows and sums the metrics: the fused pass when it applies. */
function groupAndSum(
  table: ColumnarUsageTable,
  plan: QueryPlan,
  periods: PeriodSelection,
): Grouping {
  const rowCount = table.rowCount;
  const bases = bucketBases(table, periods, plan.bySlots.includes(-1));
  const axes: KeyAxis[] = [];
  let denseSpace = bases.space;
  for (const slot of plan.bySlots) {
    if (slot < 0) continue;
    const codes = table.codes[slot];
    // A dimension no row has is null everywhere: one value, nothing to key on.
    if (codes === null || codes === undefined) continue;
    const dictionary = table.dictionaries[slot] as DimensionDictionary;
    axes.push({ codes, rank: rankOf(dictionary), radix: dictionary.size });
    denseSpace *= dictionary.size;
  }
  const filters: KeyFilter[] = [];
  let excludeAll = false;
  for (const [slot, allowed] of plan.allowedCodes) {
    const codes = table.codes[slot];
    if (codes === null || codes === undefined) excludeAll ||= allowed[0] !== 1;
    else filters.push({ codes, allowed });
  }
  const groups = groupScratch(table);
  const values = plan.summed.map((name) => table.metrics[metricSlot.get(name) as number] ?? null);
  const fused =
    denseSpace <= Math.max(MIN_DENSE_SPACE, rowCount * 2) &&
    axes.length <= FUSED_LIMITS.axes &&
    filters.length <= FUSED_LIMITS.filters &&
    !excludeAll;
  let space = denseSpace;
  let sorted = true;
  if (!fused) ({ space, sorted } = generalGroups(table, plan, axes, groups, bases));
  const grouping: Grouping = {
    groups,
    space,
    sorted,
    firstRow: new Int32Array(space + 1).fill(-1),
    sums: values.map(() => new Float64Array(space + 1)),
  };
  // Columns no row reported sum to zero: leave their sums alone.
  const summed = values.flatMap((column, index) =>
    column === null ? [] : [{ values: column.values, sums: grouping.sums[index] as Float64Array }],
  );
  const inPass = fused ? Math.min(FUSED_LIMITS.metrics, summed.length) : 0;
  if (fused) {
    // Group id = bucket offset + one step per dimension (rank times stride): mixed radix over
    // ranks, so ids come out in sorted order.
    const steps: Int32Array[] = new Array(axes.length);
    let stride = 1;
    for (let position = axes.length - 1; position >= 0; position -= 1) {
      const { rank, radix } = axes[position] as KeyAxis;
      const step = new Int32Array(rank.length);
      for (let code = 0; code < rank.length; code += 1)
        step[code] = (rank[code] as number) * stride;
      steps[position] = step;
      stride *= radix;
    }
    const offsets = new Int32Array(bases.base.length);
    for (let bucket = 0; bucket < offsets.length; bucket += 1) {
      const base = bases.base[bucket] as number;
      offsets[bucket] = base < 0 ? -1 : base * stride;
    }
    // Later passes read the group ids: more metrics, batch_share, coverage of filtered rows.
    const keepGroups =
      summed.length > inPass ||
      plan.derived.some((entry) => entry.batch) ||
      plan.allowedCodes.size > 0;
    const passSums = summed.slice(0, inPass);
    const width = inPass + 1;
    const block = new Float64Array((space + 1) * width);
    fusedPassFor(
      axes.length,
      filters.length,
      inPass,
      keepGroups,
    )({
      bucketRanges: table.bucketRanges,
      offsets,
      codes: axes.map((axis) => axis.codes),
      steps,
      filterCodes: filters.map((filter) => filter.codes),
      allowed: filters.map((filter) => filter.allowed),
      values: passSums.map((entry) => entry.values),
      block,
      groups,
      trash: space,
      keepGroups,
    });
    const { firstRow } = grouping;
    for (let group = 0, at = 0; group <= space; group += 1, at += width) {
      firstRow[group] = (block[at] as number) - 1;
    }
    passSums.forEach(({ sums }, position) => {
      for (let group = 0, at = 1 + position; group <= space; group += 1, at += width) {
        sums[group] = block[at] as number;
      }
    });
  } else {
    firstRows(groups, rowCount, grouping.firstRow);
  }
  for (const entry of summed.slice(inPass)) sumColumn(groups, entry.values, rowCount, entry.sums);
  return grouping;
}

function anyBitSet(bits: Uint8Array, byteCount: number): boolean {
  for (let index = 0; index < byteCount; index += 1) if (bits[index] !== 0) return true;
  return false;
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
    else if (anyBitSet(column.absent, (table.rowCount + 7) >> 3)) {
      const bits = column.absent;
      for (let row = 0; row < table.rowCount; row += 1) {
        if (((bits[row >> 3] as number) & (1 << (row & 7))) === 0) continue;
        const bucket = rowBucket[row] as number;
        // Group ids are only kept when filters exclude rows; otherwise the bucket decides.
        if (filtered ? groups[row] === space : (bucketPeriod[bucket] as number) < 0) continue;
        const endpoint = table.bucketEndpoint[bucket] as number;
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
  const grouping = groupAndSum(columnar, plan, periods);
  const { firstRow, sums, space } = grouping;
  const warnings = [...columnar.warnings(), ...periods.warnings];
  const batchSums = batchShareSums(columnar, plan, grouping, warnings);

  let count = 0;
  for (let group = 0; group < space; group += 1) if ((firstRow[group] as number) >= 0) count += 1;
  const detail: GroupColumns = {
    count,
    period: new Int32Array(count),
    kind: undefined,
    values: plan.bySlots.map(() => new Array<DimensionValue>(count)),
    sums: sums.map(() => new Float64Array(count)),
    batch: batchSums === undefined ? undefined : [new Float64Array(count), new Float64Array(count)],
  };
  const rowBucket = columnar.rowBucket;
  const groupRows = new Int32Array(count);
  let index = 0;
  for (let group = 0; group < space; group += 1) {
    const row = firstRow[group] as number;
    if (row < 0) continue;
    groupRows[index] = row;
    detail.period[index] = periods.bucketPeriod[rowBucket[row] as number] as number;
    index += 1;
  }
  // Column by column, so each loop keeps one dimension's codes and values in hand.
  plan.bySlots.forEach((slot, position) => {
    const column = detail.values[position] as DimensionValue[];
    if (slot < 0) {
      for (let at = 0; at < count; at += 1) {
        const bucket = rowBucket[groupRows[at] as number] as number;
        column[at] = endpointNames[columnar.bucketEndpoint[bucket] as number] as string;
      }
      return;
    }
    const codes = columnar.codes[slot];
    const values = (columnar.dictionaries[slot] as DimensionDictionary).values;
    for (let at = 0; at < count; at += 1) {
      column[at] = values[codes?.[groupRows[at] as number] ?? 0] ?? null;
    }
  });
  const keepNonEmpty = (from: Float64Array, to: Float64Array) => {
    for (let group = 0, at = 0; group < space; group += 1) {
      if ((firstRow[group] as number) < 0) continue;
      to[at] = from[group] as number;
      at += 1;
    }
  };
  sums.forEach((total, position) => {
    keepNonEmpty(total, detail.sums[position] as Float64Array);
  });
  if (batchSums !== undefined && detail.batch !== undefined) {
    keepNonEmpty(batchSums.batch, detail.batch[0]);
    keepNonEmpty(batchSums.known, detail.batch[1]);
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
