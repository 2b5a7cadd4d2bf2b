import { endpointNames } from '@usagekit/schemas';
import type { CodeArray } from './code-array';
import { type DimensionDictionary, TRUE_CODE } from './dimension-dictionary';
import { type DimensionValue, dimensionSlot, metricSlot } from './fields';
import { FUSED_LIMITS, runFusedPass } from './fused-pass';
import type { MetricValues } from './metric-column';
import type { PeriodSelection } from './period-selection';
import type { QueryPlan } from './rollup-query';
import { compareValues } from './rollup-rows';
import type { ColumnarUsageTable } from './usage-table';

/** Group spaces up to this size (or twice the row count) are indexed densely, without Maps. */
export const MIN_DENSE_SPACE = 1 << 16;

/**
 * How a group id splits when ids are mixed radix (dense):
 * `id = (period * endpointRadix + endpoint) * stride + sum of digit * axis stride`, where each
 * axis digit is a dictionary code or a rank in sorted order.
 */
export interface GroupLayout {
  readonly endpointRadix: number;
  readonly stride: number;
  /**
   * Per `by` position: the axis's stride, radix and value of each digit; null for `endpoint` and
   * for a dimension no row has (null everywhere).
   */
  readonly axes: ReadonlyArray<GroupAxisLayout | null>;
}

/** One grouping dimension's place in a {@link GroupLayout}. */
export interface GroupAxisLayout {
  readonly stride: number;
  readonly radix: number;
  readonly values: readonly DimensionValue[];
}

/** The non-empty groups of a roll-up and their sums; `space` is the trash id of excluded rows. */
export interface Grouping {
  /** Group id per row (written by every path but the fused pass without `keepGroups`). */
  readonly groups: Int32Array;
  readonly space: number;
  /**
   * Set when ids are mixed radix (a group's values can be read from its id); `present` is then
   * in result order: period, then sorted values.
   */
  readonly layout: GroupLayout | undefined;
  /** Ids of the non-empty groups. */
  readonly present: Int32Array;
  /**
   * First row of each present group (its values can be read from it); empty when the rows were
   * folded away page by page, in which case `layout` is set.
   */
  readonly firstRow: Int32Array;
  /** Per summed metric: its sum per present group, in storage units. */
  readonly sums: Float64Array[];
  /**
   * Per bucket: rows the dimension filters kept, when some filter could exclude rows; `groups`
   * is then written too if a summed metric has absent rows (coverage counts them).
   */
  readonly keptRows: Int32Array | undefined;
}

/** One grouping dimension in the key: its codes and the rank of each code in sorted order. */
interface KeyAxis {
  readonly position: number;
  readonly codes: CodeArray;
  readonly rank: Int32Array;
  readonly sortedValues: readonly DimensionValue[];
  readonly radix: number;
}

/** What a layout needs of an axis. */
export type LayoutAxis = Pick<KeyAxis, 'position' | 'radix' | 'sortedValues'>;

/** A filter: rows whose code maps to 0 are excluded. */
interface KeyFilter {
  readonly codes: CodeArray;
  readonly allowed: Uint8Array;
}

/** A dictionary's values in sorted order. */
export interface DictionaryOrder {
  /** Rank of each code in value order. */
  readonly rank: Int32Array;
  /** Values in rank order. */
  readonly values: readonly DimensionValue[];
}

const NO_KEPT_ROWS = new Int32Array(0);
const orderCaches = new WeakMap<DimensionDictionary, DictionaryOrder>();
const scratchGroups = new WeakMap<ColumnarUsageTable, Int32Array>();

/**
 * Ranks of a dictionary's codes in value order, cached until the dictionary grows.
 *
 * @param dictionary The dictionary.
 *
 * @returns The rank of each code and the values in rank order.
 */
export function orderOf(dictionary: DimensionDictionary): DictionaryOrder {
  const cached = orderCaches.get(dictionary);
  if (cached !== undefined && cached.rank.length === dictionary.size) return cached;
  const rank = new Int32Array(dictionary.size);
  const sorted = dictionary.values
    .map((value, code) => ({ value, code }))
    .sort((left, right) => compareValues(left.value, right.value));
  sorted.forEach((entry, position) => {
    rank[entry.code] = position;
  });
  const order = { rank, values: sorted.map((entry) => entry.value) };
  orderCaches.set(dictionary, order);
  return order;
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
  return { base, space: periods.starts.length * endpointRadix, endpointRadix };
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

/** Whether a metric the plan sums lacks a value in some row. */
function anyAbsentSummed(table: ColumnarUsageTable, plan: QueryPlan): boolean {
  return plan.summed.some(
    (name) => table.metrics[metricSlot.get(name) as number]?.anyAbsent(table.rowCount) ?? false,
  );
}

/** Per bucket: its rows outside the trash group. */
function keptRowsOf(table: ColumnarUsageTable, groups: Int32Array, trash: number): Int32Array {
  const kept = new Int32Array(table.bucketCount);
  for (let bucket = 0; bucket < table.bucketCount; bucket += 1) {
    const ranges = table.bucketRanges[bucket] as number[];
    let count = 0;
    for (let index = 0; index < ranges.length; index += 2) {
      const end = ranges[index + 1] as number;
      for (let row = ranges[index] as number; row < end; row += 1) {
        if (groups[row] !== trash) count += 1;
      }
    }
    kept[bucket] = count;
  }
  return kept;
}

/**
 * Sums one column by group id over every row.
 *
 * @param groups Group id per row.
 * @param values The column.
 * @param rowCount Rows.
 * @param space Groups (the trash group `space` is summed too).
 *
 * @returns Sums indexed by group id.
 */
function sumColumn(
  groups: Int32Array,
  values: MetricValues,
  rowCount: number,
  space: number,
): Float64Array {
  const sums = new Float64Array(space + 1);
  for (let row = 0; row < rowCount; row += 1) {
    const group = groups[row] as number;
    sums[group] = (sums[group] as number) + (values[row] as number);
  }
  return sums;
}

/**
 * Keeps the present groups' entries of an array indexed by group id.
 *
 * @param byGroup Values by group id.
 * @param present Present group ids.
 *
 * @returns One value per present group.
 */
function presentOnly(byGroup: Float64Array, present: Int32Array): Float64Array {
  const kept = new Float64Array(present.length);
  for (let index = 0; index < present.length; index += 1) {
    kept[index] = byGroup[present[index] as number] as number;
  }
  return kept;
}

/**
 * The mixed-radix layout of group ids over the axes (last axis varies fastest). Each axis digit
 * is a code (the fused pass: one multiply-add per dimension) or a rank (the general passes: ids
 * ascend in sorted order).
 *
 * @param table The table (its dictionaries give code digits their values).
 * @param plan The query plan.
 * @param axes The grouping dimensions that have codes, in `by` order.
 * @param endpointRadix How many endpoints the base part of an id counts.
 * @param digits What an axis digit is.
 *
 * @returns The layout.
 */
export function layoutOf(
  table: ColumnarUsageTable,
  plan: QueryPlan,
  axes: readonly LayoutAxis[],
  endpointRadix: number,
  digits: 'code' | 'rank',
): GroupLayout {
  const positions: Array<GroupAxisLayout | null> = plan.bySlots.map(() => null);
  let stride = 1;
  for (let index = axes.length - 1; index >= 0; index -= 1) {
    const { radix, sortedValues, position } = axes[index] as LayoutAxis;
    const slot = plan.bySlots[position] as number;
    const values =
      digits === 'rank' ? sortedValues : (table.dictionaries[slot] as DimensionDictionary).values;
    positions[position] = { stride, radix, values };
    stride *= radix;
  }
  return { endpointRadix, stride, axes: positions };
}

/**
 * Positions of `keys` in ascending key order: a scatter over `[0, space)` (keys are distinct
 * integers below `space`) when that is within `denseLimit`, a sort otherwise.
 *
 * @param keys The keys.
 * @param space Keys are below this.
 * @param denseLimit The largest space to scatter over.
 *
 * @returns Positions in `keys`, by ascending key.
 */
export function ascendingOrder(
  keys: ArrayLike<number>,
  space: number,
  denseLimit = space,
): Int32Array {
  const order = new Int32Array(keys.length);
  if (space > denseLimit) {
    order.set(
      Array.from(order.keys()).sort(
        (left, right) => (keys[left] as number) - (keys[right] as number),
      ),
    );
    return order;
  }
  const place = new Int32Array(space).fill(-1);
  for (let index = 0; index < keys.length; index += 1) place[keys[index] as number] = index;
  for (let key = 0, at = 0; key < space; key += 1) {
    const index = place[key] as number;
    if (index < 0) continue;
    order[at] = index;
    at += 1;
  }
  return order;
}

/**
 * Orders groups given in code-digit ids by their rank-digit ids (period, then sorted values).
 *
 * @param ids Group ids with code digits.
 * @param axes The axes.
 * @param layout Their layout.
 * @param space Ids are below this.
 *
 * @returns Positions in `ids`, in result order.
 */
function rankOrder(
  ids: Int32Array,
  axes: readonly KeyAxis[],
  layout: GroupLayout,
  space: number,
): Int32Array {
  const ranked = new Int32Array(ids.length);
  for (let index = 0; index < ids.length; index += 1) {
    const id = ids[index] as number;
    let key = id;
    for (const axis of axes) {
      const digit = layout.axes[axis.position] as GroupAxisLayout;
      const code = Math.floor(id / digit.stride) % digit.radix;
      key += ((axis.rank[code] as number) - code) * digit.stride;
    }
    ranked[index] = key;
  }
  return ascendingOrder(ranked, space);
}

/**
 * Groups the selected rows of a table and sums the metrics the plan needs: one fused pass
 * (group ids, first rows and up to four sums at once) when the key space is small enough,
 * otherwise one pass per dimension.
 *
 * @param table The table.
 * @param plan The query plan.
 * @param periods The selected periods and each bucket's period.
 *
 * @returns The non-empty groups and their sums.
 */
export function groupAndSum(
  table: ColumnarUsageTable,
  plan: QueryPlan,
  periods: PeriodSelection,
): Grouping {
  const rowCount = table.rowCount;
  const bases = bucketBases(table, periods, plan.bySlots.includes(-1));
  const axes: KeyAxis[] = [];
  let denseSpace = bases.space;
  plan.bySlots.forEach((slot, position) => {
    if (slot < 0) return;
    const codes = table.codes[slot];
    // A dimension no row has is null everywhere: one value, nothing to key on.
    if (codes === null || codes === undefined) return;
    const dictionary = table.dictionaries[slot] as DimensionDictionary;
    const order = orderOf(dictionary);
    axes.push({
      position,
      codes,
      rank: order.rank,
      sortedValues: order.values,
      radix: dictionary.size,
    });
    denseSpace *= dictionary.size;
  });
  const filters: KeyFilter[] = [];
  let excludeAll = false;
  for (const [slot, allowed] of plan.allowedCodes) {
    const codes = table.codes[slot];
    if (codes === null || codes === undefined) excludeAll ||= allowed[0] !== 1;
    else filters.push({ codes, allowed });
  }
  const groups = groupScratch(table);
  const columns = plan.summed.map((name) => table.metrics[metricSlot.get(name) as number] ?? null);
  // Columns no row reported sum to zero: they are not read.
  const reported = columns.flatMap((column, index) =>
    column === null ? [] : [{ index, values: column.values }],
  );
  const fused =
    denseSpace <= Math.max(MIN_DENSE_SPACE, rowCount * 2) &&
    axes.length <= FUSED_LIMITS.axes &&
    filters.length <= FUSED_LIMITS.filters &&
    !excludeAll;
  const layout = layoutOf(table, plan, axes, bases.endpointRadix, fused ? 'code' : 'rank');
  let present: Int32Array;
  let firstRow: Int32Array;
  let space = denseSpace;
  let sorted = true;
  const sums: Float64Array[] = [];
  let keptRows: Int32Array | undefined;
  const inPass = fused ? Math.min(FUSED_LIMITS.metrics, reported.length) : 0;
  if (fused) {
    const offsets = new Int32Array(bases.base.length);
    for (let bucket = 0; bucket < offsets.length; bucket += 1) {
      const base = bases.base[bucket] as number;
      offsets[bucket] = base < 0 ? -1 : base * layout.stride;
    }
    // Later passes read the group ids: more metrics, batch_share, absent rows kept by filters.
    const keepGroups =
      reported.length > inPass ||
      plan.derived.some((entry) => entry.batch) ||
      (filters.length > 0 && anyAbsentSummed(table, plan));
    if (filters.length > 0) keptRows = new Int32Array(table.bucketCount);
    const width = inPass + 1;
    const block = new Float64Array((space + 1) * width);
    const input = {
      bucketRanges: table.bucketRanges,
      offsets,
      codes: axes.map((axis) => axis.codes),
      strides: axes.map((axis) => (layout.axes[axis.position] as GroupAxisLayout).stride),
      filterCodes: filters.map((filter) => filter.codes),
      allowed: filters.map((filter) => filter.allowed),
      values: reported.slice(0, inPass).map((entry) => entry.values),
      block,
      groups,
      trash: space,
      keepGroups,
      keptRows: keptRows ?? NO_KEPT_ROWS,
      offsetSpan: layout.stride,
    };
    runFusedPass(input, table);
    let count = 0;
    for (let group = 0, at = 0; group < space; group += 1, at += width) {
      if (block[at] !== 0) count += 1;
    }
    const ids = new Int32Array(count);
    for (let group = 0, at = 0, index = 0; group < space; group += 1, at += width) {
      if (block[at] === 0) continue;
      ids[index] = group;
      index += 1;
    }
    // Ids have code digits; the result lists groups by period, then sorted values.
    const order = rankOrder(ids, axes, layout, space);
    present = new Int32Array(count);
    firstRow = new Int32Array(count);
    for (let index = 0; index < count; index += 1) {
      const group = ids[order[index] as number] as number;
      present[index] = group;
      firstRow[index] = (block[group * width] as number) - 1;
    }
    reported.slice(0, inPass).forEach((entry, position) => {
      const kept = new Float64Array(count);
      for (let index = 0; index < count; index += 1) {
        kept[index] = block[(present[index] as number) * width + 1 + position] as number;
      }
      sums[entry.index] = kept;
    });
  } else {
    ({ space, sorted } = generalGroups(table, plan, axes, groups, bases));
    if (plan.allowedCodes.size > 0) keptRows = keptRowsOf(table, groups, space);
    const firstByGroup = new Int32Array(space).fill(-1);
    let count = 0;
    for (let row = 0; row < rowCount; row += 1) {
      const group = groups[row] as number;
      if (group < space && (firstByGroup[group] as number) < 0) {
        firstByGroup[group] = row;
        count += 1;
      }
    }
    present = new Int32Array(count);
    firstRow = new Int32Array(count);
    for (let group = 0, index = 0; group < space; group += 1) {
      const first = firstByGroup[group] as number;
      if (first < 0) continue;
      present[index] = group;
      firstRow[index] = first;
      index += 1;
    }
  }
  for (const entry of reported.slice(inPass)) {
    sums[entry.index] = presentOnly(sumColumn(groups, entry.values, rowCount, space), present);
  }
  for (let index = 0; index < columns.length; index += 1) {
    sums[index] ??= new Float64Array(present.length);
  }
  return {
    groups,
    space,
    layout: sorted ? layout : undefined,
    present,
    firstRow,
    sums,
    keptRows,
  };
}

/**
 * Sums requests of batch rows and of rows grouped by batch, per present group, for
 * `batch_share`; warns when rows were not grouped by batch.
 *
 * @param table The table.
 * @param grouping The groups.
 * @param warnings Where warnings go.
 *
 * @returns `[batch requests, requests of rows grouped by batch]` per present group.
 */
export function batchShareSums(
  table: ColumnarUsageTable,
  grouping: Grouping,
  warnings: string[],
): [Float64Array, Float64Array] {
  const { groups, space, present } = grouping;
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
    return [presentOnly(batch, present), presentOnly(known, present)];
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
  return [presentOnly(batch, present), presentOnly(known, present)];
}
