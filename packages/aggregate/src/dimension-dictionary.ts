import { compareValues, type DimensionValue } from './fields';

/** Code of `null` ("not grouped", or a field the endpoint does not have). */
export const NULL_CODE = 0;
/** Code of the flag `false`. */
const FALSE_CODE = 1;
/** Code of the flag `true`. */
export const TRUE_CODE = 2;

/** Sets of a dictionary's recent-string cache (a power of two). */
const RECENT_SETS = 512;

/** Entries per set: two values that look alike to the set hash both stay cached. */
const RECENT_WAYS = 2;

/**
 * Source of the expression that picks the first entry of a string's set in the recent-string
 * cache, for generated code. It multiplies the length and five characters (the last two, the
 * two around the middle and the one at a quarter: ids differ most at their ends, model names
 * such as `gpt-5-mini-...` and `gpt-5-nano-...` in the middle) by a golden-ratio constant and
 * keeps the top bits. A position before the start gives NaN, which the shifts turn into 0.
 *
 * @param name The variable holding the string.
 *
 * @returns The expression (an even index below `RECENT_SETS * RECENT_WAYS`).
 */
export function recentSet(name: string): string {
  const at = (position: string) => `${name}.charCodeAt(${position})`;
  const mixed = [
    `${name}.length`,
    `(${at(`${name}.length - 1`)} << 8)`,
    `(${at(`${name}.length - 2`)} << 16)`,
    `(${at(`${name}.length >> 1`)} << 24)`,
    `(${at(`(${name}.length >> 1) - 1`)} << 12)`,
    `(${at(`${name}.length >> 2`)} << 4)`,
  ].join(' ^ ');
  const bits = Math.log2(RECENT_SETS * RECENT_WAYS);
  return `((Math.imul(${mixed}, 0x9e3779b1) >>> ${32 - bits}) & ${RECENT_SETS * RECENT_WAYS - RECENT_WAYS})`;
}

/**
 * Dictionary of one dimension's values. `null`, `false` and `true` have fixed codes, so a flag
 * never merges with the strings `"true"`/`"false"` and "not grouped" never merges with a real id.
 * Strings get codes in first-seen order.
 */
export class DimensionDictionary {
  /** String to code. A `Map`, so untrusted ids such as `__proto__` are plain keys. */
  readonly codes = new Map<string, number>();
  /** Code to value. */
  readonly values: DimensionValue[] = [null, false, true];
  /**
   * A two-way set-associative cache of recently encoded strings (set from {@link recentSet}),
   * read by generated readers before the Map: a hit costs a few character loads and one or two
   * comparisons. A new string takes the set's first entry and moves the old one to the second.
   * Entries stay valid for the dictionary's life, since codes never change.
   */
  readonly recentStrings: Array<string | undefined> = new Array(RECENT_SETS * RECENT_WAYS).fill(
    undefined,
  );
  /** Codes of {@link DimensionDictionary.recentStrings}, entry by entry. */
  readonly recentCodes = new Int32Array(RECENT_SETS * RECENT_WAYS);
  #order: DictionaryOrder | undefined;

  /** How many codes exist (including the three fixed ones). */
  get size(): number {
    return this.values.length;
  }

  /**
   * Returns the code of a string, adding it when new.
   *
   * @param value The string.
   *
   * @returns Its code.
   */
  encodeString(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.codes.set(value, code);
      this.values.push(value);
    }
    return code;
  }

  /**
   * Returns the code of a value without adding it, or -1 when the value was never seen.
   *
   * @param value The value.
   *
   * @returns Its code, or -1.
   */
  lookup(value: DimensionValue): number {
    if (value === null) return NULL_CODE;
    if (value === false) return FALSE_CODE;
    if (value === true) return TRUE_CODE;
    return this.codes.get(value) ?? -1;
  }

  /**
   * The dictionary's values in sorted order (see {@link compareValues}), cached until it grows.
   *
   * @returns The rank of each code, and the values in rank order.
   */
  sortedOrder(): DictionaryOrder {
    if (this.#order?.rank.length === this.size) return this.#order;
    const codes = this.values.map((_, code) => code);
    codes.sort((left, right) =>
      compareValues(this.values[left] as DimensionValue, this.values[right] as DimensionValue),
    );
    const rank = new Int32Array(this.size);
    codes.forEach((code, position) => {
      rank[code] = position;
    });
    this.#order = { rank, values: codes.map((code) => this.values[code] as DimensionValue) };
    return this.#order;
  }
}

/** A dictionary's values in sorted order. */
export interface DictionaryOrder {
  /** Rank of each code in value order. */
  readonly rank: Int32Array;
  /** Values in rank order. */
  readonly values: readonly DimensionValue[];
}
