import * as v from 'valibot';
import type { DriftEntry } from './drift';
import type { EndpointDefinition } from './endpoint';
import { compileObjectChecks, type ObjectChecks } from './field-check';
import type { Page } from './page';
import { PageChecker } from './page-checker';
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
      /** The page is valid (in tolerant mode: valid apart from drift). */
      readonly success: true;
      /** The page itself, not a copy. */
      readonly output: Page<TResult>;
      /** How the page differed from the documented schema, one entry per kind and key. */
      readonly drift: readonly DriftEntry[];
    }
  | {
      /** The page was rejected. */
      readonly success: false;
      /** Every reason, each with the path that failed. */
      readonly issues: readonly [PageIssue, ...PageIssue[]];
      /** How the page differed from the documented schema, one entry per kind and key. */
      readonly drift: readonly DriftEntry[];
    };

/** Options of {@link parsePage}. */
export interface ParsePageOptions {
  /** How strictly to validate. @default 'tolerant' */
  readonly mode?: ValidationMode | undefined;
}

let compiledChecks: WeakMap<object, ObjectChecks> | undefined;

function checksFor(endpoint: EndpointDefinition): ObjectChecks {
  compiledChecks ??= new WeakMap();
  let checks = compiledChecks.get(endpoint.resultSchema);
  if (!checks) {
    const entries = (
      endpoint.resultSchema as unknown as { entries: Record<string, v.GenericSchema> }
    ).entries;
    checks = compileObjectChecks(entries);
    compiledChecks.set(endpoint.resultSchema, checks);
  }
  return checks;
}

function formatPath(issue: v.BaseIssue<unknown>): string {
  let path = '';
  for (const item of issue.path ?? []) {
    const key = (item as { key: unknown }).key;
    path += typeof key === 'number' ? `[${key}]` : path === '' ? String(key) : `.${String(key)}`;
  }
  return path;
}

/** Whether an issue is an undocumented `object` value, which is drift rather than a defect. */
function isDriftedLiteral(issue: v.BaseIssue<unknown>): boolean {
  const last = issue.path?.at(-1) as { key?: unknown } | undefined;
  return issue.type === 'literal' && last?.key === 'object' && typeof issue.input === 'string';
}

function detailedIssues(endpoint: EndpointDefinition, input: unknown): PageIssue[] {
  const parsed = v.safeParse(endpoint.pageSchema, input);
  if (parsed.success) return [];
  return parsed.issues
    .filter((issue) => !isDriftedLiteral(issue))
    .map((issue) => ({ path: formatPath(issue), message: issue.message, input: issue.input }));
}

/**
 * Describes a drift entry as an issue message.
 *
 * @param entry The drift entry.
 *
 * @returns A sentence naming what was seen and how often.
 */
export function driftMessage(entry: DriftEntry): string {
  switch (entry.kind) {
    case 'unknown_object':
      return `Undocumented object value "${entry.key}" (${entry.count}x)`;
    case 'renamed_field':
      return 'Bucket uses "result" instead of "results"';
    case 'unknown_field':
      return `Undocumented field "${entry.key}" (${entry.count}x)`;
    case 'absent_field':
      return `Optional counter "${entry.key}" absent (${entry.count}x)`;
    case 'invalid_value':
      return `Implausible value of "${entry.key}": negative, non-finite or beyond 2^53 (${entry.count}x)`;
    case 'duplicate_bucket':
      return `Bucket repeated; the first copy is kept (${entry.count}x)`;
    case 'overlapping_bucket':
      return `Bucket overlaps an earlier one; the earlier one is kept (${entry.count}x)`;
    case 'bucket_outside_window':
      return `Bucket outside the requested window; dropped (${entry.count}x)`;
    case 'bucket_out_of_order':
      return `Bucket starts before the one before it (${entry.count}x)`;
    case 'page_out_of_order':
      return `Page starts before the previous page (${entry.count}x)`;
  }
}

function driftAsIssues(drift: readonly DriftEntry[]): PageIssue[] {
  return drift
    .filter((entry) => entry.kind !== 'absent_field')
    .map((entry) => ({
      path: entry.path,
      message: driftMessage(entry),
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
  const checker = new PageChecker(checksFor(endpoint));
  checker.checkPage(input);
  const drift = checker.drift.entries();
  const issues = checker.failed ? detailedIssues(endpoint, input) : [];
  if (!tolerant) issues.push(...driftAsIssues(drift));
  const [first, ...rest] = issues;
  if (first) return { success: false, issues: [first, ...rest], drift };
  return { success: true, output: input as Page<ResultOf<TName>>, drift };
}
