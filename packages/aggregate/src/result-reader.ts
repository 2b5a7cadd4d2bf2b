import type { MetricField } from '@usagekit/schemas';
import { type CodeArray, maxCodeOf } from './code-array';
import { codeGenerationAllowed } from './code-generation';
import { type DimensionDictionary, recentSet } from './dimension-dictionary';
import { largestStorable, type MetricValues } from './metric-column';

/** Called for every metric value the fast path cannot store directly; returns the value array. */
export type StoreMetric = (
  position: number,
  row: number,
  resultIndex: number,
  value: unknown,
) => MetricValues;

/**
 * Called when a grouping field holds something other than a string, a flag or null, and with
 * position -1 when the result itself is not an object.
 */
export type RejectDimension = (position: number, resultIndex: number, value: unknown) => never;

/**
 * Called when a dictionary has grown past what its code array holds; widens the array (keeping
 * its codes) and returns the wider one.
 */
export type WidenCodes = (position: number) => CodeArray;

/**
 * Called when a result carries a field its bucket's first result lacked. The reader has already
 * stored (and widened) every field it reads, so a re-read never widens an array the reader holds.
 */
export type RereadResult = (resultIndex: number) => void;

/** Reads one bucket's results into columns. */
export type ResultsReader = (
  results: readonly unknown[],
  rowStart: number,
  values: MetricValues[],
  absents: Uint8Array[],
  codes: CodeArray[],
  dictionaries: DimensionDictionary[],
  storeMetric: StoreMetric,
  rejectDimension: RejectDimension,
  widen: WidenCodes,
  reread: RereadResult,
) => void;

/** What a reader reads: the fields present in a bucket's first result, and those to watch for. */
export interface ReaderPlan {
  /** Dimensions to read, in the order of the `codes` and `dictionaries` arrays. */
  readonly dimensions: readonly string[];
  /** Metrics to read, in the order of the `values` array. */
  readonly metrics: readonly MetricField[];
  /** Positions (in `metrics`) whose values always go through `storeMetric` (scaled or money). */
  readonly slowMetrics: ReadonlySet<number>;
  /** Fields the first result lacked; a result that has one is read again in full. */
  readonly watched: readonly string[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function property(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`Refusing to generate code for field "${name}"`);
  return `[${JSON.stringify(name)}]`;
}

function compileReader(plan: ReaderPlan): ResultsReader {
  const lines: string[] = [];
  plan.dimensions.forEach((_, position) => {
    lines.push(
      `let c${position} = codes[${position}], x${position} = maxCodeOf(c${position}); const d${position} = dictionaries[${position}], t${position} = d${position}.codes;`,
      // The dictionary's cache of recent strings: a parsed id is a fresh string each time, and
      // comparing it with one or two candidates is cheaper than a Map lookup.
      `const rs${position} = d${position}.recentStrings, rc${position} = d${position}.recentCodes;`,
    );
  });
  plan.metrics.forEach((_, position) => {
    lines.push(
      `let m${position} = values[${position}], l${position} = largestStorable(m${position}); const a${position} = absents[${position}];`,
    );
  });
  lines.push('for (let index = 0, count = results.length; index < count; index += 1) {');
  lines.push(
    'const r = results[index]; const row = rowStart + index;',
    "if (r === null || typeof r !== 'object') rejectDimension(-1, index, r);",
  );
  plan.dimensions.forEach((name, position) => {
    lines.push(
      `{ const v = r${property(name)}; let c = 0;`,
      `if (typeof v === 'string') { const s = ${recentSet('v')}; if (v === rs${position}[s]) c = rc${position}[s]; else if (v === rs${position}[s + 1]) c = rc${position}[s + 1]; else { c = t${position}.get(v); if (c === undefined) { c = d${position}.encodeString(v); if (c > x${position}) { c${position} = widen(${position}); x${position} = maxCodeOf(c${position}); } } rs${position}[s + 1] = rs${position}[s]; rc${position}[s + 1] = rc${position}[s]; rs${position}[s] = v; rc${position}[s] = c; } }`,
      `else if (v === true) c = 2; else if (v === false) c = 1; else if (v !== null && v !== undefined) rejectDimension(${position}, index, v);`,
      `c${position}[row] = c; }`,
    );
  });
  plan.metrics.forEach((field, position) => {
    const read =
      field.path.length === 1
        ? `r${property(field.path[0])}`
        : `(r${property(field.path[0])} == null ? undefined : r${property(field.path[0])}${property(field.path[1] as string)})`;
    if (plan.slowMetrics.has(position)) {
      lines.push(`m${position} = storeMetric(${position}, row, index, ${read});`);
    } else {
      lines.push(
        // Null (or absent) is common for counters a model never uses: mark it inline.
        `{ const v = ${read}; if ((v >>> 0) === v && v <= l${position}) m${position}[row] = v; else if (v == null) { m${position}[row] = 0; a${position}[row >> 3] |= 1 << (row & 7); } else { m${position} = storeMetric(${position}, row, index, v); l${position} = largestStorable(m${position}); } }`,
      );
    }
  });
  if (plan.watched.length > 0) {
    lines.push(
      `if (${plan.watched.map((name) => `r${property(name)} !== undefined`).join(' || ')}) reread(index);`,
    );
  }
  lines.push('}');
  return new Function(
    'maxCodeOf',
    'largestStorable',
    `return function read(results, rowStart, values, absents, codes, dictionaries, storeMetric, rejectDimension, widen, reread) {\n${lines.join('\n')}\n};`,
  )(maxCodeOf, largestStorable) as ResultsReader;
}

/**
 * Reads one result field by field with keyed loads: the path taken where code generation is
 * not allowed (a strict Content-Security-Policy, some edge runtimes), and for a result whose
 * shape differs from its bucket's first result.
 *
 * @param plan The fields to read.
 * @param result The result object.
 * @param row The table row to write.
 * @param resultIndex The result's index in its bucket (for error paths).
 * @param codes Code arrays, in plan order (an array is replaced when it widens).
 * @param dictionaries Dictionaries, in plan order.
 * @param storeMetric Stores one metric value.
 * @param rejectDimension Rejects a bad grouping value.
 * @param widen Widens a code array its dictionary has outgrown.
 */
export function readResultByKeys(
  plan: ReaderPlan,
  result: Readonly<Record<string, unknown>>,
  row: number,
  resultIndex: number,
  codes: CodeArray[],
  dictionaries: DimensionDictionary[],
  storeMetric: StoreMetric,
  rejectDimension: RejectDimension,
  widen: WidenCodes,
): void {
  for (let position = 0; position < plan.dimensions.length; position += 1) {
    const value = result[plan.dimensions[position] as string];
    let code = 0;
    if (typeof value === 'string')
      code = (dictionaries[position] as DimensionDictionary).encodeString(value);
    else if (value === true) code = 2;
    else if (value === false) code = 1;
    else if (value !== null && value !== undefined) rejectDimension(position, resultIndex, value);
    let target = codes[position] as CodeArray;
    if (code > maxCodeOf(target)) {
      target = widen(position);
      codes[position] = target;
    }
    target[row] = code;
  }
  for (let position = 0; position < plan.metrics.length; position += 1) {
    const path = (plan.metrics[position] as MetricField).path;
    let value = result[path[0]];
    if (path.length === 2) {
      value =
        value === null || typeof value !== 'object'
          ? undefined
          : (value as Record<string, unknown>)[path[1] as string];
    }
    storeMetric(position, row, resultIndex, value);
  }
}

/** Readers by plan; bounded, since odd data could bring many result shapes. */
const compiledReaders = new Map<string, ResultsReader>();
const MAX_COMPILED_READERS = 256;

/**
 * Builds the fastest reader the runtime allows for a plan: generated code with one named
 * property load per field (monomorphic on a page's result shape) where `new Function` works,
 * otherwise a loop over {@link readResultByKeys}. The keyed fallback must be given a plan that
 * lists every field (it never calls `reread`).
 *
 * @param plan The fields to read.
 * @param forceKeyed Use the keyed reader even where code generation works (tests).
 *
 * @returns The reader.
 */
export function createResultsReader(plan: ReaderPlan, forceKeyed = false): ResultsReader {
  if (codeGenerationAllowed() && !forceKeyed) {
    // Shared by every table: a fresh table reuses code the engine has already optimised.
    const key = JSON.stringify([
      plan.dimensions,
      plan.metrics.map((field) => field.path),
      [...plan.slowMetrics],
      plan.watched,
    ]);
    let reader = compiledReaders.get(key);
    if (reader === undefined) {
      reader = compileReader(plan);
      if (compiledReaders.size < MAX_COMPILED_READERS) compiledReaders.set(key, reader);
    }
    return reader;
  }
  return (
    results,
    rowStart,
    _values,
    _absents,
    codes,
    dictionaries,
    storeMetric,
    rejectDimension,
    widen,
  ) => {
    for (let index = 0; index < results.length; index += 1) {
      const result = results[index];
      if (result === null || typeof result !== 'object') rejectDimension(-1, index, result);
      readResultByKeys(
        plan,
        result as Record<string, unknown>,
        rowStart + index,
        index,
        codes,
        dictionaries,
        storeMetric,
        rejectDimension,
        widen,
      );
    }
  };
}
