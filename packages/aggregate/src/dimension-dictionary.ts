import type { DimensionValue } from './fields';

/** Code of `null` ("not grouped", or a field the endpoint does not have). */
export const NULL_CODE = 0;
/** Code of the flag `false`. */
export const FALSE_CODE = 1;
/** Code of the flag `true`. */
export const TRUE_CODE = 2;
/** First code given to a string. */
export const FIRST_STRING_CODE = 3;

/** Slots of a dictionary's recent-string cache (a power of two). */
export const RECENT_SLOTS = 256;

/**
 * Source of the expression that picks a string's slot in the recent-string cache, for generated
 * code: mixes its length and three characters (ids differ most at their ends). An empty string
 * gives NaN, which `& (RECENT_SLOTS - 1)` turns into slot 0.
 *
 * @param name The variable holding the string.
 *
 * @returns The expression.
 */
export function recentSlot(name: string): string {
  return `((${name}.length * 131 + ${name}.charCodeAt(${name}.length - 1) * 31 + ${name}.charCodeAt(${name}.length - 2) * 7 + ${name}.charCodeAt(${name}.length >> 1)) & ${RECENT_SLOTS - 1})`;
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
   * A direct-mapped cache of recently encoded strings (slot from {@link recentSlot}), read by
   * generated readers before the Map: a hit costs a few character loads and one comparison.
   * Entries stay valid for the dictionary's life, since codes never change.
   */
  readonly recentStrings: Array<string | undefined> = new Array(RECENT_SLOTS).fill(undefined);
  /** Codes of {@link DimensionDictionary.recentStrings}, slot by slot. */
  readonly recentCodes = new Int32Array(RECENT_SLOTS);

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
}
