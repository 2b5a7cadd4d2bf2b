import type { DimensionValue } from './fields';

/** Code of `null` ("not grouped", or a field the endpoint does not have). */
export const NULL_CODE = 0;
/** Code of the flag `false`. */
export const FALSE_CODE = 1;
/** Code of the flag `true`. */
export const TRUE_CODE = 2;
/** First code given to a string. */
export const FIRST_STRING_CODE = 3;

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
