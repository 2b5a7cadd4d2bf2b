import * as v from 'valibot';
import { DriftCollector } from './drift';
import {
  BOOLEAN_FIELD,
  CUSTOM_FIELD,
  type FieldCheck,
  INTEGER_FIELD,
  LITERAL_FIELD,
  NUMBER_FIELD,
  OBJECT_FIELD,
  type ObjectChecks,
  STRING_FIELD,
  UNKNOWN_FIELD,
  unknownFieldCheck,
} from './field-check';

type JsonObject = Record<string, unknown>;

/** Whether valibot's object schemas would treat the value as an object (arrays included). */
function isObjectLike(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null;
}

/**
 * Whether a number a check accepted is one an honest answer holds: a counter is a non-negative
 * integer no larger than 2^53 - 1 (past it, JSON numbers are no longer exact; a non-finite
 * counter, JSON's `1e999`, is not an integer and fails validation outright); any other number
 * (money, quantities, which may be negative for credits) is finite and within ±(2^53 - 1).
 */
function isPlausibleNumber(kind: number, value: number): boolean {
  if (kind === INTEGER_FIELD) return value >= 0 && value <= Number.MAX_SAFE_INTEGER;
  return Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER;
}

function resultPath(bucketIndex: number, resultIndex: number): string {
  return `data[${bucketIndex}].results[${resultIndex}]`;
}

/**
 * The fast path of {@link parsePage}: walks a page once with plain checks, without copying it and
 * without allocating per result, and records drift as it goes. It only says whether the page is
 * valid; the caller asks valibot for detailed issues when it is not. An undocumented `object`
 * value is drift here, never a failure: the caller decides what drift means.
 *
 * Results are walked with `for...in` (V8 reads each value by the enum cache's field index). A
 * per-page cache of the checks by key position makes the key-to-check lookup an identity compare
 * for every result shaped like the one before it.
 */
export class PageChecker {
  /** Drift seen so far. */
  readonly drift = new DriftCollector();
  /** Whether any check failed. */
  failed = false;
  readonly #root: ObjectChecks;
  readonly #present: Int32Array;
  readonly #shape: FieldCheck[] = [];
  readonly #unknown = new Map<string, FieldCheck>();
  readonly #unknownCounts: number[] = [];
  readonly #unknownPaths: string[] = [];
  #results = 0;
  #bucketIndex = 0;
  #resultIndex = 0;

  /**
   * @param root The compiled checks of the endpoint's result schema.
   */
  constructor(root: ObjectChecks) {
    this.#root = root;
    this.#present = new Int32Array(root.checks.length);
  }

  /**
   * Checks a whole page: envelope, buckets and every result.
   *
   * @param page The parsed JSON body.
   */
  checkPage(page: unknown): void {
    if (!isObjectLike(page)) {
      this.failed = true;
      return;
    }
    this.#checkLiteral(page.object, 'page', 'object');
    if (typeof page.has_more !== 'boolean') this.failed = true;
    if (page.next_page !== null && typeof page.next_page !== 'string') this.failed = true;
    for (const key in page) {
      if (key !== 'object' && key !== 'data' && key !== 'has_more' && key !== 'next_page') {
        this.drift.add('unknown_field', key, key);
      }
    }
    const data = page.data;
    if (!Array.isArray(data)) {
      this.failed = true;
      return;
    }
    for (let bucketIndex = 0; bucketIndex < data.length; bucketIndex++) {
      this.#checkBucket(data[bucketIndex], bucketIndex);
    }
    this.#reportAbsentCounters();
    this.#reportUnknownFields();
  }

  #checkLiteral(value: unknown, expected: string, path: string): void {
    if (value === expected) return;
    if (typeof value === 'string') this.drift.add('unknown_object', value, path);
    else this.failed = true;
  }

  #checkBucket(bucket: unknown, bucketIndex: number): void {
    if (!isObjectLike(bucket)) {
      this.failed = true;
      return;
    }
    if (bucket.object !== 'bucket') {
      this.#checkLiteral(bucket.object, 'bucket', `data[${bucketIndex}].object`);
    }
    if (!Number.isInteger(bucket.start_time) || !Number.isInteger(bucket.end_time)) {
      this.failed = true;
    }
    if (bucket.results === undefined && Array.isArray(bucket.result)) {
      bucket.results = bucket.result;
      delete bucket.result;
      this.drift.add('renamed_field', 'result', `data[${bucketIndex}].result`);
    }
    for (const key in bucket) {
      if (key !== 'object' && key !== 'start_time' && key !== 'end_time' && key !== 'results') {
        this.drift.add('unknown_field', key, `data[${bucketIndex}].${key}`);
      }
    }
    const results = bucket.results;
    if (!Array.isArray(results)) {
      this.failed = true;
      return;
    }
    for (let resultIndex = 0; resultIndex < results.length; resultIndex++) {
      this.#checkResult(results[resultIndex], bucketIndex, resultIndex);
    }
  }

  #checkResult(result: unknown, bucketIndex: number, resultIndex: number): void {
    if (!isObjectLike(result)) {
      this.failed = true;
      return;
    }
    this.#results++;
    this.#bucketIndex = bucketIndex;
    this.#resultIndex = resultIndex;
    const shape = this.#shape;
    const present = this.#present;
    let position = 0;
    let required = 0;
    let valid = true;
    for (const key in result) {
      let check = shape[position];
      if (check === undefined || check.key !== key) {
        check = this.#lookUp(key, position, bucketIndex, resultIndex);
      }
      position++;
      if (check.kind === UNKNOWN_FIELD) {
        this.#unknownCounts[check.index] = (this.#unknownCounts[check.index] as number) + 1;
        continue;
      }
      present[check.index] = (present[check.index] as number) + 1;
      if (!check.optional) required++;
      const value = result[key];
      if (value === null) {
        if (!check.nullable) valid = false;
      } else if (!this.#accepts(check, value)) {
        if (check.discriminator && typeof value === 'string') {
          this.drift.add('unknown_object', value, `${resultPath(bucketIndex, resultIndex)}.object`);
        } else {
          valid = false;
        }
      } else if (check.counter && !isPlausibleNumber(check.kind, value as number)) {
        this.drift.add('invalid_value', key, `${resultPath(bucketIndex, resultIndex)}.${key}`);
      }
    }
    if (required !== this.#root.requiredCount || !valid) this.failed = true;
  }

  #accepts(check: FieldCheck, value: unknown): boolean {
    switch (check.kind) {
      case INTEGER_FIELD:
        return Number.isInteger(value);
      case NUMBER_FIELD:
        return typeof value === 'number' && !Number.isNaN(value);
      case STRING_FIELD:
        return typeof value === 'string';
      case BOOLEAN_FIELD:
        return typeof value === 'boolean';
      case LITERAL_FIELD:
        return value === check.literal;
      case CUSTOM_FIELD:
        return (check.predicate as (value: unknown) => boolean)(value);
      case OBJECT_FIELD:
        return this.#acceptsNested(check, value);
      default:
        return v.is(check.schema as v.GenericSchema, value);
    }
  }

  #acceptsNested(check: FieldCheck, value: unknown): boolean {
    if (!isObjectLike(value)) return false;
    const nested = check.nested as ObjectChecks;
    let required = 0;
    let valid = true;
    for (const key in value) {
      const field = nested.byKey.get(key);
      if (field === undefined) {
        const path = `${resultPath(this.#bucketIndex, this.#resultIndex)}.${check.key}.${key}`;
        this.drift.add('unknown_field', `${check.key}.${key}`, path);
        continue;
      }
      if (!field.optional) required++;
      const fieldValue = value[key];
      if (fieldValue === null ? !field.nullable : !this.#accepts(field, fieldValue)) valid = false;
      else if (field.counter && !isPlausibleNumber(field.kind, fieldValue as number)) {
        const path = `${resultPath(this.#bucketIndex, this.#resultIndex)}.${check.key}.${key}`;
        this.drift.add('invalid_value', `${check.key}.${key}`, path);
      }
    }
    return valid && required === nested.requiredCount;
  }

  #lookUp(key: string, position: number, bucketIndex: number, resultIndex: number): FieldCheck {
    let check = this.#root.byKey.get(key) ?? this.#unknown.get(key);
    if (check === undefined) {
      check = unknownFieldCheck(key, this.#unknownCounts.length);
      this.#unknown.set(key, check);
      this.#unknownCounts.push(0);
      this.#unknownPaths.push(`${resultPath(bucketIndex, resultIndex)}.${key}`);
    }
    this.#shape[position] = check;
    return check;
  }

  #reportAbsentCounters(): void {
    const checks = this.#root.checks;
    for (let index = 0; index < checks.length; index++) {
      const check = checks[index] as FieldCheck;
      const absent = this.#results - (this.#present[index] as number);
      if (check.counter && check.optional && absent > 0) {
        this.drift.add('absent_field', check.key, `data[].results[].${check.key}`, absent);
      }
    }
  }

  #reportUnknownFields(): void {
    for (const check of this.#unknown.values()) {
      this.drift.add(
        'unknown_field',
        check.key,
        this.#unknownPaths[check.index] as string,
        this.#unknownCounts[check.index],
      );
    }
  }
}
