import type { CodeArray } from './code-array';
import { codeGenerationAllowed } from './code-generation';
import type { MetricValues } from './metric-column';
import { type KernelOwner, runWasmFusedPass } from './wasm-fused-pass';

/** Most grouping dimensions, filters and summed metrics a fused pass handles. */
export const FUSED_LIMITS = { axes: 3, filters: 2, metrics: 4 } as const;

/** What a fused pass reads and writes. */
export interface FusedInput {
  /** Row ranges `[start, end, ...]` per bucket. */
  readonly bucketRanges: readonly (readonly number[])[];
  /** Per bucket: the id of its first group (period and endpoint, scaled), or -1 when excluded. */
  readonly offsets: Int32Array;
  /** Per grouping dimension: the row codes. */
  readonly codes: readonly CodeArray[];
  /**
   * Per grouping dimension: what one code step adds to the group id (a row's id is its bucket's
   * offset plus each code times its stride: arithmetic, no table lookup per row).
   */
  readonly strides: readonly number[];
  /** Per filter: the row codes. */
  readonly filterCodes: readonly CodeArray[];
  /** Per filter: 1 for a code whose rows are kept. */
  readonly allowed: readonly Uint8Array[];
  /** Per summed metric: row values. */
  readonly values: ReadonlyArray<MetricValues>;
  /**
   * Per group, `values.length + 1` numbers side by side (one cache line for a row's updates):
   * the group's first row plus one (0 while the group is empty), then each metric's sum.
   */
  readonly block: Float64Array;
  /**
   * How many group ids a bucket's rows can reach from its offset: `[offset, offset + span)`
   * (filtered rows go to `trash`). Lets a pass touch only the part of `block` a page reaches.
   */
  readonly offsetSpan: number;
  /** Group id per row, written when `keepGroups`. */
  readonly groups: Int32Array;
  /** Group id of excluded rows. */
  readonly trash: number;
  /** Whether to write `groups` (later passes read them). */
  readonly keepGroups: boolean;
  /**
   * Per bucket: rows the filters kept, added to by the pass when there are filters (coverage
   * counts them without group ids); may be empty otherwise.
   */
  readonly keptRows: Int32Array;
}

/** One pass over the selected rows: group ids, first rows and sums (see {@link FusedInput.block}). */
export type FusedPass = (input: FusedInput) => void;

const NO_CODES = new Int32Array(0);
const NO_FLAGS = new Uint8Array(0);
const NO_VALUES = new Float64Array(0);

/**
 * The generic pass, where code generation is not allowed: loop-invariant branches pick the
 * dimensions, filters and metrics in use.
 *
 * @param input What to read and write.
 */
export function genericFusedPass(input: FusedInput): void {
  const { bucketRanges, offsets, groups, block, trash, keepGroups, keptRows } = input;
  const axisCount = input.codes.length;
  const codes0 = input.codes[0] ?? NO_CODES;
  const stride0 = input.strides[0] ?? 0;
  const codes1 = input.codes[1] ?? NO_CODES;
  const stride1 = input.strides[1] ?? 0;
  const codes2 = input.codes[2] ?? NO_CODES;
  const stride2 = input.strides[2] ?? 0;
  const filterCount = input.filterCodes.length;
  const filterCodes0 = input.filterCodes[0] ?? NO_CODES;
  const allowed0 = input.allowed[0] ?? NO_FLAGS;
  const filterCodes1 = input.filterCodes[1] ?? NO_CODES;
  const allowed1 = input.allowed[1] ?? NO_FLAGS;
  const metricCount = input.values.length;
  const width = metricCount + 1;
  const values0 = input.values[0] ?? NO_VALUES;
  const values1 = input.values[1] ?? NO_VALUES;
  const values2 = input.values[2] ?? NO_VALUES;
  const values3 = input.values[3] ?? NO_VALUES;
  for (let bucket = 0; bucket < offsets.length; bucket += 1) {
    const offset = offsets[bucket] as number;
    const ranges = bucketRanges[bucket] as readonly number[];
    for (let range = 0; range < ranges.length; range += 2) {
      const start = ranges[range] as number;
      const end = ranges[range + 1] as number;
      if (offset < 0) {
        if (keepGroups) groups.fill(trash, start, end);
        continue;
      }
      let kept = 0;
      for (let row = start; row < end; row += 1) {
        let group = offset;
        if (axisCount > 0) group += (codes0[row] as number) * stride0;
        if (axisCount > 1) group += (codes1[row] as number) * stride1;
        if (axisCount > 2) group += (codes2[row] as number) * stride2;
        if (filterCount > 0 && allowed0[filterCodes0[row] as number] === 0) group = trash;
        if (filterCount > 1 && allowed1[filterCodes1[row] as number] === 0) group = trash;
        if (filterCount > 0 && group !== trash) kept += 1;
        if (keepGroups) groups[row] = group;
        const at = group * width;
        if (block[at] === 0) block[at] = row + 1;
        if (metricCount > 0) block[at + 1] = (block[at + 1] as number) + (values0[row] as number);
        if (metricCount > 1) block[at + 2] = (block[at + 2] as number) + (values1[row] as number);
        if (metricCount > 2) block[at + 3] = (block[at + 3] as number) + (values2[row] as number);
        if (metricCount > 3) block[at + 4] = (block[at + 4] as number) + (values3[row] as number);
      }
      if (filterCount > 0) keptRows[bucket] = (keptRows[bucket] as number) + kept;
    }
  }
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}

/** Generates a pass with exactly the loads and sums a query needs: no per-row branches. */
function compileFusedPass(
  axisCount: number,
  filterCount: number,
  metricCount: number,
  keepGroups: boolean,
): FusedPass {
  const axes = range(axisCount);
  const filters = range(filterCount);
  const metrics = range(metricCount);
  const group = ['offset', ...axes.map((axis) => `c${axis}[row] * k${axis}`)].join(' + ');
  const source = [
    'const bucketRanges = input.bucketRanges, offsets = input.offsets, groups = input.groups;',
    'const block = input.block, trash = input.trash, keptRows = input.keptRows;',
    ...axes.map(
      (axis) => `const c${axis} = input.codes[${axis}], k${axis} = input.strides[${axis}];`,
    ),
    ...filters.map(
      (filter) =>
        `const f${filter} = input.filterCodes[${filter}], a${filter} = input.allowed[${filter}];`,
    ),
    ...metrics.map((metric) => `const v${metric} = input.values[${metric}];`),
    'for (let bucket = 0, buckets = offsets.length; bucket < buckets; bucket += 1) {',
    'const offset = offsets[bucket]; const ranges = bucketRanges[bucket];',
    'for (let range = 0; range < ranges.length; range += 2) {',
    'const start = ranges[range], end = ranges[range + 1];',
    `if (offset < 0) { ${keepGroups ? 'groups.fill(trash, start, end); ' : ''}continue; }`,
    filterCount > 0 ? 'let kept = 0;' : '',
    'for (let row = start; row < end; row += 1) {',
    `${filterCount > 0 ? 'let' : 'const'} group = ${group};`,
    ...filters.map((filter) => `if (a${filter}[f${filter}[row]] === 0) group = trash;`),
    filterCount > 0 ? 'if (group !== trash) kept += 1;' : '',
    keepGroups ? 'groups[row] = group;' : '',
    `const at = group * ${metricCount + 1};`,
    'if (block[at] === 0) block[at] = row + 1;',
    ...metrics.map((metric) => `block[at + ${metric + 1}] += v${metric}[row];`),
    '}',
    filterCount > 0 ? 'keptRows[bucket] += kept;' : '',
    '}',
    '}',
  ].join('\n');
  return new Function('input', source) as FusedPass;
}

const compiledPasses = new Map<string, FusedPass>();

/** Element kind of an array: a pass is compiled per kind, so its loads stay monomorphic. */
function kindOf(array: ArrayLike<number>): string {
  return array instanceof Float64Array ? 'f' : String((array as Uint8Array).BYTES_PER_ELEMENT);
}

/**
 * Returns the fastest pass the runtime allows for an input: generated code where `new Function`
 * works, cached per shape (how many dimensions, filters and metrics, whether group ids are
 * kept, and each array's element type), the generic pass otherwise. Both stay within
 * {@link FUSED_LIMITS}.
 *
 * @param input What the pass will read and write.
 * @param caller Who runs it: each caller gets its own compiled copy, so the engine's type
 *   feedback from one (folding pages of 100,000 rows) does not slow the other (re-rolls).
 *
 * @returns The pass.
 */
export function fusedPassFor(input: FusedInput, caller = 'rollup'): FusedPass {
  if (!codeGenerationAllowed()) return genericFusedPass;
  const key = [
    caller,
    input.codes.map(kindOf).join(''),
    input.filterCodes.map(kindOf).join(''),
    input.values.map(kindOf).join(''),
    input.keepGroups,
  ].join('|');
  let pass = compiledPasses.get(key);
  if (pass === undefined) {
    pass = compileFusedPass(
      input.codes.length,
      input.filterCodes.length,
      input.values.length,
      input.keepGroups,
    );
    compiledPasses.set(key, pass);
  }
  return pass;
}

/**
 * Runs a fused pass the fastest way the runtime allows: in WebAssembly for large passes (see
 * {@link runWasmFusedPass}), otherwise the pass from {@link fusedPassFor}. Every way gives the
 * same block and group ids.
 *
 * @param input What the pass reads and writes.
 * @param owner Whose WebAssembly memory a large pass uses: the table it reads.
 * @param caller Who runs it (see {@link fusedPassFor}).
 */
export function runFusedPass(input: FusedInput, owner: KernelOwner, caller = 'rollup'): void {
  if (runWasmFusedPass(input, owner)) return;
  fusedPassFor(input, caller)(input);
}
