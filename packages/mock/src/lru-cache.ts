/** A small least-recently-used cache: the mock's bound on memory for hour and minute splits. */
export class LruCache<TKey, TValue> {
  readonly #capacity: number;
  readonly #entries = new Map<TKey, TValue>();

  /**
   * @param capacity The most entries kept; the least recently used one is dropped beyond it.
   */
  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /**
   * Reads an entry and marks it as recently used.
   *
   * @param key The key.
   *
   * @returns The value, or `undefined`.
   */
  get(key: TKey): TValue | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  /**
   * Stores an entry, dropping the least recently used one when full.
   *
   * @param key The key.
   * @param value The value.
   */
  set(key: TKey, value: TValue): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }
}
