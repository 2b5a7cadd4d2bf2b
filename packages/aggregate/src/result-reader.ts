import type { MetricField } from '@usagekit/schemas';
import { type CodeArray, maxCodeOf } from './code-array';
import { codeGenerationAllowed } from './code-generation';
import { type DimensionDictionary, recentSet } from './dimension-dictionary';
import { UsageAggregateError } from './errors';
import { largestStorable, type MetricValues } from './metric-column';

/** Stores a metric value the fast path cannot store directly; returns the value array. */
export type StoreMetric = (
  position: number,
  row: number,
  resultIndex: number,
  value: unknown,
) => MetricValues;

/**
 * Throws for a grouping field that holds something other than a string, a flag or null, and
 * (position -1) for a result that is not an object.
 */
export type RejectDimension = (position: number, resultIndex: number, value: unknown) => never;

/** Widens a code array its dictionary has outgrown, keeping its codes; returns the wider one. */
export type WidenCodes = (position: number) => CodeArray;

/** The columns and callbacks a reader writes through, in plan order (refreshed per bucket). */
export interface ReaderTargets {
  readonly codes: CodeArray[];
  readonly dictionaries: readonly DimensionDictionary[];
  readonly values: MetricValues[];
  readonly absents: Uint8Array[];
  readonly storeMetric: StoreMetric;
  readonly rejectDimension: RejectDimension;
  readonly widen: WidenCodes;
  /** Reads a result again with every stored field: it has a field its bucket's first lacked. */
  readonly reread: (resultIndex: number) => void;
}

/** Reads one bucket's results into rows `rowStart ...`. */
export type ResultsReader = (
  results: readonly unknown[],
  rowStart: number,
  targets: ReaderTargets,
) => void;

/** What a reader reads: the stored fields a bucket's first result has. */
export interface ReaderPlan {
  /** Dimensions, in the order of the targets' codes and dictionaries. */
  readonly dimensions: readonly string[];
  /** Metrics, in the order of the targets' values. */
  readonly metrics: readonly MetricField[];
  /** Positions (in `metrics`) whose values always go through `storeMetric` (scaled, nested). */
  readonly slowMetrics: ReadonlySet<number>;
  /** Stored fields the first result lacked: a result that has one is read again in full. */
  readonly watched: readonly string[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function property(name: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new UsageAggregateError(`refusing to generate code for field "${name}"`);
  }
  return `[${JSON.stringify(name)}]`;
}

/**
 * Generates a reader with one named property load per field: on a page's results, whose keys
 * come in one order, every load is monomorphic. A parsed id is a fresh string each time, so each
 * is matched against two entries of its dictionary's recent-string cache before the `Map`.
 */
function compileReader(plan: ReaderPlan): ResultsReader {
  const lines = [
    'const { codes, dictionaries, values, absents, storeMetric, rejectDimension, widen, reread } = targets;',
  ];
  plan.dimensions.forEach((_, at) => {
    lines.push(
      `let c${at} = codes[${at}], x${at} = maxCodeOf(c${at}); const d${at} = dictionaries[${at}], t${at} = d${at}.codes;`,
      `const rs${at} = d${at}.recentStrings, rc${at} = d${at}.recentCodes;`,
    );
  });
  plan.metrics.forEach((_, at) => {
    lines.push(
      `let m${at} = values[${at}], l${at} = largestStorable(m${at}); const a${at} = absents[${at}];`,
    );
  });
  lines.push(
    'for (let index = 0, count = results.length; index < count; index += 1) {',
    'const r = results[index]; const row = rowStart + index;',
    "if (r === null || typeof r !== 'object') rejectDimension(-1, index, r);",
  );
  plan.dimensions.forEach((name, at) => {
    lines.push(
      `{ const v = r${property(name)}; let c = 0;`,
      `if (typeof v === 'string') { const s = ${recentSet('v')}; if (v === rs${at}[s]) c = rc${at}[s]; else if (v === rs${at}[s + 1]) c = rc${at}[s + 1]; else { c = t${at}.get(v); if (c === undefined) { c = d${at}.encodeString(v); if (c > x${at}) { c${at} = widen(${at}); x${at} = maxCodeOf(c${at}); } } rs${at}[s + 1] = rs${at}[s]; rc${at}[s + 1] = rc${at}[s]; rs${at}[s] = v; rc${at}[s] = c; } }`,
      `else if (v === true) c = 2; else if (v === false) c = 1; else if (v !== null && v !== undefined) rejectDimension(${at}, index, v);`,
      `c${at}[row] = c; }`,
    );
  });
  plan.metrics.forEach((field, at) => {
    const [first, second] = field.path.map(property);
    const read = second ? `(r${first} == null ? undefined : r${first}${second})` : `r${first}`;
    if (plan.slowMetrics.has(at)) {
      lines.push(`m${at} = storeMetric(${at}, row, index, ${read});`);
      return;
    }
    lines.push(
      // Null (or absent) is common for counters a model never uses: mark it inline.
      `{ const v = ${read}; if ((v >>> 0) === v && v <= l${at}) m${at}[row] = v; else if (v == null) { m${at}[row] = 0; a${at}[row >> 3] |= 1 << (row & 7); } else { m${at} = storeMetric(${at}, row, index, v); l${at} = largestStorable(m${at}); } }`,
    );
  });
  if (plan.watched.length > 0) {
    const watched = plan.watched.map((name) => `r${property(name)} !== undefined`);
    lines.push(`if (${watched.join(' || ')}) reread(index);`);
  }
  lines.push('}');
  return new Function(
    'maxCodeOf',
    'largestStorable',
    `return function read(results, rowStart, targets) {\n${lines.join('\n')}\n};`,
  )(maxCodeOf, largestStorable) as ResultsReader;
}

/**
 * Reads results field by field with keyed loads: where code generation is not allowed (a
 * strict Content-Security-Policy, some edge runtimes), and to read a result again in full.
 *
 * @param plan The fields to read.
 * @param results The results.
 * @param rowStart The row of the first result.
 * @param targets Where to write.
 */
export function readByKeys(
  plan: ReaderPlan,
  results: readonly unknown[],
  rowStart: number,
  targets: ReaderTargets,
): void {
  const { codes, dictionaries, storeMetric, rejectDimension, widen } = targets;
  results.forEach((result, index) => {
    if (result === null || typeof result !== 'object') rejectDimension(-1, index, result);
    const fields = result as Record<string, unknown>;
    const row = rowStart + index;
    plan.dimensions.forEach((name, at) => {
      const value = fields[name];
      let code = 0;
      if (typeof value === 'string')
        code = (dictionaries[at] as DimensionDictionary).encodeString(value);
      else if (value === true || value === false) code = value ? 2 : 1;
      else if (value !== null && value !== undefined) rejectDimension(at, index, value);
      if (code > maxCodeOf(codes[at] as CodeArray)) codes[at] = widen(at);
      (codes[at] as CodeArray)[row] = code;
    });
    plan.metrics.forEach(({ path: [first, second] }, at) => {
      const value = fields[first];
      const nested =
        value === null || typeof value !== 'object'
          ? undefined
          : (value as Record<string, unknown>)[second as string];
      storeMetric(at, row, index, second === undefined ? value : nested);
    });
    if (plan.watched.some((name) => fields[name] !== undefined)) targets.reread(index);
  });
}

/** Readers by plan, shared by every table: a fresh table runs code already optimised. */
const compiledReaders = new Map<string, ResultsReader>();

/**
 * Builds the fastest reader the runtime allows for a plan: generated code where `new Function`
 * works, keyed loads otherwise.
 *
 * @param plan The fields to read.
 *
 * @returns The reader.
 */
export function createResultsReader(plan: ReaderPlan): ResultsReader {
  if (!codeGenerationAllowed()) {
    return (results, rowStart, targets) => readByKeys(plan, results, rowStart, targets);
  }
  const key = JSON.stringify([
    plan.dimensions,
    plan.metrics.map((field) => field.path),
    [...plan.slowMetrics],
    plan.watched,
  ]);
  let reader = compiledReaders.get(key);
  if (reader === undefined) {
    reader = compileReader(plan);
    compiledReaders.set(key, reader);
  }
  return reader;
}
