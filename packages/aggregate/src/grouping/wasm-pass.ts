import type { CodeArray } from '../code-array';
import type { MetricValues } from '../metric-column';
import { type GroupSums, groupSumsOfBlock, type PassInput } from './pass-input';
import { memoryArgument, moduleBytes, OP, signedLeb, VOID_BLOCK } from './wasm-binary';

// The grouping pass compiled to WebAssembly, for re-rolls of large tables (see the package
// README for why it exists). The columns a pass reads are copied into a WebAssembly memory kept
// per table and reused while the table's version is unchanged.

const PAGE_BYTES = 65_536;
/** Keeps every address the pass computes below 2^31 (`i32` arithmetic). */
const MAX_MEMORY_BYTES = 2 ** 31 - PAGE_BYTES;
/** Locals of a pass after its parameters. */
const LOCALS = 7;

/** What a pass's memory belongs to: a table, whose version changes whenever its rows do. */
export interface KernelOwner {
  readonly version: number;
}

/**
 * An owner's memory, its instantiated passes, and where the columns copied at `version` sit
 * (each copy holds a column's first `rows` rows).
 */
interface KernelMemory {
  readonly memory: WebAssembly.Memory;
  readonly passes: Map<string, (...parameters: number[]) => void>;
  readonly copies: Map<ArrayLike<number>, number>;
  version: number;
  rows: number;
  /** End of the copies; a pass's scratch (ranges, filters, block) starts here. */
  top: number;
}

/** How one array's elements load: codes as `i32`, metric values as `f64`. */
type Kind = 'c1' | 'c2' | 'c4' | 'v1' | 'v2' | 'v4' | 'f64';

type Column = CodeArray | MetricValues;

const memories = new WeakMap<KernelOwner, KernelMemory>();
const modules = new Map<string, WebAssembly.Module>();
let available: boolean | undefined;

function kindOf(array: Column, prefix: 'c' | 'v'): Kind {
  return array instanceof Float64Array ? 'f64' : (`${prefix}${array.BYTES_PER_ELEMENT}` as Kind);
}

/** Instructions pushing element `row` of the array at local `pointer`. */
function load(kind: Kind, pointer: number, row: number): number[] {
  const bytes = kind === 'f64' ? 8 : Number(kind[1]);
  const address = [OP.localGet, pointer, OP.localGet, row];
  if (bytes > 1) address.push(OP.i32Const, Math.log2(bytes), OP.i32Shl);
  address.push(OP.i32Add);
  if (kind === 'f64') return [...address, OP.f64Load, ...memoryArgument(3)];
  const opcode = bytes === 1 ? OP.i32Load8U : bytes === 2 ? OP.i32Load16U : OP.i32Load;
  const loaded = [...address, opcode, ...memoryArgument(Math.log2(bytes))];
  return kind[0] === 'v' ? [...loaded, OP.f64ConvertI32U] : loaded;
}

/**
 * The pass's body. Parameters: ranges (16-byte entries: start, end, offset), range count, per
 * axis (codes, stride), per filter (codes, allowed), per metric (values), block, trash. Array
 * pointers point at element 0.
 */
function passBody(kinds: readonly Kind[], axisCount: number, filterCount: number): number[] {
  const axisAt = (axis: number) => 2 + axis * 2;
  const filterAt = (filter: number) => 2 + axisCount * 2 + filter * 2;
  const metricAt = (metric: number) => 2 + (axisCount + filterCount) * 2 + metric;
  const metricCount = kinds.length - axisCount - filterCount;
  const block = metricAt(metricCount);
  const trash = block + 1;
  const [range, row, end, offset, group, at, entry] = indices(LOCALS, trash + 1) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const body: number[] = [OP.block, VOID_BLOCK, OP.loop, VOID_BLOCK];
  body.push(OP.localGet, range, OP.localGet, 1, OP.i32GeU, OP.brIf, 1);
  body.push(OP.localGet, 0, OP.localGet, range, OP.i32Const, 4, OP.i32Shl, OP.i32Add);
  body.push(OP.localTee, entry, OP.i32Load, ...memoryArgument(2, 0), OP.localSet, row);
  body.push(OP.localGet, entry, OP.i32Load, ...memoryArgument(2, 4), OP.localSet, end);
  body.push(OP.localGet, entry, OP.i32Load, ...memoryArgument(2, 8), OP.localSet, offset);
  body.push(OP.block, VOID_BLOCK, OP.loop, VOID_BLOCK);
  body.push(OP.localGet, row, OP.localGet, end, OP.i32GeU, OP.brIf, 1);
  body.push(OP.localGet, offset);
  for (let axis = 0; axis < axisCount; axis += 1) {
    body.push(...load(kinds[axis] as Kind, axisAt(axis), row));
    body.push(OP.localGet, axisAt(axis) + 1, OP.i32Mul, OP.i32Add);
  }
  body.push(OP.localSet, group);
  for (let filter = 0; filter < filterCount; filter += 1) {
    // group = allowed[code] == 0 ? trash : group
    body.push(OP.localGet, trash, OP.localGet, group, OP.localGet, filterAt(filter) + 1);
    body.push(...load(kinds[axisCount + filter] as Kind, filterAt(filter), row), OP.i32Add);
    body.push(OP.i32Load8U, ...memoryArgument(0), OP.i32Eqz, OP.select, OP.localSet, group);
  }
  const width = (metricCount + 1) * 8;
  body.push(OP.localGet, block, OP.localGet, group, OP.i32Const, ...signedLeb(width), OP.i32Mul);
  body.push(OP.i32Add, OP.localTee, at, OP.localGet, at, OP.f64Load, ...memoryArgument(3));
  body.push(OP.f64Const, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, OP.f64Add, OP.f64Store);
  body.push(...memoryArgument(3));
  for (let metric = 0; metric < metricCount; metric += 1) {
    const sumOffset = (metric + 1) * 8;
    body.push(OP.localGet, at, OP.localGet, at, OP.f64Load, ...memoryArgument(3, sumOffset));
    body.push(...load(kinds[axisCount + filterCount + metric] as Kind, metricAt(metric), row));
    body.push(OP.f64Add, OP.f64Store, ...memoryArgument(3, sumOffset));
  }
  body.push(OP.localGet, row, OP.i32Const, 1, OP.i32Add, OP.localSet, row, OP.br, 0);
  body.push(OP.end, OP.end);
  body.push(OP.localGet, range, OP.i32Const, 1, OP.i32Add, OP.localSet, range, OP.br, 0);
  body.push(OP.end, OP.end);
  return body;
}

function indices(count: number, first = 0): number[] {
  return Array.from({ length: count }, (_, index) => first + index);
}

function moduleFor(kinds: readonly Kind[], axisCount: number, filterCount: number) {
  const key = `${kinds.join(',')}|${axisCount}|${filterCount}`;
  let compiled = modules.get(key);
  if (compiled === undefined) {
    const parameters = 2 + (axisCount + filterCount) * 2 + (kinds.length - axisCount - filterCount);
    compiled = new WebAssembly.Module(
      moduleBytes({
        name: 'pass',
        parameters: parameters + 2,
        locals: LOCALS,
        body: passBody(kinds, axisCount, filterCount),
      }),
    );
    modules.set(key, compiled);
  }
  return { key, compiled };
}

/**
 * Tells whether the runtime compiles WebAssembly from bytes (a Content-Security-Policy without
 * `wasm-unsafe-eval` and some edge runtimes forbid it).
 *
 * @returns Whether it does (checked once).
 */
function wasmAllowed(): boolean {
  if (available === undefined) {
    try {
      moduleFor(['c1', 'c1', 'v4', 'f64'], 1, 1);
      available = true;
    } catch {
      available = false;
    }
  }
  return available;
}

function kernelMemory(owner: KernelOwner): KernelMemory | undefined {
  let kernel = memories.get(owner);
  if (kernel === undefined) {
    const memory = noMemoryAsUndefined(() => new WebAssembly.Memory({ initial: 0 }));
    if (memory === undefined) return undefined;
    kernel = { memory, passes: new Map(), copies: new Map(), version: -1, rows: 0, top: 0 };
    memories.set(owner, kernel);
  }
  return kernel;
}

/**
 * Bytes of WebAssembly memory the passes of an owner hold.
 *
 * @param owner The owner (a table).
 *
 * @returns The bytes.
 */
export function kernelMemoryBytes(owner: KernelOwner): number {
  return memories.get(owner)?.memory.buffer.byteLength ?? 0;
}

const align = (bytes: number) => (bytes + 7) & ~7;

/**
 * Runs an allocation of WebAssembly memory: a runtime throws a RangeError when it has none to
 * give (then the caller runs a JavaScript pass); anything else is a defect and is rethrown.
 */
function noMemoryAsUndefined<TResult>(allocate: () => TResult): TResult | undefined {
  try {
    return allocate();
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/**
 * Places the first `rows` rows of each column in the kernel memory, reusing copies made at the
 * owner's version, with `scratchBytes` free after them.
 *
 * @returns Per column, where its copy starts; undefined when the memory would be too large.
 */
function placeColumns(
  kernel: KernelMemory,
  version: number,
  columns: readonly Column[],
  rows: number,
  scratchBytes: number,
): number[] | undefined {
  // Copies are made at the kept copies' length, which may exceed this pass's rows.
  const bytesOf = (list: readonly Column[]) =>
    list.reduce((bytes, column) => bytes + align(kernel.rows * column.BYTES_PER_ELEMENT), 0);
  const unique = [...new Set(columns)];
  const restart = () => {
    Object.assign(kernel, { version, rows, top: 0 });
    kernel.copies.clear();
  };
  if (kernel.version !== version || kernel.rows < rows) restart();
  let missing = unique.filter((column) => !kernel.copies.has(column));
  if (kernel.top + bytesOf(missing) + scratchBytes > MAX_MEMORY_BYTES) {
    restart();
    missing = unique;
    if (bytesOf(missing) + scratchBytes > MAX_MEMORY_BYTES) return undefined;
  }
  const needed = kernel.top + bytesOf(missing) + scratchBytes;
  const pages = Math.ceil((needed - kernel.memory.buffer.byteLength) / PAGE_BYTES);
  if (pages > 0 && noMemoryAsUndefined(() => kernel.memory.grow(pages)) === undefined) {
    return undefined;
  }
  for (const column of missing) {
    const copy = new (
      column.constructor as new (
        buffer: ArrayBuffer,
        at: number,
        length: number,
      ) => Column
    )(kernel.memory.buffer, kernel.top, kernel.rows);
    copy.set(column.subarray(0, kernel.rows));
    kernel.copies.set(column, kernel.top);
    kernel.top += align(kernel.rows * column.BYTES_PER_ELEMENT);
  }
  return columns.map((column) => kernel.copies.get(column) as number);
}

/**
 * Runs the grouping pass in WebAssembly, in a memory kept for the owner: column copies made at
 * the owner's current version are reused by its next passes, and freed with the owner.
 *
 * @param input What to read; `space` must keep the block's addresses below 2^31.
 * @param owner Whose memory the pass uses (the table the columns belong to).
 *
 * @returns The groups with rows, by ascending id; undefined when WebAssembly cannot be compiled
 *   here or no memory of the size needed can be had (the caller then runs a JavaScript pass).
 */
export function wasmPass(input: PassInput, owner: KernelOwner): GroupSums | undefined {
  if (!wasmAllowed()) return undefined;
  const entries: number[] = [];
  let rows = 0;
  input.offsets.forEach((offset, bucket) => {
    if (offset < 0) return;
    const ranges = input.bucketRanges[bucket] as readonly number[];
    for (let index = 0; index < ranges.length; index += 2) {
      entries.push(ranges[index] as number, ranges[index + 1] as number, offset, 0);
      rows = Math.max(rows, ranges[index + 1] as number);
    }
  });
  const width = input.values.length + 1;
  const blockLength = (input.space + 1) * width;
  const allowedBytes = input.allowed.reduce((bytes, allowed) => bytes + align(allowed.length), 0);
  const scratchBytes = entries.length * 4 + allowedBytes + blockLength * 8;
  const columns = [...input.codes, ...input.filterCodes, ...input.values];
  const kernel = kernelMemory(owner);
  if (kernel === undefined) return undefined;
  const pointers = placeColumns(kernel, owner.version, columns, rows, scratchBytes);
  if (pointers === undefined) return undefined;
  const buffer = kernel.memory.buffer;
  let scratch = kernel.top;
  const take = (bytes: number) => {
    const at = scratch;
    scratch += align(bytes);
    return at;
  };
  const rangesAt = take(entries.length * 4);
  new Int32Array(buffer, rangesAt, entries.length).set(entries);
  const parameters = [rangesAt, entries.length / 4];
  input.strides.forEach((stride, axis) => {
    parameters.push(pointers[axis] as number, stride);
  });
  input.allowed.forEach((allowed, filter) => {
    const at = take(allowed.length);
    new Uint8Array(buffer, at, allowed.length).set(allowed);
    parameters.push(pointers[input.codes.length + filter] as number, at);
  });
  parameters.push(...pointers.slice(input.codes.length + input.filterCodes.length));
  const blockAt = take(blockLength * 8);
  const block = new Float64Array(buffer, blockAt, blockLength);
  block.fill(0);
  parameters.push(blockAt, input.space);
  const kinds = [
    ...input.codes.map((codes) => kindOf(codes, 'c')),
    ...input.filterCodes.map((codes) => kindOf(codes, 'c')),
    ...input.values.map((values) => kindOf(values, 'v')),
  ];
  const { key, compiled } = moduleFor(kinds, input.codes.length, input.filterCodes.length);
  let pass = kernel.passes.get(key);
  if (pass === undefined) {
    const instance = new WebAssembly.Instance(compiled, { env: { memory: kernel.memory } });
    pass = instance.exports.pass as (...parameters: number[]) => void;
    kernel.passes.set(key, pass);
  }
  pass(...parameters);
  return groupSumsOfBlock(block, width, input.space);
}
