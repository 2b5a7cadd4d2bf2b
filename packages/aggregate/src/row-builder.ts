import { codeGenerationAllowed } from './code-generation';
import type { DimensionValue } from './fields';
import type { RollupColumns, RollupRow, RowKind } from './rollup-rows';

/** Builds rows from columns: `count` rows, fields in the order of the builder's names. */
type RowBuilder = (columns: RollupColumns, count: number) => RollupRow[];

/** Field names a generated builder may spell out (what query validation lets through). */
const PLAIN_NAME = /^[a-z][a-z0-9_]*$/;

/** Builders kept at most (field lists include user-named ratios, so they are not a fixed set). */
const MAX_BUILDERS = 256;

const builders = new Map<string, RowBuilder>();

/**
 * Builds rows one field at a time: for runtimes that do not allow generated code.
 *
 * @param columns The result columns.
 * @param count Rows to build.
 * @param by The grouped dimensions.
 * @param metrics The metrics shown.
 * @param ratios The derived metrics shown.
 *
 * @returns The rows.
 */
export function buildRowsGenerically(
  columns: RollupColumns,
  count: number,
  by: readonly string[],
  metrics: readonly string[],
  ratios: readonly string[],
): RollupRow[] {
  const dimensionColumns = by.map((name) => columns[name] as DimensionValue[]);
  const metricColumns = metrics.map((name) => columns[name] as Float64Array);
  const ratioColumns = ratios.map((name) => columns[name] as Float64Array);
  const rows = new Array<RollupRow>(count);
  for (let index = 0; index < count; index += 1) {
    const row: RollupRow = {
      period_start: columns.period_start[index] as number,
      period_end: columns.period_end[index] as number,
      row_kind: columns.row_kind[index] as RowKind,
    };
    for (let position = 0; position < by.length; position += 1) {
      row[by[position] as string] = (dimensionColumns[position] as DimensionValue[])[index] ?? null;
    }
    for (let position = 0; position < metrics.length; position += 1) {
      row[metrics[position] as string] = (metricColumns[position] as Float64Array)[index] as number;
    }
    for (let position = 0; position < ratios.length; position += 1) {
      const ratio = (ratioColumns[position] as Float64Array)[index] as number;
      row[ratios[position] as string] = Number.isNaN(ratio) ? null : ratio;
    }
    rows[index] = row;
  }
  return rows;
}

/**
 * Generates a builder whose rows are one object literal: every row gets the same hidden class
 * at once, instead of growing field by field (four to eight times faster for 10,000s of rows).
 */
function compileRowBuilder(
  by: readonly string[],
  metrics: readonly string[],
  ratios: readonly string[],
): RowBuilder {
  const field = (name: string) => JSON.stringify(name);
  const column = (name: string) => `columns[${field(name)}]`;
  const fields = [
    'period_start: periodStarts[index]',
    'period_end: periodEnds[index]',
    'row_kind: kinds[index]',
    ...by.map((name, position) => `${field(name)}: d${position}[index] ?? null`),
    ...metrics.map((name, position) => `${field(name)}: m${position}[index]`),
    ...ratios.map(
      (name, position) =>
        `${field(name)}: Number.isNaN(r${position}[index]) ? null : r${position}[index]`,
    ),
  ];
  const source = [
    'const periodStarts = columns.period_start, periodEnds = columns.period_end;',
    'const kinds = columns.row_kind;',
    ...by.map((name, position) => `const d${position} = ${column(name)};`),
    ...metrics.map((name, position) => `const m${position} = ${column(name)};`),
    ...ratios.map((name, position) => `const r${position} = ${column(name)};`),
    'const rows = new Array(count);',
    `for (let index = 0; index < count; index += 1) rows[index] = { ${fields.join(', ')} };`,
    'return rows;',
  ].join('\n');
  return new Function('columns', 'count', source) as RowBuilder;
}

/**
 * Builds plain rows from result columns (ratios: `NaN` in columns, `null` in rows), with a
 * generated builder per field list where the runtime allows it.
 *
 * @param columns The result columns.
 * @param by The grouped dimensions.
 * @param metrics The metrics shown.
 * @param ratios The derived metrics shown.
 *
 * @returns One row per column entry.
 */
export function rowsFromColumns(
  columns: RollupColumns,
  by: readonly string[],
  metrics: readonly string[],
  ratios: readonly string[],
): RollupRow[] {
  const count = columns.period_start.length;
  const names = [...by, ...metrics, ...ratios];
  if (!codeGenerationAllowed() || !names.every((name) => PLAIN_NAME.test(name))) {
    return buildRowsGenerically(columns, count, by, metrics, ratios);
  }
  const key = [by, metrics, ratios].map((list) => list.join(',')).join('|');
  let builder = builders.get(key);
  if (builder === undefined) {
    builder = compileRowBuilder(by, metrics, ratios);
    if (builders.size === MAX_BUILDERS) builders.clear();
    builders.set(key, builder);
  }
  return builder(columns, count);
}
