import * as v from 'valibot';
import { DriftCollector, type DriftEntry } from './drift';
import type { EndpointDefinition } from './endpoint';
import { compileFieldChecks, type FieldCheck } from './field-check';
import type { Page } from './page';
import { type EndpointName, getEndpoint, type ResultOf } from './registry';

/**
 * How strictly a response is validated.
 * - `tolerant` (the default): undocumented fields and `object` values are kept and reported as
 *   drift; the page is accepted.
 * - `strict`: the same drift is reported as issues and the page is rejected.
 */
export type ValidationMode = 'strict' | 'tolerant';

/** One reason a page was rejected. */
export interface PageIssue {
  /** Where it failed, e.g. `data[2].results[0].input_tokens`. */
  readonly path: string;
  /** What is wrong. */
  readonly message: string;
  /** The value found there. */
  readonly input: unknown;
}

/** The outcome of {@link parsePage}. */
export type PageParse<TResult> =
  | {
      readonly success: true;
      readonly output: Page<TResult>;
      readonly drift: readonly DriftEntry[];
    }
  | {
      readonly success: false;
      readonly issues: readonly [PageIssue, ...PageIssue[]];
      readonly drift: readonly DriftEntry[];
    };

/** Options of {@link parsePage}. */
export interface ParsePageOptions {
  /** How strictly to validate. @default 'tolerant' */
  readonly mode?: ValidationMode | undefined;
}

type JsonObject = Record<string, unknown>;

const ENVELOPE_KEYS = new Set(['object', 'data', 'has_more', 'next_page']);
const BUCKET_KEYS = new Set(['object', 'start_time', 'end_time', 'results']);

let compiledChecks: WeakMap<object, FieldCheck[]> | undefined;

function checksFor(endpoint: EndpointDefinition): FieldCheck[] {
  compiledChecks ??= new WeakMap();
  let checks = compiledChecks.get(endpoint.resultSchema);
  if (!checks) {
    const entries = (
      endpoint.resultSchema as unknown as { entries: Record<string, v.GenericSchema> }
    ).entries;
    checks = compileFieldChecks(entries);
    compiledChecks.set(endpoint.resultSchema, checks);
  }
  return checks;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function formatPath(issue: v.BaseIssue<unknown>): string {
  let path = '';
  for (const item of issue.path ?? []) {
    const key = (item as { key: unknown }).key;
    path += typeof key === 'number' ? `[${key}]` : path === '' ? String(key) : `.${String(key)}`;
  }
  return path;
}

class PageChecker {
  readonly drift = new DriftCollector();
  failed = false;
  readonly #checks: FieldCheck[];
  readonly #known: Set<string>;
  readonly #present: Int32Array;
  readonly #tolerant: boolean;
  #results = 0;

  constructor(checks: FieldCheck[], tolerant: boolean) {
    this.#checks = checks;
    this.#known = new Set(checks.map((check) => check.key));
    this.#present = new Int32Array(checks.length);
    this.#tolerant = tolerant;
  }

  checkObjectLiteral(value: unknown, expected: string, path: string): void {
    if (value === expected) return;
    if (typeof value === 'string') this.drift.add('unknown_object', value, path);
    else this.failed = true;
  }

  reportUnknownKeys(object: JsonObject, known: ReadonlySet<string>, path: string): void {
    for (const key of Object.keys(object)) {
      if (!known.has(key)) this.drift.add('unknown_field', key, `${path}${path ? '.' : ''}${key}`);
    }
  }

  checkResult(result: unknown, path: string): void {
    this.#results++;
    if (!isObject(result)) {
      this.failed = true;
      return;
    }
    const checks = this.#checks;
    const present = this.#present;
    let known = 0;
    for (let index = 0; index < checks.length; index++) {
      const check = checks[index] as FieldCheck;
      const value = result[check.key];
      if (value === undefined) {
        if (!check.optional) this.failed = true;
        continue;
      }
      known++;
      present[index] = (present[index] as number) + 1;
      if (value === null) {
        if (!check.nullable) this.failed = true;
      } else if (!check.accepts(value)) {
        if (check.discriminator && this.#tolerant && typeof value === 'string') {
          this.drift.add('unknown_object', value, `${path}.object`);
        } else {
          this.failed = true;
        }
      }
    }
    let total = 0;
    for (const _ in result) total++;
    if (total !== known) this.reportUnknownKeys(result, this.#known, path);
  }

  reportAbsentCounters(): void {
    this.#checks.forEach((check, index) => {
      const absent = this.#results - (this.#present[index] as number);
      if (check.counter && check.optional && absent > 0) {
        this.drift.add('absent_field', check.key, `data[].results[].${check.key}`, absent);
      }
    });
  }
}

function checkEnvelope(page: JsonObject, checker: PageChecker): void {
  checker.checkObjectLiteral(page.object, 'page', 'object');
  if (typeof page.has_more !== 'boolean') checker.failed = true;
  if (page.next_page !== null && typeof page.next_page !== 'string') checker.failed = true;
  checker.reportUnknownKeys(page, ENVELOPE_KEYS, '');
  const data = page.data;
  if (!Array.isArray(data)) {
    checker.failed = true;
    return;
  }
  for (let bucketIndex = 0; bucketIndex < data.length; bucketIndex++) {
    const bucket = data[bucketIndex];
    const bucketPath = `data[${bucketIndex}]`;
    if (!isObject(bucket)) {
      checker.failed = true;
      continue;
    }
    checker.checkObjectLiteral(bucket.object, 'bucket', `${bucketPath}.object`);
    if (!Number.isInteger(bucket.start_time) || !Number.isInteger(bucket.end_time)) {
      checker.failed = true;
    }
    if (bucket.results === undefined && Array.isArray(bucket.result)) {
      bucket.results = bucket.result;
      delete bucket.result;
      checker.drift.add('renamed_field', 'result', `${bucketPath}.result`);
    }
    checker.reportUnknownKeys(bucket, BUCKET_KEYS, bucketPath);
    const results = bucket.results;
    if (!Array.isArray(results)) {
      checker.failed = true;
      continue;
    }
    for (let resultIndex = 0; resultIndex < results.length; resultIndex++) {
      checker.checkResult(results[resultIndex], `${bucketPath}.results[${resultIndex}]`);
    }
  }
}

function detailedIssues(
  endpoint: EndpointDefinition,
  input: unknown,
  tolerant: boolean,
): PageIssue[] {
  const parsed = v.safeParse(endpoint.pageSchema, input);
  if (parsed.success) return [];
  return parsed.issues
    .filter((issue) => {
      const last = issue.path?.at(-1) as { key?: unknown } | undefined;
      const driftedLiteral =
        issue.type === 'literal' && last?.key === 'object' && typeof issue.input === 'string';
      return !(tolerant && driftedLiteral);
    })
    .map((issue) => ({ path: formatPath(issue), message: issue.message, input: issue.input }));
}

function driftAsIssues(drift: readonly DriftEntry[]): PageIssue[] {
  return drift
    .filter((entry) => entry.kind !== 'absent_field')
    .map((entry) => ({
      path: entry.path,
      message:
        entry.kind === 'unknown_object'
          ? `Undocumented object value "${entry.key}" (${entry.count}x)`
          : entry.kind === 'renamed_field'
            ? 'Bucket uses "result" instead of "results"'
            : `Undocumented field "${entry.key}" (${entry.count}x)`,
      input: entry.key,
    }));
}

/**
 * Validates one page of an endpoint's response, fast: plain checks run first and valibot's
 * detailed issues are computed only when a check fails. The page is returned as it came (no
 * copy); a bucket's `result` is renamed to `results` in place.
 *
 * Drift (undocumented fields or `object` values, absent optional counters, the old `result`
 * name) is always reported. In `strict` mode, drift other than absent counters rejects the page.
 *
 * @param name The endpoint the page came from.
 * @param input The parsed JSON body.
 * @param options The validation mode.
 *
 * @returns The page and its drift, or the issues with the path of each.
 */
export function parsePage<TName extends EndpointName>(
  name: TName,
  input: unknown,
  options: ParsePageOptions = {},
): PageParse<ResultOf<TName>> {
  const endpoint = getEndpoint(name) as unknown as EndpointDefinition;
  const tolerant = (options.mode ?? 'tolerant') === 'tolerant';
  const checker = new PageChecker(checksFor(endpoint), tolerant);
  if (isObject(input)) checkEnvelope(input, checker);
  else checker.failed = true;
  checker.reportAbsentCounters();
  const drift = checker.drift.entries();
  const issues = checker.failed ? detailedIssues(endpoint, input, tolerant) : [];
  if (!tolerant) issues.push(...driftAsIssues(drift));
  const [first, ...rest] = issues;
  if (first) return { success: false, issues: [first, ...rest], drift };
  return { success: true, output: input as Page<ResultOf<TName>>, drift };
}
