/**
 * One allocation carved into typed-array views, so growing a table allocates one buffer for all
 * of its columns instead of one per column: far fewer backing stores for the garbage collector
 * to account for, which is most of the cost of growing while large parsed pages are alive.
 */
export class ColumnArena {
  readonly #buffer: ArrayBuffer;
  #offset = 0;

  /**
   * @param byteLength Total bytes, the sum of {@link ColumnArena.size} of every view.
   */
  constructor(byteLength: number) {
    this.#buffer = new ArrayBuffer(byteLength);
  }

  /**
   * Bytes a view of `byteLength` bytes takes in an arena (views start 8-byte aligned).
   *
   * @param byteLength The view's bytes.
   *
   * @returns The bytes it reserves.
   */
  static size(byteLength: number): number {
    return (byteLength + 7) & ~7;
  }

  #take(byteLength: number): number {
    const offset = this.#offset;
    this.#offset += ColumnArena.size(byteLength);
    return offset;
  }

  /**
   * @param length Elements.
   * @returns A zeroed `Int32Array` view.
   */
  int32(length: number): Int32Array {
    return new Int32Array(this.#buffer, this.#take(length * 4), length);
  }

  /**
   * @param length Elements.
   * @returns A zeroed `Uint16Array` view.
   */
  uint16(length: number): Uint16Array {
    return new Uint16Array(this.#buffer, this.#take(length * 2), length);
  }

  /**
   * @param length Elements.
   * @returns A zeroed `Uint32Array` view.
   */
  uint32(length: number): Uint32Array {
    return new Uint32Array(this.#buffer, this.#take(length * 4), length);
  }

  /**
   * @param length Elements.
   * @returns A zeroed `Float64Array` view.
   */
  float64(length: number): Float64Array {
    return new Float64Array(this.#buffer, this.#take(length * 8), length);
  }

  /**
   * @param length Elements.
   * @returns A zeroed `Uint8Array` view.
   */
  uint8(length: number): Uint8Array {
    return new Uint8Array(this.#buffer, this.#take(length), length);
  }
}
