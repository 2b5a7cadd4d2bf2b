/**
 * A small least-recently-used cache, bounded by a total weight (by default, one per entry): the
 * mock's bound on memory for hour and minute splits and for serialized buckets.
 */
export class LruCache<TKey, TValue> {
  readonly #capacity: number;
  readonly #weigh: (value: TValue) => number;
  readonly #entries = new Map<TKey, TValue>();
  #weight = 0;

  /**
   * @param capacity The largest total weight kept; least recently used entries are dropped beyond it.
   * @param weigh The weight of a value. @default one per entry
   */
  constructor(capacity: number, weigh: (value: TValue) => number = () => 1) {
    this.#capacity = capacity;
    this.#weigh = weigh;
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
   * Stores an entry, dropping least recently used ones while over capacity. A value heavier than
   * the whole capacity is not kept.
   *
   * @param key The key.
   * @param value The value.
   */
  set(key: TKey, value: TValue): void {
    const previous = this.#entries.get(key);
    if (previous !== undefined) {
      this.#entries.delete(key);
      this.#weight -= this.#weigh(previous);
    }
    const weight = this.#weigh(value);
    if (weight > this.#capacity) return;
    this.#entries.set(key, value);
    this.#weight += weight;
    while (this.#weight > this.#capacity) {
      const oldest = this.#entries.entries().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value[0]);
      this.#weight -= this.#weigh(oldest.value[1]);
    }
  }
}
