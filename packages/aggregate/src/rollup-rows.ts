import type { DimensionValue, GroupDimension } from './fields';
import type { Grain } from './period-calendar';
import type { QueryPlan } from './rollup-query';
import type { FieldCoverage } from './usage-table';

/**
 * What a result row is: a group (`detail`), the folded rest of a top-N (`other`), a subtotal
 * over a prefix of `by`, a period's `total`, or the `grand_total` over every period.
 */
export type RowKind = 'detail' | 'other' | 'subtotal' | 'total' | 'grand_total';

/**
 * One result row: period bounds (Unix seconds), the row kind, one field per `by` dimension and
 * one per metric and derived metric. Money (`amount_value`) is in currency units (USD), summed
 * exactly in micro-units first; derived ratios are `null` when their denominator is 0.
 */
export interface RollupRow {
  period_start: number;
  period_end: number;
  row_kind: RowKind;
  [field: string]: DimensionValue | number;
}

/** The result as columns, for charts: one array per row field, aligned by index. */
export interface RollupColumns {
  period_start: Float64Array;
  period_end: Float64Array;
  row_kind: RowKind[];
  [field: string]: Float64Array | DimensionValue[] | RowKind[];
}

/** What {@link rollup} returns. */
export interface RollupResult {
  /** Plain rows, for JSON, CSV and tables. */
  rows: RollupRow[];
  /** The same data as columns; derived ratios are `NaN` where rows have `null`. */
  columns: RollupColumns;
  /** What the data cannot say exactly (time-zone re-cutting, range edges, mixed groupings...). */
  warnings: string[];
  /** Per summed metric: selected rows of endpoints that report it, and how many lacked it. */
  coverage: Record<string, FieldCoverage>;
  /** The grain periods were cut in. */
  grain: Grain;
  /** The zone periods were cut in. */
  timeZone: string;
  /** The grouping dimensions, in column order. */
  by: readonly GroupDimension[];
  /** Metric and derived metric columns, in order. */
  metrics: readonly string[];
}

/** A group before formatting: sums in storage units (money in micro-units). */
export interface GroupRow {
  period: number;
  kind: RowKind;
  values: DimensionValue[];
  sums: number[];
  /** `[batch requests, requests of rows grouped by batch]` when `batch_share` is asked for. */
  batch: [number, number] | undefined;
  /** How many leading `by` values are real (subtotals roll up the rest). @default every one */
  level?: number | undefined;
}

/** Inputs of {@link finishRows}. */
export interface FinishInput {
  plan: QueryPlan;
  detail: GroupRow[];
  periodStarts: number[];
  periodEnds: number[];
  warnings: string[];
  coverage: Record<string, FieldCoverage>;
  /** Storage scale per summed metric. */
  scales: number[];
  /** Whether `detail` is already in (period, values) order. */
  sorted: boolean;
}

function valueRank(value: DimensionValue): number {
  return value === null ? 0 : typeof value === 'boolean' ? 1 : 2;
}

/**
 * Orders dimension values: `null` first, then `false`, `true`, then strings by code unit.
 *
 * @param left A value.
 * @param right Another value.
 *
 * @returns Negative, zero or positive.
 */
export function compareValues(left: DimensionValue, right: DimensionValue): number {
  const rank = valueRank(left) - valueRank(right);
  if (rank !== 0) return rank;
  if (left === right) return 0;
  if (typeof left === 'boolean') return left ? 1 : -1;
  return (left as string) < (right as string) ? -1 : 1;
}

function comboKey(values: readonly DimensionValue[]): string {
  return JSON.stringify(values);
}

function addInto(target: GroupRow, source: GroupRow): void {
  for (let index = 0; index < target.sums.length; index += 1) {
    target.sums[index] = (target.sums[index] as number) + (source.sums[index] as number);
  }
  if (target.batch !== undefined && source.batch !== undefined) {
    target.batch[0] += source.batch[0];
    target.batch[1] += source.batch[1];
  }
}

function emptyRow(
  period: number,
  kind: RowKind,
  values: DimensionValue[],
  like: GroupRow | undefined,
  width: number,
): GroupRow {
  return {
    period,
    kind,
    values,
    sums: new Array<number>(width).fill(0),
    batch: like?.batch === undefined ? undefined : [0, 0],
  };
}

function foldTop(
  input: FinishInput,
  rows: GroupRow[],
): { rows: GroupRow[]; rank: Map<string, number> } {
  const top = input.plan.top;
  const rank = new Map<string, number>();
  if (top === undefined) return { rows, rank };
  const metricIndex = input.plan.summed.indexOf(top.metric);
  const totals = new Map<string, number>();
  for (const row of rows) {
    const key = comboKey(row.values);
    totals.set(key, (totals.get(key) ?? 0) + (row.sums[metricIndex] as number));
  }
  const ordered = [...totals.entries()].sort(
    (left, right) => right[1] - left[1] || (left[0] < right[0] ? -1 : 1),
  );
  ordered.slice(0, top.n).forEach(([key], index) => {
    rank.set(key, index);
  });
  if (ordered.length <= top.n) return { rows, rank };
  const otherValues = input.plan.by.map(() => top.otherLabel);
  rank.set(comboKey(otherValues), top.n);
  const kept: GroupRow[] = [];
  const other = new Map<number, GroupRow>();
  for (const row of rows) {
    if (rank.has(comboKey(row.values))) {
      kept.push(row);
      continue;
    }
    let folded = other.get(row.period);
    if (folded === undefined) {
      folded = emptyRow(row.period, 'other', otherValues, row, row.sums.length);
      other.set(row.period, folded);
      kept.push(folded);
    }
    addInto(folded, row);
  }
  return { rows: kept, rank };
}

function fillPeriods(input: FinishInput, rows: GroupRow[]): GroupRow[] {
  if (!input.plan.fill) return rows;
  const combos = new Map<string, GroupRow>();
  const present = new Set<string>();
  for (const row of rows) {
    const key = comboKey(row.values);
    if (!combos.has(key)) combos.set(key, row);
    present.add(`${row.period}|${key}`);
  }
  if (combos.size === 0 && input.plan.by.length === 0)
    combos.set('[]', emptyRow(0, 'detail', [], undefined, input.plan.summed.length));
  const filled = [...rows];
  for (let period = 0; period < input.periodStarts.length; period += 1) {
    for (const [key, like] of combos) {
      if (present.has(`${period}|${key}`)) continue;
      filled.push(emptyRow(period, like.kind, [...like.values], like, input.plan.summed.length));
    }
  }
  return filled;
}

function addSubtotals(input: FinishInput, rows: GroupRow[]): GroupRow[] {
  const depth = input.plan.by.length;
  const width = input.plan.summed.length;
  const result: GroupRow[] = [];
  const byPeriod = new Map<number, GroupRow[]>();
  for (const row of rows) {
    let list = byPeriod.get(row.period);
    if (list === undefined) {
      list = [];
      byPeriod.set(row.period, list);
    }
    list.push(row);
  }
  const periods = [...byPeriod.keys()].sort((left, right) => left - right);
  const grand = emptyRow(
    -1,
    'grand_total',
    input.plan.by.map(() => null),
    rows[0],
    width,
  );
  grand.level = 0;
  for (const period of periods) {
    const list = byPeriod.get(period) as GroupRow[];
    const levels: GroupRow[] = [];
    for (let level = depth - 1; level >= 0; level -= 1) {
      const groups = new Map<string, GroupRow>();
      for (const row of list) {
        const prefix = row.values.slice(0, level);
        const key = comboKey(prefix);
        let subtotal = groups.get(key);
        if (subtotal === undefined) {
          const values = [...prefix, ...new Array<DimensionValue>(depth - level).fill(null)];
          subtotal = emptyRow(period, level === 0 ? 'total' : 'subtotal', values, row, width);
          subtotal.level = level;
          groups.set(key, subtotal);
          levels.push(subtotal);
        }
        addInto(subtotal, row);
      }
    }
    const total = levels.find((row) => row.kind === 'total');
    if (total !== undefined) addInto(grand, total);
    else for (const row of list) addInto(grand, row);
    result.push(...list, ...levels);
  }
  if (periods.length > 1 || depth === 0) result.push(grand);
  return result;
}

function sortRows(input: FinishInput, rows: GroupRow[], rank: Map<string, number>): void {
  const depth = input.plan.by.length;
  const kindOrder = (row: GroupRow) =>
    row.kind === 'grand_total' ? 2 : row.kind === 'total' ? 1 : 0;
  const levelOf = (row: GroupRow) => row.level ?? depth;
  rows.sort((left, right) => {
    const leftPeriod = left.period < 0 ? Number.POSITIVE_INFINITY : left.period;
    const rightPeriod = right.period < 0 ? Number.POSITIVE_INFINITY : right.period;
    if (leftPeriod !== rightPeriod) return leftPeriod - rightPeriod;
    const kinds = kindOrder(left) - kindOrder(right);
    if (kinds !== 0) return kinds;
    if (rank.size > 0) {
      const leftRank = rank.get(comboKey(left.values));
      const rightRank = rank.get(comboKey(right.values));
      if (leftRank !== undefined && rightRank !== undefined) return leftRank - rightRank;
      if (leftRank !== undefined) return -1;
      if (rightRank !== undefined) return 1;
    }
    const leftLevel = levelOf(left);
    const rightLevel = levelOf(right);
    for (let index = 0; index < depth; index += 1) {
      const leftRolled = index >= leftLevel;
      const rightRolled = index >= rightLevel;
      if (leftRolled !== rightRolled) return leftRolled ? 1 : -1;
      if (leftRolled) return 0;
      const compared = compareValues(left.values[index] ?? null, right.values[index] ?? null);
      if (compared !== 0) return compared;
    }
    return 0;
  });
}

/**
 * Turns summed groups into the result: top-N folding, zero-fill, subtotals, ordering, unit
 * conversion, derived metrics, rows and columns.
 *
 * @param input The summed groups and the plan.
 *
 * @returns The result.
 */
export function finishRows(input: FinishInput): RollupResult {
  const { plan } = input;
  const folded = foldTop(input, input.detail);
  let rows = fillPeriods(input, folded.rows);
  if (plan.subtotals) rows = addSubtotals(input, rows);
  const untouched = rows === input.detail && input.sorted && !input.plan.by.includes('endpoint');
  if (!untouched) sortRows(input, rows, folded.rank);

  for (let index = 0; index < plan.summed.length; index += 1) {
    if (rows.some((row) => Math.abs(row.sums[index] as number) > Number.MAX_SAFE_INTEGER)) {
      input.warnings.push(
        `${plan.summed[index]} sums exceed 2^53 storage units and are no longer exact integers`,
      );
    }
  }
  const shownIndex = plan.metrics.map((name) => plan.summed.indexOf(name));
  const derivedIndex = plan.derived.map((entry) => ({
    name: entry.name,
    batch: entry.batch,
    numerator: entry.numerator.map((name) => plan.summed.indexOf(name)),
    denominator: entry.denominator.map((name) => plan.summed.indexOf(name)),
  }));
  const firstStart = input.periodStarts[0] ?? 0;
  const lastEnd = input.periodEnds[input.periodEnds.length - 1] ?? 0;
  const count = rows.length;
  const columns: RollupColumns = {
    period_start: new Float64Array(count),
    period_end: new Float64Array(count),
    row_kind: new Array<RowKind>(count),
  };
  plan.by.forEach((name) => {
    columns[name] = new Array<DimensionValue>(count);
  });
  for (const name of plan.metrics) columns[name] = new Float64Array(count);
  for (const entry of plan.derived) columns[entry.name] = new Float64Array(count);

  const output: RollupRow[] = rows.map((row, position) => {
    const start = row.period < 0 ? firstStart : (input.periodStarts[row.period] as number);
    const end = row.period < 0 ? lastEnd : (input.periodEnds[row.period] as number);
    const result: RollupRow = { period_start: start, period_end: end, row_kind: row.kind };
    columns.period_start[position] = start;
    columns.period_end[position] = end;
    columns.row_kind[position] = row.kind;
    plan.by.forEach((name, index) => {
      const value = row.values[index] ?? null;
      result[name] = value;
      (columns[name] as DimensionValue[])[position] = value;
    });
    plan.metrics.forEach((name, index) => {
      const summedIndex = shownIndex[index] as number;
      const value = (row.sums[summedIndex] as number) / (input.scales[summedIndex] as number);
      result[name] = value;
      (columns[name] as Float64Array)[position] = value;
    });
    for (const entry of derivedIndex) {
      let numerator = 0;
      let denominator = 0;
      if (entry.batch) {
        numerator = row.batch?.[0] ?? 0;
        denominator = row.batch?.[1] ?? 0;
      } else {
        for (const index of entry.numerator)
          numerator += (row.sums[index] as number) / (input.scales[index] as number);
        for (const index of entry.denominator)
          denominator += (row.sums[index] as number) / (input.scales[index] as number);
      }
      const ratio = denominator === 0 ? null : numerator / denominator;
      result[entry.name] = ratio;
      (columns[entry.name] as Float64Array)[position] = ratio ?? Number.NaN;
    }
    return result;
  });
  return {
    rows: output,
    columns,
    warnings: input.warnings,
    coverage: input.coverage,
    grain: plan.grain,
    timeZone: plan.timeZone,
    by: plan.by,
    metrics: [...plan.metrics, ...plan.derived.map((entry) => entry.name)],
  };
}
