import { allColumns, allMetrics, compareValues, type DimensionValue, metricSlot } from './fields';
import { ALL_MEASURE, type GroupColumns, NONE_MEASURE } from './grouping/group-rows';
import { compareExact, roundedMicros } from './result-pricer';
import type { QueryPlan } from './rollup-query';
import {
  type ExactParts,
  exactPartsOf,
  type RollupColumns,
  type RollupResult,
  type RollupRow,
  type RowKind,
} from './rollup-result';
import { rowsFromColumns } from './row-builder';
import type { FieldCoverage } from './usage-table-api';

/** A group before formatting: sums in storage units (money in micro-units). */
export interface GroupRow {
  period: number;
  kind: RowKind;
  values: DimensionValue[];
  /** Per summed column of the plan. */
  sums: number[];
  /** `[batch requests, requests of rows grouped by batch]` when `batch_share` is asked for. */
  batch: [number, number] | undefined;
  /** Rows from the endpoints that measure a metric, per `GroupColumns.measured`. */
  measured: number[];
  /** How many leading `by` values are real (subtotals roll up the rest). @default every one */
  level?: number | undefined;
}

/** Inputs of {@link finishRows}: `detail` comes in (period, values) order. */
export interface FinishInput {
  plan: QueryPlan;
  detail: GroupColumns;
  /** Per summed metric: which groups measure it (see `ALL_MEASURE`). */
  measuredBy: readonly number[];
  /** Per summed level metric: seconds each period's data covers (see `coveredSeconds`). */
  levelSeconds: readonly (Float64Array | undefined)[];
  periodStarts: number[];
  periodEnds: number[];
  warnings: string[];
  coverage: Record<string, FieldCoverage>;
}

function comboKey(values: readonly DimensionValue[]): string {
  return JSON.stringify(values);
}

function addInto(target: GroupRow, source: GroupRow): void {
  for (let index = 0; index < target.sums.length; index += 1) {
    target.sums[index] = (target.sums[index] as number) + (source.sums[index] as number);
  }
  for (let index = 0; index < target.measured.length; index += 1) {
    target.measured[index] =
      (target.measured[index] as number) + (source.measured[index] as number);
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
    measured: like === undefined ? [] : like.measured.map(() => 0),
  };
}

function foldTop(
  input: FinishInput,
  rows: GroupRow[],
): { rows: GroupRow[]; rank: Map<string, number> } {
  const top = input.plan.top;
  const rank = new Map<string, number>();
  if (top === undefined) return { rows, rank };
  // Ranked on exact sums: `estimated_cost` on its whole micro-USD and pico remainder.
  const [high, low] = input.plan.columnsOf[input.plan.summed.indexOf(top.metric)] as number[];
  const totals = new Map<string, [number, number]>();
  for (const row of rows) {
    const key = comboKey(row.values);
    const total = totals.get(key) ?? [0, 0];
    total[0] += row.sums[high as number] as number;
    total[1] += low === undefined ? 0 : (row.sums[low] as number);
    totals.set(key, total);
  }
  const ordered = [...totals.entries()].sort(
    ([leftKey, left], [rightKey, right]) =>
      compareExact(right[0], right[1], left[0], left[1]) || (leftKey < rightKey ? -1 : 1),
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
  const width = input.plan.columns.length;
  if (combos.size === 0 && input.plan.by.length === 0) {
    const nothing = emptyRow(0, 'detail', [], undefined, width);
    nothing.measured = input.detail.measured.map(() => 0);
    combos.set('[]', nothing);
  }
  const filled = [...rows];
  for (let period = 0; period < input.periodStarts.length; period += 1) {
    for (const [key, like] of combos) {
      if (present.has(`${period}|${key}`)) continue;
      const zero = emptyRow(period, like.kind, [...like.values], like, width);
      // A group's zero in a period it has no rows in is measured wherever the group is.
      zero.measured = like.measured.map((rows) => (rows > 0 ? 1 : 0));
      filled.push(zero);
    }
  }
  return filled;
}

function addSubtotals(input: FinishInput, rows: GroupRow[]): GroupRow[] {
  const depth = input.plan.by.length;
  const width = input.plan.columns.length;
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

function toGroupRows(groups: GroupColumns): GroupRow[] {
  const rows: GroupRow[] = [];
  for (let index = 0; index < groups.count; index += 1) {
    rows.push({
      period: groups.period[index] as number,
      kind: groups.kind?.[index] ?? 'detail',
      values: groups.values.map((column) => column[index] ?? null),
      sums: groups.sums.map((column) => column[index] as number),
      batch:
        groups.batch === undefined
          ? undefined
          : [groups.batch[0][index] as number, groups.batch[1][index] as number],
      measured: groups.measured.map((column) => column[index] as number),
    });
  }
  return rows;
}

function toGroupColumns(rows: readonly GroupRow[], template: GroupColumns): GroupColumns {
  const count = rows.length;
  const batch: [Float64Array, Float64Array] | undefined =
    template.batch === undefined ? undefined : [new Float64Array(count), new Float64Array(count)];
  const groups: GroupColumns = {
    count,
    period: new Int32Array(count),
    kind: new Array<RowKind>(count),
    values: template.values.map(() => new Array<DimensionValue>(count)),
    sums: template.sums.map(() => new Float64Array(count)),
    batch,
    measured: template.measured.map(() => new Float64Array(count)),
  };
  rows.forEach((row, index) => {
    groups.period[index] = row.period;
    (groups.kind as RowKind[])[index] = row.kind;
    groups.values.forEach((column, position) => {
      column[index] = row.values[position] ?? null;
    });
    groups.sums.forEach((column, position) => {
      column[index] = row.sums[position] as number;
    });
    groups.measured.forEach((column, position) => {
      column[index] = row.measured[position] as number;
    });
    if (batch !== undefined) {
      batch[0][index] = row.batch?.[0] ?? 0;
      batch[1][index] = row.batch?.[1] ?? 0;
    }
  });
  return groups;
}

/** One summed metric per group, as results show it. */
interface Reported {
  /** Reported units; `NaN` where no endpoint of the group measures the metric. */
  readonly values: Float64Array;
  /** A level's value times seconds (its byte-time), else undefined. */
  readonly byteTime: Float64Array | undefined;
  /** Seconds a level's value is averaged over, else undefined. */
  readonly seconds: Float64Array | undefined;
}

/**
 * Converts one summed metric from storage units: money to USD, `estimated_cost` rounded half up
 * once to micro-USD from the group's own exact parts, a level divided by the seconds its
 * period(s) cover; `NaN` where the group has no rows from an endpoint that measures it.
 */
function reportedValues(input: FinishInput, groups: GroupColumns, index: number): Reported {
  const { plan } = input;
  const spec = allMetrics[metricSlot.get(plan.summed[index] as string) as number];
  const [first, second] = plan.columnsOf[index] as number[];
  const sums = groups.sums[first as number] as Float64Array;
  const parts = second === undefined ? undefined : (groups.sums[second] as Float64Array);
  const measuredBy = input.measuredBy[index] as number;
  const measured = measuredBy === ALL_MEASURE ? undefined : groups.measured[measuredBy];
  const periodSeconds = input.levelSeconds[index];
  const allSeconds = periodSeconds?.reduce((total, each) => total + each, 0) ?? 0;
  const count = groups.count;
  const values = new Float64Array(count);
  const byteTime = periodSeconds && new Float64Array(count);
  const seconds = periodSeconds && new Float64Array(count);
  for (let group = 0; group < count; group += 1) {
    const sum = sums[group] as number;
    if (measuredBy === NONE_MEASURE || measured?.[group] === 0) {
      values[group] = Number.NaN;
      if (byteTime !== undefined) byteTime[group] = Number.NaN;
    } else if (parts !== undefined) values[group] = roundedMicros(sum, parts[group] as number);
    else if (periodSeconds !== undefined && byteTime !== undefined && seconds !== undefined) {
      const period = groups.period[group] as number;
      const covered = period < 0 ? allSeconds : (periodSeconds[period] as number);
      seconds[group] = covered;
      byteTime[group] = sum;
      values[group] = covered === 0 ? 0 : sum / covered;
    } else values[group] = spec?.scale === 1 ? sum : sum / (spec?.scale as number);
  }
  return { values, byteTime, seconds };
}

/**
 * Turns summed groups into the result: top-N folding, zero-fill, subtotals, ordering, unit
 * conversion, derived metrics and columns; rows are built from the columns when first read.
 *
 * @param input The summed groups and the plan.
 *
 * @returns The result.
 */
export function finishRows(input: FinishInput): RollupResult {
  const { plan } = input;
  const reshaped =
    plan.top !== undefined || plan.fill || plan.subtotals || plan.by.includes('endpoint');
  let groups = input.detail;
  if (reshaped) {
    const detailRows = toGroupRows(input.detail);
    const folded = foldTop(input, detailRows);
    let rows = fillPeriods(input, folded.rows);
    if (plan.subtotals) rows = addSubtotals(input, rows);
    // A top-N that folded nothing keeps the detail's own order.
    const untouched = rows === detailRows && !plan.by.includes('endpoint');
    if (!untouched) sortRows(input, rows, folded.rank);
    groups = toGroupColumns(rows, input.detail);
  }

  plan.columns.forEach((slot, index) => {
    const spec = allColumns[slot];
    const sums = groups.sums[index] as Float64Array;
    for (let group = 0; spec?.integral === true && group < groups.count; group += 1) {
      if (Math.abs(sums[group] as number) > Number.MAX_SAFE_INTEGER) {
        input.warnings.push(
          `${spec.name} sums exceed 2^53 storage units and are no longer exact integers`,
        );
        break;
      }
    }
  });
  const count = groups.count;
  const firstStart = input.periodStarts[0] ?? 0;
  const lastEnd = input.periodEnds[input.periodEnds.length - 1] ?? 0;
  const columns: Record<string, Float64Array | readonly DimensionValue[] | readonly RowKind[]> & {
    period_start: Float64Array;
    period_end: Float64Array;
    row_kind: readonly RowKind[];
  } = {
    period_start: new Float64Array(count),
    period_end: new Float64Array(count),
    row_kind: groups.kind ?? new Array<RowKind>(count).fill('detail'),
  };
  for (let index = 0; index < count; index += 1) {
    const period = groups.period[index] as number;
    columns.period_start[index] = period < 0 ? firstStart : (input.periodStarts[period] as number);
    columns.period_end[index] = period < 0 ? lastEnd : (input.periodEnds[period] as number);
  }
  plan.by.forEach((name, position) => {
    columns[name] = groups.values[position] as DimensionValue[];
  });
  const reported = plan.summed.map((_, index) => reportedValues(input, groups, index));
  const metricNames: string[] = [];
  const coveredSeconds = new Map<string, Float64Array>();
  for (const name of plan.metrics) {
    // Each summed column is made for this result and shown once: handed over, not copied.
    const { values, byteTime, seconds } = reported[plan.summed.indexOf(name)] as Reported;
    columns[name] = values;
    metricNames.push(name);
    if (byteTime !== undefined && seconds !== undefined) {
      columns[`${name}_seconds`] = byteTime;
      metricNames.push(`${name}_seconds`);
      coveredSeconds.set(name, seconds);
    }
  }
  for (const entry of plan.derived) {
    const ratio = new Float64Array(count);
    if (entry.batch) {
      const [batch, known] = groups.batch ?? [new Float64Array(count), new Float64Array(count)];
      for (let group = 0; group < count; group += 1) {
        const denominator = known[group] as number;
        ratio[group] = denominator === 0 ? Number.NaN : (batch[group] as number) / denominator;
      }
    } else {
      const numerators = entry.numerator.map((name) => reported[plan.summed.indexOf(name)]?.values);
      const denominators = entry.denominator.map(
        (name) => reported[plan.summed.indexOf(name)]?.values,
      );
      for (let group = 0; group < count; group += 1) {
        let numerator = 0;
        let denominator = 0;
        for (const column of numerators) numerator += (column as Float64Array)[group] as number;
        for (const column of denominators) denominator += (column as Float64Array)[group] as number;
        ratio[group] = denominator === 0 ? Number.NaN : numerator / denominator;
      }
    }
    columns[entry.name] = ratio;
  }
  const ratioNames = plan.derived.map((entry) => entry.name);
  let rows: readonly RollupRow[] | undefined;
  const result: RollupResult = Object.freeze({
    get rows(): readonly RollupRow[] {
      rows ??= Object.freeze(rowsFromColumns(columns, plan.by, metricNames, ratioNames));
      return rows;
    },
    columns: Object.freeze(columns) as RollupColumns,
    warnings: Object.freeze(input.warnings),
    coverage: Object.freeze(input.coverage),
    grain: plan.grain,
    timeZone: plan.timeZone,
    by: Object.freeze([...plan.by]),
    metrics: Object.freeze([...metricNames, ...ratioNames]),
  });
  const cost = plan.summed.indexOf('estimated_cost');
  const [micros, picos] = plan.columnsOf[cost] ?? [];
  exactPartsOf.set(result, {
    cost:
      micros === undefined || picos === undefined
        ? undefined
        : [groups.sums[micros] as Float64Array, groups.sums[picos] as Float64Array],
    coveredSeconds,
  } satisfies ExactParts);
  return result;
}
