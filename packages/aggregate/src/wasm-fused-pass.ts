import type { CodeArray } from './code-array';
import type { FusedInput } from './fused-pass';
import type { MetricValues } from './metric-column';
import { memoryArgument, moduleBytes, OP, signedLeb, VOID_BLOCK } from './wasm-binary';

/**
 * The fused pass compiled to WebAssembly. Once any `ArrayBuffer` in a process has been detached
 * (Node's `fetch` does it), V8 checks every typed-array access in JavaScript for detachment;
 * WebAssembly memory accesses carry no such check and compile to plain loads, so the same pass
 * runs two to three times faster. Its inputs are copied into a WebAssembly memory kept per owner
 * (a table), the pass runs there, and the block and group ids are copied back: copies are
 * sequential and cost a fraction of the pass.
 */

/** Passes over fewer rows run in JavaScript: copying and a first, baseline-compiled run cost more. */
export const wasmPassSettings = { minimumRows: 20_000 };

const PAGE_BYTES = 65_536;
/** Keeps every address the pass computes below 2^31 (`i32` arithmetic). */
const MAX_MEMORY_BYTES = 2 ** 31 - PAGE_BYTES;

/** Where a copy of rows `[first, last)` of a column sits in a kernel memory. */
interface Region {
  readonly at: number;
  readonly first: number;
  readonly last: number;
}

/**
 * A WebAssembly memory, the passes instantiated on it (one per shape) and the column copies it
 * holds: copies made at the owner's current version are reused, so re-rolling a table that has
 * not changed copies only what a pass has not read before.
 */
interface KernelMemory {
  readonly memory: WebAssembly.Memory;
  readonly passes: Map<string, (...parameters: number[]) => void>;
  readonly regions: Map<ArrayLike<number>, Region>;
  /** The owner's version the regions were copied at. */
  version: number;
  /** End of the regions; a pass's scratch (ranges, block, group ids) starts here. */
  top: number;
}

/** What a pass's memory belongs to: a table, whose version changes whenever its rows do. */
export interface KernelOwner {
  readonly version: number;
}

const memories = new WeakMap<KernelOwner, KernelMemory>();
const modules = new Map<string, WebAssembly.Module>();
let available: boolean | undefined;

/**
 * What one array of the pass is, so how its elements load: codes (1, 2 or 4 bytes) load as
 * `i32`, metric values (`u8` to `u32`, or `f64`) as `f64`.
 */
type Kind = 1 | 2 | 4 | 'u8' | 'u16' | 'u32' | 'f64';

function codeKind(codes: CodeArray): Kind {
  return codes.BYTES_PER_ELEMENT as 1 | 2 | 4;
}

function valueKind(values: MetricValues): Kind {
  if (values instanceof Float64Array) return 'f64';
  if (values.BYTES_PER_ELEMENT === 1) return 'u8';
  return values.BYTES_PER_ELEMENT === 2 ? 'u16' : 'u32';
}

/** The shape a pass is compiled for. */
interface Shape {
  readonly axes: readonly Kind[];
  readonly filters: readonly Kind[];
  readonly metrics: readonly Kind[];
  readonly keepGroups: boolean;
}

function shapeKey(shape: Shape): string {
  return [shape.axes, shape.filters, shape.metrics, shape.keepGroups].join('|');
}

/** Instructions pushing the element `row` of the array at local `pointer` as an `i32`/`f64`. */
function load(kind: Kind, pointer: number, row: number): number[] {
  const bytes =
    kind === 'u8' ? 1 : kind === 'u16' ? 2 : kind === 'u32' ? 4 : kind === 'f64' ? 8 : kind;
  const shift = Math.log2(bytes);
  const address = [OP.localGet, pointer, OP.localGet, row];
  if (shift > 0) address.push(OP.i32Const, shift, OP.i32Shl);
  address.push(OP.i32Add);
  if (kind === 'f64') return [...address, OP.f64Load, ...memoryArgument(3)];
  const loaded =
    bytes === 1
      ? [...address, OP.i32Load8U, ...memoryArgument(0)]
      : bytes === 2
        ? [...address, OP.i32Load16U, ...memoryArgument(1)]
        : [...address, OP.i32Load, ...memoryArgument(2)];
  // Metric values are summed as f64; codes stay i32.
  return typeof kind === 'string' ? [...loaded, OP.f64ConvertI32U] : loaded;
}

/**
 * The pass's parameters, in order: ranges, range count, per axis (codes, stride), per filter
 * (codes, allowed), per metric (values), block, groups, trash. Array pointers are biased so that
 * `pointer + row * element size` addresses the row's element (only the rows in use are copied).
 */
function parameterCount(shape: Shape): number {
  return 2 + shape.axes.length * 2 + shape.filters.length * 2 + shape.metrics.length + 3;
}

/**
 * Emits the pass: the same loop as `compileFusedPass`, over `(start, end, offset, kept)` range
 * entries of 16 bytes; with filters, the pass writes each range's kept rows into `kept`.
 */
function passBody(shape: Shape): number[] {
  const axisAt = (axis: number) => 2 + axis * 2;
  const filterAt = (filter: number) => 2 + shape.axes.length * 2 + filter * 2;
  const metricAt = (metric: number) =>
    2 + shape.axes.length * 2 + shape.filters.length * 2 + metric;
  const block = metricAt(shape.metrics.length);
  const groups = block + 1;
  const trash = block + 2;
  const [ranges, rangeCount] = [0, 1];
  const [range, row, end, offset, group, at, entry, kept] = Array.from(
    { length: LOCALS },
    (_, index) => trash + 1 + index,
  ) as [number, number, number, number, number, number, number, number];
  const width = (shape.metrics.length + 1) * 8;
  const body: number[] = [OP.block, VOID_BLOCK, OP.loop, VOID_BLOCK];
  body.push(OP.localGet, range, OP.localGet, rangeCount, OP.i32GeU, OP.brIf, 1);
  body.push(OP.localGet, ranges, OP.localGet, range, OP.i32Const, 4, OP.i32Shl, OP.i32Add);
  body.push(OP.localTee, entry, OP.i32Load, ...memoryArgument(2, 0), OP.localSet, row);
  body.push(OP.localGet, entry, OP.i32Load, ...memoryArgument(2, 4), OP.localSet, end);
  body.push(OP.localGet, entry, OP.i32Load, ...memoryArgument(2, 8), OP.localSet, offset);
  body.push(OP.i32Const, 0, OP.localSet, kept);
  body.push(OP.block, VOID_BLOCK, OP.loop, VOID_BLOCK);
  body.push(OP.localGet, row, OP.localGet, end, OP.i32GeU, OP.brIf, 1);
  body.push(OP.localGet, offset);
  shape.axes.forEach((kind, axis) => {
    body.push(...load(kind, axisAt(axis), row), OP.localGet, axisAt(axis) + 1, OP.i32Mul);
    body.push(OP.i32Add);
  });
  body.push(OP.localSet, group);
  shape.filters.forEach((kind, filter) => {
    // select(trash, group, allowed[code] == 0)
    body.push(OP.localGet, trash, OP.localGet, group, OP.localGet, filterAt(filter) + 1);
    body.push(...load(kind, filterAt(filter), row), OP.i32Add);
    body.push(OP.i32Load8U, ...memoryArgument(0), OP.i32Eqz, OP.select, OP.localSet, group);
  });
  if (shape.filters.length > 0) {
    body.push(OP.localGet, kept, OP.localGet, group, OP.localGet, trash, OP.i32Ne, OP.i32Add);
    body.push(OP.localSet, kept);
  }
  if (shape.keepGroups) {
    body.push(OP.localGet, groups, OP.localGet, row, OP.i32Const, 2, OP.i32Shl);
    body.push(OP.i32Add, OP.localGet, group, OP.i32Store, ...memoryArgument(2));
  }
  body.push(OP.localGet, block, OP.localGet, group, OP.i32Const, ...signedLeb(width), OP.i32Mul);
  body.push(OP.i32Add, OP.localTee, at, OP.f64Load, ...memoryArgument(3));
  body.push(OP.f64Const, 0, 0, 0, 0, 0, 0, 0, 0, OP.f64Eq, OP.if, VOID_BLOCK);
  body.push(OP.localGet, at, OP.localGet, row, OP.i32Const, 1, OP.i32Add, OP.f64ConvertI32U);
  body.push(OP.f64Store, ...memoryArgument(3), OP.end);
  shape.metrics.forEach((kind, metric) => {
    const sumOffset = (metric + 1) * 8;
    body.push(OP.localGet, at, OP.localGet, at, OP.f64Load, ...memoryArgument(3, sumOffset));
    body.push(...load(kind, metricAt(metric), row), OP.f64Add);
    body.push(OP.f64Store, ...memoryArgument(3, sumOffset));
  });
  body.push(OP.localGet, row, OP.i32Const, 1, OP.i32Add, OP.localSet, row, OP.br, 0);
  body.push(OP.end, OP.end);
  if (shape.filters.length > 0) {
    body.push(OP.localGet, entry, OP.localGet, kept, OP.i32Store, ...memoryArgument(2, 12));
  }
  body.push(OP.localGet, range, OP.i32Const, 1, OP.i32Add, OP.localSet, range, OP.br, 0);
  body.push(OP.end, OP.end);
  return body;
}

/** Locals of a pass after its parameters. */
const LOCALS = 8;

function moduleFor(shape: Shape): WebAssembly.Module {
  const key = shapeKey(shape);
  let compiled = modules.get(key);
  if (compiled === undefined) {
    compiled = new WebAssembly.Module(
      moduleBytes({
        name: 'pass',
        parameters: parameterCount(shape),
        locals: LOCALS,
        body: passBody(shape),
      }),
    );
    modules.set(key, compiled);
  }
  return compiled;
}

/**
 * Tells whether the runtime compiles WebAssembly from bytes (a Content-Security-Policy without
 * `wasm-unsafe-eval` and some edge runtimes forbid it).
 *
 * @returns Whether it does (checked once).
 */
export function wasmAllowed(): boolean {
  if (available === undefined) {
    try {
      moduleFor({ axes: [1], filters: [1], metrics: ['u32', 'f64'], keepGroups: true });
      available = true;
    } catch {
      available = false;
    }
  }
  return available;
}

function kernelMemory(owner: KernelOwner): KernelMemory {
  let kernel = memories.get(owner);
  if (kernel === undefined) {
    kernel = {
      memory: new WebAssembly.Memory({ initial: 0 }),
      passes: new Map(),
      regions: new Map(),
      version: owner.version,
      top: 0,
    };
    memories.set(owner, kernel);
  }
  if (kernel.version !== owner.version) forgetRegions(kernel, owner.version);
  return kernel;
}

function forgetRegions(kernel: KernelMemory, version: number): void {
  kernel.regions.clear();
  kernel.top = 0;
  kernel.version = version;
}

function ensureBytes(kernel: KernelMemory, bytes: number): void {
  const missing = Math.ceil((bytes - kernel.memory.buffer.byteLength) / PAGE_BYTES);
  if (missing > 0) kernel.memory.grow(missing);
}

/**
 * Bytes of WebAssembly memory the passes of an owner hold: copies of the columns they read at
 * the owner's current version, and the largest pass's scratch.
 *
 * @param owner The owner (a table).
 *
 * @returns The bytes.
 */
export function kernelMemoryBytes(owner: KernelOwner): number {
  return memories.get(owner)?.memory.buffer.byteLength ?? 0;
}

const align = (bytes: number) => (bytes + 7) & ~7;

type Column = CodeArray | MetricValues;

/**
 * Places rows `[first, last)` of the columns in the kernel memory, reusing copies of this
 * version that cover them; starts over when a copy no longer covers a pass's rows.
 *
 * @returns Per column, its pointer biased so that `pointer + row * size` is the row's element
 *   (wrapping like the pass's `i32` arithmetic), or undefined when the memory would be too big.
 */
function placeColumns(
  kernel: KernelMemory,
  columns: readonly Column[],
  first: number,
  last: number,
  scratchBytes: number,
): number[] | undefined {
  const covered = (column: Column) => {
    const region = kernel.regions.get(column);
    return region !== undefined && region.first <= first && region.last >= last;
  };
  if (columns.some((column) => kernel.regions.has(column) && !covered(column))) {
    forgetRegions(kernel, kernel.version);
  }
  const missing = [...new Set(columns.filter((column) => !covered(column)))];
  const copyBytes = missing.reduce(
    (bytes, column) => bytes + align((last - first) * column.BYTES_PER_ELEMENT),
    0,
  );
  if (kernel.top + copyBytes + scratchBytes > MAX_MEMORY_BYTES) {
    forgetRegions(kernel, kernel.version);
    const allBytes = [...new Set(columns)].reduce(
      (bytes, column) => bytes + align((last - first) * column.BYTES_PER_ELEMENT),
      0,
    );
    if (allBytes + scratchBytes > MAX_MEMORY_BYTES) return undefined;
    return placeColumns(kernel, columns, first, last, scratchBytes);
  }
  ensureBytes(kernel, kernel.top + copyBytes + scratchBytes);
  const buffer = kernel.memory.buffer;
  for (const column of missing) {
    const at = kernel.top;
    const Constructor = column.constructor as new (
      buffer: ArrayBuffer,
      at: number,
      length: number,
    ) => Column;
    new Constructor(buffer, at, last - first).set(column.subarray(first, last));
    kernel.regions.set(column, { at, first, last });
    kernel.top += align((last - first) * column.BYTES_PER_ELEMENT);
  }
  return columns.map((column) => {
    const region = kernel.regions.get(column) as Region;
    return (region.at - region.first * column.BYTES_PER_ELEMENT) | 0;
  });
}

/**
 * Runs a fused pass in WebAssembly when it is allowed and worth it.
 *
 * @param input What the pass reads and writes (as for the JavaScript pass).
 * @param owner Whose memory the pass uses: its column copies are kept for the next pass at the
 *   same version, and freed with the owner.
 *
 * @returns False when the caller should run the JavaScript pass instead.
 */
export function runWasmFusedPass(input: FusedInput, owner: KernelOwner): boolean {
  // Per selected range: start, end, offset, and a slot for the kept rows; and its bucket.
  const entries: number[] = [];
  const entryBuckets: number[] = [];
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  let lowestOffset = Number.POSITIVE_INFINITY;
  let highestOffset = 0;
  for (let bucket = 0; bucket < input.offsets.length; bucket += 1) {
    const offset = input.offsets[bucket] as number;
    if (offset < 0 || (input.bucketRanges[bucket] as readonly number[]).length === 0) continue;
    lowestOffset = Math.min(lowestOffset, offset);
    highestOffset = Math.max(highestOffset, offset);
    const ranges = input.bucketRanges[bucket] as readonly number[];
    for (let index = 0; index < ranges.length; index += 2) {
      const start = ranges[index] as number;
      const end = ranges[index + 1] as number;
      entries.push(start, end, offset, 0);
      entryBuckets.push(bucket);
      first = Math.min(first, start);
      last = Math.max(last, end);
    }
  }
  if (!(last - first >= wasmPassSettings.minimumRows) || !wasmAllowed()) return false;
  const shape: Shape = {
    axes: input.codes.map(codeKind),
    filters: input.filterCodes.map(codeKind),
    metrics: input.values.map(valueKind),
    keepGroups: input.keepGroups,
  };
  const columns = [...input.codes, ...input.filterCodes, ...input.values];
  const allowedBytes = input.allowed.reduce((bytes, allowed) => bytes + align(allowed.length), 0);
  const groupBytes = input.keepGroups ? (last - first) * 4 : 0;
  // The groups the pass can reach (and the trash group, which filters write to).
  const width = input.values.length + 1;
  const lowestGroup =
    input.filterCodes.length > 0 ? Math.min(lowestOffset, input.trash) : lowestOffset;
  const highestGroup = Math.max(
    highestOffset + input.offsetSpan - 1,
    input.filterCodes.length > 0 ? input.trash : 0,
  );
  const window = {
    start: lowestGroup * width,
    end: Math.min(input.block.length, (highestGroup + 1) * width),
  };
  const blockBytes = (window.end - window.start) * 8;
  const scratchBytes = entries.length * 4 + allowedBytes + blockBytes + groupBytes;
  let kernel: KernelMemory;
  let pointers: number[] | undefined;
  try {
    kernel = kernelMemory(owner);
    pointers = placeColumns(kernel, columns, first, last, scratchBytes);
  } catch (error) {
    // No address space or memory for a WebAssembly memory of this size (creating or growing
    // one throws a RangeError): JavaScript it is. Anything else is a defect, not a shortage.
    if (error instanceof RangeError) return false;
    throw error;
  }
  if (pointers === undefined) return false;

  const buffer = kernel.memory.buffer;
  let scratch = kernel.top;
  const take = (bytes: number) => {
    const at = scratch;
    scratch += align(bytes);
    return at;
  };
  const rangesAt = take(entries.length * 4);
  const rangesView = new Int32Array(buffer, rangesAt, entries.length);
  rangesView.set(entries);
  const allowedAt = input.allowed.map((allowed) => {
    const at = take(allowed.length);
    new Uint8Array(buffer, at, allowed.length).set(allowed);
    return at;
  });
  const blockAt = take(blockBytes);
  const blockView = new Float64Array(buffer, blockAt, window.end - window.start);
  blockView.set(input.block.subarray(window.start, window.end));
  const groupsAt = take(groupBytes);

  const parameters = [rangesAt, entryBuckets.length];
  let column = 0;
  for (const stride of input.strides) parameters.push(pointers[column++] as number, stride);
  for (const at of allowedAt) parameters.push(pointers[column++] as number, at);
  for (let metric = 0; metric < input.values.length; metric += 1) {
    parameters.push(pointers[column++] as number);
  }
  parameters.push((blockAt - window.start * 8) | 0, (groupsAt - first * 4) | 0, input.trash);

  const key = shapeKey(shape);
  let pass = kernel.passes.get(key);
  if (pass === undefined) {
    const instance = new WebAssembly.Instance(moduleFor(shape), { env: { memory: kernel.memory } });
    pass = instance.exports.pass as (...parameters: number[]) => void;
    kernel.passes.set(key, pass);
  }
  pass(...parameters);

  input.block.set(blockView, window.start);
  if (input.filterCodes.length > 0) {
    entryBuckets.forEach((bucket, index) => {
      input.keptRows[bucket] =
        (input.keptRows[bucket] as number) + (rangesView[index * 4 + 3] as number);
    });
  }
  if (input.keepGroups) {
    input.groups.set(new Int32Array(buffer, groupsAt, last - first), first);
    fillExcluded(input);
  }
  return true;
}
/** Gives the rows of excluded buckets the trash group, as the JavaScript pass does. */
function fillExcluded(input: FusedInput): void {
  for (let bucket = 0; bucket < input.offsets.length; bucket += 1) {
    if ((input.offsets[bucket] as number) >= 0) continue;
    const ranges = input.bucketRanges[bucket] as readonly number[];
    for (let index = 0; index < ranges.length; index += 2) {
      input.groups.fill(input.trash, ranges[index] as number, ranges[index + 1] as number);
    }
  }
}
