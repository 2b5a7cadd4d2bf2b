const encoder = new TextEncoder();

const ZERO = 48;
const INITIAL_CAPACITY = 64 * 1024;
const SMALL_INTEGER_LIMIT = 2 ** 31;

/**
 * Encodes text that is known to be JSON already (keys, punctuation, or `JSON.stringify` of an
 * untrusted value) to UTF-8 once, so it can be copied into many answers.
 *
 * @param json The JSON text.
 *
 * @returns Its UTF-8 bytes.
 */
export function jsonBytes(json: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(json);
}

/**
 * Writes JSON as UTF-8 bytes into a growing buffer: pre-encoded fragments are copied, integers are
 * written digit by digit, so building an answer allocates no strings per value.
 */
export class JsonWriter {
  #buffer = new Uint8Array(INITIAL_CAPACITY);
  #length = 0;

  #reserve(extra: number): void {
    const needed = this.#length + extra;
    if (needed <= this.#buffer.length) return;
    let capacity = this.#buffer.length * 2;
    while (capacity < needed) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.#buffer.subarray(0, this.#length));
    this.#buffer = grown;
  }

  /**
   * Starts a new answer, keeping the buffer.
   */
  reset(): void {
    this.#length = 0;
  }

  /**
   * Copies pre-encoded bytes.
   *
   * @param chunk UTF-8 JSON bytes.
   */
  bytes(chunk: Uint8Array): void {
    this.#reserve(chunk.length);
    this.#buffer.set(chunk, this.#length);
    this.#length += chunk.length;
  }

  /**
   * Writes one ASCII character.
   *
   * @param code Its character code.
   */
  byte(code: number): void {
    this.#reserve(1);
    this.#buffer[this.#length++] = code;
  }

  /**
   * Writes text made only of ASCII characters that need no escaping (digits, ids the mock made,
   * `String(number)`).
   *
   * @param text The text.
   */
  ascii(text: string): void {
    this.#reserve(text.length);
    const buffer = this.#buffer;
    let at = this.#length;
    for (let index = 0; index < text.length; index++) buffer[at++] = text.charCodeAt(index);
    this.#length = at;
  }

  /**
   * Writes a finite number as JSON: non-negative safe integers digit by digit, anything else as
   * `String(value)` (the same text `JSON.stringify` gives).
   *
   * @param value The number.
   */
  number(value: number): void {
    if (!(value >= 0 && value <= Number.MAX_SAFE_INTEGER && Math.floor(value) === value)) {
      this.ascii(String(value));
      return;
    }
    let digits = 1;
    for (let power = 10; power <= value && digits < 16; power *= 10) digits++;
    this.#reserve(digits);
    const buffer = this.#buffer;
    let at = this.#length + digits;
    let rest = value;
    while (rest >= SMALL_INTEGER_LIMIT) {
      const next = Math.floor(rest / 10);
      buffer[--at] = ZERO + (rest - next * 10);
      rest = next;
    }
    // Below 2^31 the digits come from fast int32 arithmetic.
    do {
      const next = (rest / 10) | 0;
      buffer[--at] = ZERO + (rest - next * 10);
      rest = next;
    } while (rest > 0);
    this.#length += digits;
  }

  /**
   * Copies what was written since the last {@link reset}.
   *
   * @returns A copy, independent of this writer.
   */
  copy(): Uint8Array<ArrayBuffer> {
    return this.#buffer.slice(0, this.#length);
  }
}
