import { type EndpointName, endpointNames } from '@usagekit/schemas';
import type { CodeArray } from './code-array';
import { coverageOf } from './coverage';
import type { DimensionDictionary } from './dimension-dictionary';
import { endpointSlot, metricSlot } from './fields';
import { FUSED_LIMITS, type FusedInput, runFusedPass } from './fused-pass';
import {
  ascendingOrder,
  type GroupAxisLayout,
  type Grouping,
  layoutOf,
  MIN_DENSE_SPACE,
  orderOf,
} from './group-and-sum';
import { createPeriodCalendar, type PeriodCalendar } from './period-calendar';
import {
  bucketPeriods,
  type PeriodSelection,
  selectPeriods,
  startsInRange,
} from './period-selection';
import type { QueryPlan } from './rollup-query';
import type { ColumnarUsageTable } from './usage-table';
import type { FieldCoverage } from './usage-table-api';

const NO_GROUPS = new Int32Array(0);

/**
 * The owner of every fold's WebAssembly memory: a page's rows are folded once, so nothing is
 * worth keeping between folds (the version changes for each), but one memory serves every
 * folder instead of a fresh one per temporary table.
 */
const foldOwner = { version: 0 };

/** One grouping dimension while folding: its slot and how many codes the block has room for. */
interface FoldAxis {
  readonly slot: number;
  capacity: number;
  stride: number;
}

/** Up to {@link FUSED_LIMITS.metrics} summed metrics sharing one block (one fused pass). */
interface MetricBlock {
  /** Positions in `plan.summed`. */
  readonly positions: readonly number[];
  /** Per group: a presence mark, then each metric's sum. */
  sums: Float64Array;
}

function powerOfTwoAtLeast(value: number): number {
  let power = 4;
  while (power < value) power *= 2;
  return power;
}

/**
 * Sums a table's rows into groups page by page, so the rows of a page can be dropped once
 * folded: what {@link rollupPages} uses to answer from pages in memory proportional to the
 * groups rather than the rows. Groups live in a dense block indexed by (period slot, code per
 * dimension) with room to grow; {@link GroupFolder.finish} turns it into the same groups, in the
 * same order, as a roll-up of a table holding every row.
 *
 * Folding only applies to plans without dimension filters or `batch_share` (both need rows)
 * and with at most {@link FUSED_LIMITS.axes} grouping dimensions; {@link GroupFolder.accepts}
 * tells. `fold` returns false when folding cannot go on (a bucket came again after its rows
 * were folded, so they should have been replaced, or the group space outgrew the dense limit):
 * the caller then rolls up a full table instead.
 */
export class GroupFolder {
  readonly #table: ColumnarUsageTable;
  readonly #plan: QueryPlan;
  readonly #endpoint: number;
  readonly #denseLimit: number;
  readonly #calendar: PeriodCalendar | undefined;
  readonly #axes: FoldAxis[];
  readonly #blocks: MetricBlock[];
  /** Period key to period slot, and a bucket of each slot (to find its final period). */
  readonly #periodSlots = new Map<number, number>();
  readonly #slotBuckets: number[] = [];
  #periodCapacity = 0;
  readonly #expectedPeriods: number;
  #groupStride = 1;
  /** Rows folded per bucket id. */
  #foldedRows = new Int32Array(64);
  readonly #coverage: Record<string, FieldCoverage> = {};

  /**
   * Tells whether a plan can be folded page by page.
   *
   * @param plan The plan.
   *
   * @returns Whether {@link GroupFolder} applies.
   */
  static accepts(plan: QueryPlan): boolean {
    return (
      plan.allowedCodes.size === 0 &&
      !plan.derived.some((entry) => entry.batch) &&
      plan.bySlots.filter((slot) => slot >= 0).length <= FUSED_LIMITS.axes
    );
  }

  /**
   * @param table The (partial) table pages are read into, one at a time.
   * @param plan The plan (see {@link GroupFolder.accepts}).
   * @param endpoint The endpoint every page comes from.
   * @param rowCount Rows to expect in all: the group space may grow to twice that.
   * @param bucketStarts Starts of the buckets to expect, so the block is sized for their periods
   *   once instead of growing page by page.
   */
  constructor(
    table: ColumnarUsageTable,
    plan: QueryPlan,
    endpoint: EndpointName,
    rowCount: number,
    bucketStarts: readonly number[] = [],
  ) {
    this.#table = table;
    this.#plan = plan;
    this.#endpoint = endpointSlot.get(endpoint) as number;
    this.#denseLimit = Math.max(MIN_DENSE_SPACE, rowCount * 2);
    this.#calendar =
      plan.grain === 'all'
        ? undefined
        : createPeriodCalendar(plan.grain, plan.timeZone, plan.weekStartsOn);
    this.#axes = plan.bySlots
      .filter((slot) => slot >= 0)
      .map((slot) => ({ slot, capacity: 0, stride: 0 }));
    const positions = plan.summed.map((_, position) => position);
    this.#blocks = [];
    for (let start = 0; start === 0 || start < positions.length; start += FUSED_LIMITS.metrics) {
      this.#blocks.push({
        positions: positions.slice(start, start + FUSED_LIMITS.metrics),
        sums: new Float64Array(0),
      });
    }
    for (const name of plan.summed) this.#coverage[name] = { rows: 0, reported: 0, absent: 0 };
    const keys = new Set<number>();
    const selected = plan.endpointSelected[this.#endpoint] === 1;
    for (const start of selected ? bucketStarts : []) {
      if (startsInRange(plan.range, start)) keys.add(this.#calendar?.keyOf(start) ?? 0);
    }
    this.#expectedPeriods = keys.size;
  }

  /**
   * Folds the table's rows into the groups. Drop them afterwards (`discardRows`).
   *
   * @returns False when folding cannot go on (nothing was folded then).
   */
  fold(): boolean {
    const table = this.#table;
    const plan = this.#plan;
    if (this.#foldedRows.length < table.bucketCount) {
      const grown = new Int32Array(Math.max(table.bucketCount, this.#foldedRows.length * 2));
      grown.set(this.#foldedRows);
      this.#foldedRows = grown;
    }
    if (table.discardedBucketCameAgain) return false;
    const keys =
      this.#calendar === undefined ? undefined : bucketPeriods(table, this.#calendar).startKeys;
    // Per bucket of this page: its period slot, or -1 (not selected, or not in this page).
    const bucketSlot = new Int32Array(table.bucketCount).fill(-1);
    for (let bucket = 0; bucket < table.bucketCount; bucket += 1) {
      const rows = table.bucketRows[bucket] as number;
      if (rows === 0) continue;
      this.#foldedRows[bucket] = rows;
      if (plan.endpointSelected[table.bucketEndpoint[bucket] as number] !== 1) continue;
      if (!startsInRange(plan.range, table.bucketStart[bucket] as number)) continue;
      const key = keys === undefined ? 0 : (keys[bucket] as number);
      let slot = this.#periodSlots.get(key);
      if (slot === undefined) {
        slot = this.#slotBuckets.length;
        this.#periodSlots.set(key, slot);
        this.#slotBuckets.push(bucket);
      }
      bucketSlot[bucket] = slot;
    }
    if (!this.#fitBlocks()) return false;
    const offsets = new Int32Array(table.bucketCount);
    for (let bucket = 0; bucket < offsets.length; bucket += 1) {
      const slot = bucketSlot[bucket] as number;
      offsets[bucket] = slot < 0 ? -1 : slot * this.#groupStride;
    }
    const codes: CodeArray[] = this.#axes.map((axis) => table.dimensionCodes(axis.slot));
    // A new page: its blocks share the copies of its codes, none of an earlier page's.
    foldOwner.version += 1;
    for (const block of this.#blocks) {
      const input: FusedInput = {
        bucketRanges: table.bucketRanges,
        offsets,
        codes,
        strides: this.#axes.map((axis) => axis.stride),
        filterCodes: [],
        allowed: [],
        values: block.positions.map(
          (position) =>
            table.metrics[metricSlot.get(plan.summed[position] as string) as number]?.values ??
            new Uint32Array(table.rowCount),
        ),
        block: block.sums,
        groups: NO_GROUPS,
        trash: 0,
        keepGroups: false,
        keptRows: NO_GROUPS,
        offsetSpan: this.#groupStride,
      };
      runFusedPass(input, foldOwner, 'fold');
    }
    const coverage = coverageOf(table, plan.summed, bucketSlot);
    for (const name of plan.summed) {
      const total = this.#coverage[name] as FieldCoverage;
      const page = coverage[name] as FieldCoverage;
      total.rows += page.rows;
      total.reported += page.reported;
      total.absent += page.absent;
    }
    return true;
  }

  /**
   * Grows the blocks when a dictionary or the period count outgrew them, moving every group to
   * its new place.
   *
   * @returns False when the space would pass the dense limit.
   */
  #fitBlocks(): boolean {
    const table = this.#table;
    const axes = this.#axes;
    const fits = (axis: FoldAxis) =>
      (table.dictionaries[axis.slot] as DimensionDictionary).size <= axis.capacity;
    if (axes.every(fits) && this.#slotBuckets.length <= this.#periodCapacity) return true;
    const oldStrides = axes.map((axis) => axis.stride);
    const oldCapacities = axes.map((axis) => axis.capacity);
    const oldStride = this.#groupStride;
    const oldPeriods = this.#periodCapacity;
    let stride = 1;
    for (let index = axes.length - 1; index >= 0; index -= 1) {
      const axis = axes[index] as FoldAxis;
      const size = (table.dictionaries[axis.slot] as DimensionDictionary).size;
      if (size > axis.capacity) axis.capacity = powerOfTwoAtLeast(size);
      axis.stride = stride;
      stride *= axis.capacity;
    }
    this.#groupStride = stride;
    this.#periodCapacity = powerOfTwoAtLeast(
      Math.max(this.#slotBuckets.length, this.#expectedPeriods),
    );
    if (this.#periodCapacity * stride > this.#denseLimit) return false;
    for (const block of this.#blocks) {
      const width = block.positions.length + 1;
      const old = block.sums;
      const sums = new Float64Array(this.#periodCapacity * stride * width);
      for (let group = 0; group < oldPeriods * oldStride; group += 1) {
        if (old[group * width] === 0) continue;
        const period = Math.floor(group / oldStride);
        let place = period * stride;
        for (let index = 0; index < axes.length; index += 1) {
          const code =
            Math.floor(group / (oldStrides[index] as number)) % (oldCapacities[index] as number);
          place += code * (axes[index] as FoldAxis).stride;
        }
        sums.set(old.subarray(group * width, group * width + width), place * width);
      }
      block.sums = sums;
    }
    return true;
  }

  /**
   * Turns the folded groups into the groups, periods and coverage of the roll-up.
   *
   * @returns What `finishRollup` needs.
   */
  finish(): {
    periods: PeriodSelection;
    grouping: Grouping;
    coverage: Record<string, FieldCoverage>;
  } {
    const table = this.#table;
    const plan = this.#plan;
    const periods = selectPeriods(table, plan, this.#foldedRows);
    const byEndpoint = plan.bySlots.includes(-1);
    const endpointRadix = byEndpoint ? endpointNames.length : 1;
    const endpointIndex = byEndpoint ? this.#endpoint : 0;
    // Final ids: mixed radix over the dictionaries' sorted ranks, as a full roll-up gives them.
    const ranked = this.#axes.map((axis) => {
      const order = orderOf(table.dictionaries[axis.slot] as DimensionDictionary);
      return {
        position: plan.bySlots.indexOf(axis.slot),
        radix: order.rank.length,
        sortedValues: order.values,
        rank: order.rank,
      };
    });
    const layout = layoutOf(table, plan, ranked, endpointRadix, 'rank');
    const stride = layout.stride;
    const first = this.#blocks[0] as MetricBlock;
    const firstWidth = first.positions.length + 1;
    const space = periods.starts.length * endpointRadix * stride;
    // Each folded group's final id; then the groups in final id order.
    const groupCount = this.#slotBuckets.length * this.#groupStride;
    let count = 0;
    for (let group = 0; group < groupCount; group += 1) {
      if (first.sums[group * firstWidth] !== 0) count += 1;
    }
    const folded = new Int32Array(count);
    const ids = new Float64Array(count);
    for (let group = 0, index = 0; group < groupCount; group += 1) {
      if (first.sums[group * firstWidth] === 0) continue;
      const slot = Math.floor(group / this.#groupStride);
      const period = periods.bucketPeriod[this.#slotBuckets[slot] as number] as number;
      let id = (period * endpointRadix + endpointIndex) * stride;
      for (let axisIndex = 0; axisIndex < this.#axes.length; axisIndex += 1) {
        const axis = this.#axes[axisIndex] as FoldAxis;
        const { rank, position } = ranked[axisIndex] as (typeof ranked)[number];
        const code = Math.floor(group / axis.stride) % axis.capacity;
        id += (rank[code] as number) * (layout.axes[position] as GroupAxisLayout).stride;
      }
      folded[index] = group;
      ids[index] = id;
      index += 1;
    }
    const order = ascendingOrder(ids, space, this.#denseLimit);
    const present = new Int32Array(order.length);
    for (let at = 0; at < order.length; at += 1) present[at] = ids[order[at] as number] as number;
    const sums: Float64Array[] = new Array(plan.summed.length);
    for (const block of this.#blocks) {
      const width = block.positions.length + 1;
      block.positions.forEach((position, offset) => {
        const kept = new Float64Array(order.length);
        for (let at = 0; at < order.length; at += 1) {
          kept[at] = block.sums[
            (folded[order[at] as number] as number) * width + 1 + offset
          ] as number;
        }
        sums[position] = kept;
      });
    }
    return {
      periods,
      grouping: {
        groups: NO_GROUPS,
        space,
        layout,
        present,
        firstRow: NO_GROUPS,
        sums,
        keptRows: undefined,
      },
      coverage: this.#coverage,
    };
  }
}
