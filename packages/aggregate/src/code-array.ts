import type { ColumnArena } from './column-arena';

/**
 * Dictionary codes of one dimension, one per row, in the narrowest array that holds every code
 * so far: 1 byte a row up to 256 distinct values, 2 bytes up to 65,536, 4 bytes beyond. Fewer
 * bytes mean less memory, less garbage-collector pressure while ingesting and less memory
 * traffic in every roll-up.
 */
export type CodeArray = Uint8Array | Uint16Array | Int32Array;

/**
 * The largest code an array can hold.
 *
 * @param codes The array.
 *
 * @returns Its largest code.
 */
export function maxCodeOf(codes: CodeArray): number {
  if (codes.BYTES_PER_ELEMENT === 1) return 0xff;
  if (codes.BYTES_PER_ELEMENT === 2) return 0xffff;
  return 0x7fffffff;
}

/**
 * Bytes per row a dictionary of a size needs.
 *
 * @param size Codes in the dictionary (the largest code is `size - 1`).
 *
 * @returns 1, 2 or 4.
 */
export function codeBytesFor(size: number): 1 | 2 | 4 {
  if (size <= 0x100) return 1;
  if (size <= 0x10000) return 2;
  return 4;
}

/**
 * Allocates a zeroed code array.
 *
 * @param bytesPerCode 1, 2 or 4 (see {@link codeBytesFor}).
 * @param length Rows.
 * @param arena Where to carve it from; a fresh buffer when omitted.
 *
 * @returns The array.
 */
export function allocateCodes(
  bytesPerCode: number,
  length: number,
  arena?: ColumnArena,
): CodeArray {
  if (bytesPerCode === 1) return arena ? arena.uint8(length) : new Uint8Array(length);
  if (bytesPerCode === 2) return arena ? arena.uint16(length) : new Uint16Array(length);
  return arena ? arena.int32(length) : new Int32Array(length);
}

/**
 * Copies codes into an array wide enough for a dictionary of `size` codes.
 *
 * @param codes The current codes.
 * @param size The dictionary's size.
 *
 * @returns A wider copy, or `codes` itself when it is wide enough.
 */
export function widenCodes(codes: CodeArray, size: number): CodeArray {
  const bytes = codeBytesFor(size);
  if (bytes <= codes.BYTES_PER_ELEMENT) return codes;
  const wider = allocateCodes(bytes, codes.length);
  wider.set(codes);
  return wider;
}
