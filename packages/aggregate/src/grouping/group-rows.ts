import { endpointNames } from '@usagekit/schemas';
import type { CodeArray } from '../code-array';
import { codeGenerationAllowed } from '../code-generation';
import { TRUE_CODE } from '../dimension-dictionary';
import { RollupQueryError } from '../errors';
import { type DimensionValue, dimensionSlot, endpointDefinesMetric, metricSlot } from '../fields';
import type { PeriodSelection } from '../period-selection';
import type { QueryPlan } from '../rollup-query';
import type { ColumnarUsageTable } from '../usage-table';
import { generatedPass } from './generated-pass';
import type { GroupSums, PassInput } from './pass-input';
import { referencePass } from './reference-pass';
import { wasmPass } from './wasm-pass';

/** Passes over at least this many rows run in WebAssembly where it can be compiled. */
const WASM_MINIMUM_ROWS = 20_000;
/** Group spaces up to this many groups, or twice the rows when more (to a cap), are dense. */
const MIN_DENSE_SPACE = 1 << 16;
const MAX_DENSE_SPACE = 1 << 24;

/** A row kind of a result (see `RowKind` of the results). */
type GroupKind = 'detail' | 'other' | 'subtotal' | 'total' | 'grand_total';

/** Summed groups as columns: what grouping produces and the results finish. */
export interface GroupColumns {
  readonly count: number;
  /** Period index per group; -1 for the grand total. */
  readonly period: Int32Array;
  /** Kind per group, or undefined when every group is a `detail`. */
  readonly kind: GroupKind[] | undefined;
  /** Per `by` dimension: its value per group. */
  readonly values: DimensionValue[][];
  /** Per summed column (the plan's `columns`): its sum per group, in storage units. */
  readonly sums: Float64Array[];
  /** Batch requests and requests of rows grouped by batch, when `batch_share` is asked for. */
  readonly batch: [Float64Array, Float64Array] | undefined;
  /** Per set of endpoints some summed metric is measured by: rows from them per group. */
  readonly measured: Float64Array[];
}

/**
 * Per summed metric, which groups measure it: `ALL_MEASURE` (every selected endpoint with rows
 * defines it), `NONE_MEASURE` (none does), or the position in `GroupColumns.measured` of the
 * rows counted from the endpoints that do (a group with none of them shows `null`).
 */
export const ALL_MEASURE = -1;
export const NONE_MEASURE = -2;

/** One grouping dimension of a query: its place in the group id. */
interface Axis {
  readonly position: number;
  readonly slot: number;
  readonly codes: CodeArray;
  readonly radix: number;
  readonly stride: number;
}

/** How a query's group ids are laid out, and the pass input without metrics. */
interface Layout {
  readonly axes: readonly Axis[];
  readonly endpointRadix: number;
  /** What one step of the (period, endpoint) part adds to an id. */
  readonly stride: number;
  readonly input: Omit<PassInput, 'values'>;
}

function layoutOf(table: ColumnarUsageTable, plan: QueryPlan, periods: PeriodSelection): Layout {
  const endpointRadix = plan.bySlots.includes(-1) ? endpointNames.length : 1;
  const axes: Axis[] = [];
  let stride = 1;
  for (let position = plan.bySlots.length - 1; position >= 0; position -= 1) {
    const slot = plan.bySlots[position] as number;
    const codes = table.codes[slot];
    // `endpoint`, or a dimension no row has (null everywhere): nothing to key on.
    if (slot < 0 || codes === null || codes === undefined) continue;
    const radix = table.dictionaries[slot]?.size as number;
    axes.unshift({ position, slot, codes, radix, stride });
    stride *= radix;
  }
  const space = periods.starts.length * endpointRadix * stride;
  if (space > Number.MAX_SAFE_INTEGER) {
    throw new RollupQueryError('the grouping has more than 2^53 possible groups', 'by');
  }
  const filterCodes: CodeArray[] = [];
  const allowed: Uint8Array[] = [];
  let excludeAll = false;
  for (const [slot, allowedCodes] of plan.allowedCodes) {
    const codes = table.codes[slot];
    // Every row is null there: the filter keeps all rows or none.
    if (codes === null || codes === undefined) excludeAll ||= allowedCodes[0] !== 1;
    else {
      filterCodes.push(codes);
      allowed.push(allowedCodes);
    }
  }
  const offsets = new Float64Array(table.bucketCount);
  for (let bucket = 0; bucket < offsets.length; bucket += 1) {
    const period = periods.bucketPeriod[bucket] as number;
    const endpoint = endpointRadix > 1 ? (table.bucketEndpoint[bucket] as number) : 0;
    offsets[bucket] = period < 0 || excludeAll ? -1 : (period * endpointRadix + endpoint) * stride;
  }
  return {
    axes,
    endpointRadix,
    stride,
    input: {
      bucketRanges: table.bucketRanges,
      offsets,
      space,
      codes: axes.map((axis) => axis.codes),
      strides: axes.map((axis) => axis.stride),
      filterCodes,
      allowed,
    },
  };
}

/** How a table is rolled up: `kernel` when it is kept for re-rolls (see {@link groupRows}). */
export type Passes = 'kernel' | 'javascript';

/**
 * Runs the fastest pass that applies: WebAssembly for large tables kept for re-rolls, generated
 * JavaScript otherwise, the reference pass where code cannot be generated or the space is not
 * dense.
 */
function runPass(table: ColumnarUsageTable, input: PassInput, passes: Passes): GroupSums {
  const denseLimit = Math.min(MAX_DENSE_SPACE, Math.max(MIN_DENSE_SPACE, table.rowCount * 2));
  if (input.space > denseLimit || !codeGenerationAllowed()) return referencePass(input);
  const large = passes === 'kernel' && table.rowCount >= WASM_MINIMUM_ROWS;
  return (large ? wasmPass(input, table) : undefined) ?? generatedPass(input);
}

/** Positions of `keys` (distinct integers below `space`) in ascending key order. */
function ascendingOrder(keys: Float64Array, space: number): Int32Array {
  const order = new Int32Array(keys.length);
  if (space > MAX_DENSE_SPACE) {
    const sorted = Array.from(order.keys()).sort(
      (left, right) => (keys[left] as number) - (keys[right] as number),
    );
    order.set(sorted);
    return order;
  }
  const place = new Int32Array(space).fill(-1);
  for (let index = 0; index < keys.length; index += 1) place[keys[index] as number] = index;
  let at = 0;
  for (const index of place) if (index >= 0) order[at++] = index;
  return order;
}

/**
 * Runs a pass like the query's own with some inputs replaced, and places its groups at the
 * positions of `ids` (the query's groups, ascending; the pass finds a subset of them).
 *
 * @returns Per id: the row count and each value's sum.
 */
function sumsAt(
  table: ColumnarUsageTable,
  passes: Passes,
  ids: Float64Array,
  input: PassInput,
): { counts: Float64Array; sums: Float64Array[] } {
  const found = runPass(table, input, passes);
  const counts = new Float64Array(ids.length);
  const sums = input.values.map(() => new Float64Array(ids.length));
  // Both id lists ascend: one merge.
  for (let index = 0, at = 0; index < found.ids.length; index += 1) {
    while (ids[at] !== found.ids[index]) at += 1;
    counts[at] = found.counts[index] as number;
    sums.forEach((column, metric) => {
      column[at] = found.sums[metric]?.[index] as number;
    });
  }
  return { counts, sums };
}

/**
 * For each summed metric, which groups measure it (see {@link ALL_MEASURE}); one counting pass
 * per distinct set of measuring endpoints, and only when the selected endpoints disagree.
 */
function measuredBy(
  table: ColumnarUsageTable,
  plan: QueryPlan,
  passes: Passes,
  layout: Layout,
  ids: Float64Array,
): { measuredBy: number[]; measured: Float64Array[] } {
  const present = new Set<number>();
  layout.input.offsets.forEach((offset, bucket) => {
    if (offset >= 0) present.add(table.bucketEndpoint[bucket] as number);
  });
  const measured: Float64Array[] = [];
  const bySet = new Map<string, number>();
  const flags = plan.summed.map((name) => {
    const slot = metricSlot.get(name) as number;
    const measuring = [...present].filter((endpoint) => endpointDefinesMetric[endpoint]?.[slot]);
    if (measuring.length === present.size) return ALL_MEASURE;
    if (measuring.length === 0) return NONE_MEASURE;
    const key = measuring.join(',');
    let position = bySet.get(key);
    if (position === undefined) {
      position = measured.length;
      bySet.set(key, position);
      const offsets = layout.input.offsets.map((offset, bucket) =>
        measuring.includes(table.bucketEndpoint[bucket] as number) ? offset : -1,
      );
      measured.push(sumsAt(table, passes, ids, { ...layout.input, offsets, values: [] }).counts);
    }
    return position;
  });
  return { measuredBy: flags, measured };
}

/**
 * Groups the selected rows of a table and sums the metrics a query needs, in one pass; the
 * groups come in result order (period, then each dimension's values in sorted order).
 *
 * @param table The table.
 * @param plan The query plan.
 * @param periods The selected periods and each bucket's period.
 * @param passes `kernel` for a table kept for re-rolls: large passes then run in WebAssembly,
 *   whose column copies only pay off when a table is rolled up again; `javascript` for a table
 *   rolled up once.
 *
 * @returns The groups, and warnings about `batch_share`.
 */
export function groupRows(
  table: ColumnarUsageTable,
  plan: QueryPlan,
  periods: PeriodSelection,
  passes: Passes,
): { detail: GroupColumns; warnings: string[]; measuredBy: number[] } {
  const layout = layoutOf(table, plan, periods);
  const columns = plan.columns.map((slot) => table.metrics[slot]);
  const found = runPass(
    table,
    {
      ...layout.input,
      values: columns.flatMap((column) => (column ? [column.values] : [])),
    },
    passes,
  );
  const count = found.ids.length;
  // Ids have code digits; results list groups by rank digits (each dictionary's sorted order).
  const orders = layout.axes.map((axis) => table.dictionaries[axis.slot]?.sortedOrder());
  const ranked = Float64Array.from(found.ids);
  layout.axes.forEach((axis, at) => {
    const rank = orders[at]?.rank as Int32Array;
    for (let index = 0; index < count; index += 1) {
      const code = Math.floor((found.ids[index] as number) / axis.stride) % axis.radix;
      ranked[index] = (ranked[index] as number) + ((rank[code] as number) - code) * axis.stride;
    }
  });
  const order = ascendingOrder(ranked, layout.input.space);
  const reorder = (sums: Float64Array) => {
    const ordered = new Float64Array(count);
    for (let index = 0; index < count; index += 1)
      ordered[index] = sums[order[index] as number] as number;
    return ordered;
  };
  const ids = reorder(found.ids);
  /** Each group's digit of one place of the id (`radix` values, `stride` apart). */
  const digits = (stride: number, radix: number, values: readonly DimensionValue[]) => {
    const column = new Array<DimensionValue>(count);
    for (let index = 0; index < count; index += 1) {
      column[index] = values[Math.floor((ids[index] as number) / stride) % radix] ?? null;
    }
    return column;
  };
  const period = new Int32Array(count);
  const periodStride = layout.stride * layout.endpointRadix;
  for (let index = 0; index < count; index += 1) {
    period[index] = Math.floor((ids[index] as number) / periodStride);
  }
  let next = 0;
  const measures = measuredBy(table, plan, passes, layout, found.ids);
  const detail: GroupColumns = {
    count,
    period,
    kind: undefined,
    values: plan.bySlots.map((slot, position) => {
      if (slot < 0) return digits(layout.stride, layout.endpointRadix, endpointNames);
      const axis = layout.axes.find((each) => each.position === position);
      if (axis === undefined) return new Array<DimensionValue>(count).fill(null);
      return digits(axis.stride, axis.radix, table.dictionaries[slot]?.values ?? []);
    }),
    sums: columns.map((column) =>
      column ? reorder(found.sums[next++] as Float64Array) : new Float64Array(count),
    ),
    batch: undefined,
    measured: measures.measured.map(reorder),
  };
  const warnings: string[] = [];
  const result = { detail, warnings, measuredBy: measures.measuredBy };
  if (!plan.derived.some((entry) => entry.batch)) return result;
  const batchCodes = table.codes[dimensionSlot.get('batch') as number];
  const requests = table.metrics[metricSlot.get('num_model_requests') as number];
  if (!batchCodes || !requests) {
    warnings.push('batch_share needs rows fetched with group_by=batch; none were, so it is null');
    return {
      ...result,
      detail: { ...detail, batch: [new Float64Array(count), new Float64Array(count)] },
    };
  }
  // Requests of batch rows, and of rows grouped by batch (any value but null).
  const size = table.dictionaries[dimensionSlot.get('batch') as number]?.size as number;
  const batchOnly = new Uint8Array(size);
  batchOnly[TRUE_CODE] = 1;
  const grouped = new Uint8Array(size).fill(1, 1);
  const filtered = (allowed: Uint8Array) =>
    sumsAt(table, passes, found.ids, {
      ...layout.input,
      filterCodes: [...layout.input.filterCodes, batchCodes],
      allowed: [...layout.input.allowed, allowed],
      values: [requests.values],
    });
  const batch = filtered(batchOnly);
  const known = filtered(grouped);
  const knownRows = known.counts.reduce((rows, each) => rows + each, 0);
  const unknownRows = found.counts.reduce((rows, each) => rows + each, 0) - knownRows;
  if (unknownRows > 0) {
    warnings.push(
      `batch_share ignores ${unknownRows} row(s) not grouped by batch (their requests are neither batch nor non-batch)`,
    );
  }
  const batchSums = [batch.sums[0], known.sums[0]] as [Float64Array, Float64Array];
  return {
    ...result,
    detail: { ...detail, batch: [reorder(batchSums[0]), reorder(batchSums[1])] },
  };
}
