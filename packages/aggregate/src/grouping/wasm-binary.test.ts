import { describe, expect, test } from 'vitest';
import { memoryArgument, moduleBytes, OP, signedLeb, unsignedLeb } from './wasm-binary';

describe('LEB128', () => {
  test('unsigned numbers take 7 bits a byte, low bits first', () => {
    expect(unsignedLeb(0)).toEqual([0x00]);
    expect(unsignedLeb(127)).toEqual([0x7f]);
    expect(unsignedLeb(128)).toEqual([0x80, 0x01]);
    expect(unsignedLeb(624_485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(unsignedLeb(2 ** 32 - 1)).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
  });

  test('signed numbers end when the rest is all sign bits', () => {
    expect(signedLeb(0)).toEqual([0x00]);
    expect(signedLeb(63)).toEqual([0x3f]);
    expect(signedLeb(64)).toEqual([0xc0, 0x00]);
    expect(signedLeb(-1)).toEqual([0x7f]);
    expect(signedLeb(-123_456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(signedLeb(-(2 ** 31))).toEqual([0x80, 0x80, 0x80, 0x80, 0x78]);
  });

  test('a memory argument is the alignment, then the offset', () => {
    expect(memoryArgument(3, 200)).toEqual([0x03, 0xc8, 0x01]);
  });
});

describe('moduleBytes', () => {
  test('builds a valid module whose function reads and writes the imported memory', () => {
    // store(p0, load(p0) + p1): the smallest function that touches memory and parameters.
    const bytes = moduleBytes({
      name: 'add',
      parameters: 2,
      locals: 1,
      body: [
        ...[OP.localGet, 0, OP.localGet, 0, OP.i32Load, ...memoryArgument(2)],
        ...[OP.localGet, 1, OP.i32Add, OP.localTee, 2, OP.i32Store, ...memoryArgument(2)],
      ],
    });
    expect(WebAssembly.validate(bytes)).toBe(true);
    const memory = new WebAssembly.Memory({ initial: 1 });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    const cells = new Int32Array(memory.buffer);
    cells[2] = 40;
    (instance.exports.add as (address: number, value: number) => void)(8, 2);
    expect(cells[2]).toBe(42);
  });
});
