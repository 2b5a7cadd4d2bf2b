/**
 * The few pieces of the WebAssembly binary format the engine emits: one module importing a
 * memory and exporting one function of `i32` parameters. Spelled out in the order of the
 * specification (https://webassembly.github.io/spec/core/binary/), so a reader can check each
 * byte against it.
 */

/** Instruction opcodes used by the generated passes. */
export const OP = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  select: 0x1b,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Load: 0x28,
  f64Load: 0x2b,
  i32Load8U: 0x2d,
  i32Load16U: 0x2f,
  i32Store: 0x36,
  f64Store: 0x39,
  i32Const: 0x41,
  f64Const: 0x44,
  i32Eqz: 0x45,
  i32Ne: 0x47,
  i32GeU: 0x4f,
  f64Eq: 0x61,
  i32Add: 0x6a,
  i32Mul: 0x6c,
  i32Shl: 0x74,
  f64Add: 0xa0,
  f64ConvertI32U: 0xb8,
} as const;

/** The block type of a `block`, `loop` or `if` that leaves nothing on the stack. */
export const VOID_BLOCK = 0x40;

const I32 = 0x7f;

/**
 * An unsigned LEB128 number.
 *
 * @param value A non-negative integer below 2^32.
 *
 * @returns Its bytes.
 */
export function unsignedLeb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value >>> 0;
  do {
    const low = rest & 0x7f;
    rest >>>= 7;
    bytes.push(rest === 0 ? low : low | 0x80);
  } while (rest !== 0);
  return bytes;
}

/**
 * A signed LEB128 number (the immediate of `i32.const`).
 *
 * @param value An integer in the `i32` range.
 *
 * @returns Its bytes.
 */
export function signedLeb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value | 0;
  for (;;) {
    const low = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (low & 0x40) === 0) || (rest === -1 && (low & 0x40) !== 0);
    bytes.push(done ? low : low | 0x80);
    if (done) return bytes;
  }
}

/**
 * The memory argument of a load or store.
 *
 * @param alignment Log2 of the access's alignment (0 for bytes, 2 for `i32`, 3 for `f64`).
 * @param offset A constant added to the address.
 *
 * @returns Its bytes.
 */
export function memoryArgument(alignment: number, offset = 0): number[] {
  return [...unsignedLeb(alignment), ...unsignedLeb(offset)];
}

function section(id: number, content: readonly number[]): number[] {
  return [id, ...unsignedLeb(content.length), ...content];
}

function name(text: string): number[] {
  const bytes = Array.from(text, (character) => character.charCodeAt(0));
  return [...unsignedLeb(bytes.length), ...bytes];
}

/** The one function of a module from {@link moduleBytes}. */
export interface WasmFunction {
  /** Its export name. */
  readonly name: string;
  /** How many `i32` parameters it takes (locals `0 .. parameters - 1`). */
  readonly parameters: number;
  /** How many `i32` locals follow the parameters. */
  readonly locals: number;
  /** Its instructions, without the closing `end`. */
  readonly body: readonly number[];
}

/**
 * A module that imports `env.memory` and exports one function returning nothing.
 *
 * @param exported The function.
 *
 * @returns The module's bytes, ready for `new WebAssembly.Module`.
 */
export function moduleBytes(exported: WasmFunction): Uint8Array<ArrayBuffer> {
  const functionType = [0x60, ...unsignedLeb(exported.parameters)];
  for (let index = 0; index < exported.parameters; index += 1) functionType.push(I32);
  functionType.push(0x00);
  const locals = exported.locals === 0 ? [0x00] : [0x01, ...unsignedLeb(exported.locals), I32];
  const code = [...locals, ...exported.body, OP.end];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(0x01, [0x01, ...functionType]),
    // One import: a memory of at least 0 pages, no maximum.
    ...section(0x02, [0x01, ...name('env'), ...name('memory'), 0x02, 0x00, 0x00]),
    ...section(0x03, [0x01, 0x00]),
    ...section(0x07, [0x01, ...name(exported.name), 0x00, 0x00]),
    ...section(0x0a, [0x01, ...unsignedLeb(code.length), ...code]),
  ]);
}
