import type { BucketInput, DimensionValue } from '@usagekit/aggregate';
import { type CostsBucketLike, flattenCosts } from '@usagekit/cost';
import { costsEndpoint, type ParamsOf } from '@usagekit/schemas';
import type { BucketSource } from './bucket-source';
import { ReportQuestionError } from './errors';
import { fetchSources, type ReportEvent } from './fetch-sources';
import { assertReportGrain, type ReportGrain } from './grain';
import type { EndpointFetch } from './plan';
import { utcPeriodOf } from './utc-period';
import { isPartialPeriod, type ReportWindow, resolveWindow, type WindowSpec } from './window';

/** The grains of billed costs: the Costs API reports whole UTC days. */
export type CostsGrain = Exclude<ReportGrain, 'minute' | 'hour'>;

/** What a costs report answers. */
export interface CostsQuestion {
  /** The window; snapped outwards to whole UTC days, the bill's unit. */
  readonly window: WindowSpec | ReportWindow;
  readonly grain: CostsGrain;
  /** The zone the window is read in (periods are UTC days). @default 'UTC' */
  readonly timeZone?: string | undefined;
  /** The current instant. @unit Unix seconds @default the clock */
  readonly now?: number | undefined;
  /** Costs dimensions to group by (`project_id`, `line_item`...). @default [] */
  readonly dimensions?: readonly string[] | undefined;
  /** Keep the `top` groups by amount; the rest folds into one `other` row per period. */
  readonly top?: number | undefined;
}

/** One row of billed costs. */
export interface CostsRow {
  /** @unit Unix seconds */
  readonly period_start: number;
  /** Exclusive. @unit Unix seconds */
  readonly period_end: number;
  /** Cut by the window or not over yet. */
  readonly partial: boolean;
  readonly row_kind: 'detail' | 'other';
  readonly organization: string;
  readonly values: Readonly<Record<string, DimensionValue>>;
  /** Lowercase ISO 4217 currency of `amount`. */
  readonly currency: string;
  /** Billed amount, summed exactly. @unit micro-units of `currency` */
  readonly amount: number;
  /** Billed quantities per `quantity_unit` (never summed across units). */
  readonly quantities: Readonly<Record<string, number>>;
  /** Results the API sent without an amount (unknown, not zero; not in `amount`). */
  readonly unknown_amounts: number;
}

/** Totals of billed costs. */
export interface CostsTotals {
  /** Per currency. @unit micro-units */
  readonly amounts: Readonly<Record<string, number>>;
  /** Per `quantity_unit`. */
  readonly quantities: Readonly<Record<string, number>>;
  readonly unknown_amounts: number;
}

/** Billed costs by period and dimension. */
export interface CostsReport {
  /** The window, snapped to whole UTC days. */
  readonly window: ReportWindow;
  readonly grain: CostsGrain;
  readonly dimensions: readonly string[];
  readonly rows: readonly CostsRow[];
  readonly totals: CostsTotals & { readonly organizations: Readonly<Record<string, CostsTotals>> };
  readonly notices: readonly string[];
}

/** Where billed costs come from. */
export interface RunCostsReportOptions {
  readonly sources: readonly BucketSource[];
  readonly onEvent?: ((event: ReportEvent) => void) | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** A quantity reported without a unit is kept apart under this key. */
const NO_UNIT = 'unspecified';

const DAY = 86_400;

interface MutableRow {
  period_start: number;
  period_end: number;
  partial: boolean;
  row_kind: 'detail' | 'other';
  organization: string;
  values: Record<string, DimensionValue>;
  currency: string;
  amount: number;
  quantities: Record<string, number>;
  unknown_amounts: number;
}

/** Totals being summed (the mutable form of {@link CostsTotals}). */
interface MutableTotals {
  amounts: Record<string, number>;
  quantities: Record<string, number>;
  unknown_amounts: number;
}

function emptyTotals(): MutableTotals {
  return { amounts: {}, quantities: {}, unknown_amounts: 0 };
}

function addRow(totals: MutableTotals, row: MutableRow): void {
  totals.amounts[row.currency] = (totals.amounts[row.currency] ?? 0) + row.amount;
  for (const [unit, quantity] of Object.entries(row.quantities)) {
    totals.quantities[unit] = (totals.quantities[unit] ?? 0) + quantity;
  }
  totals.unknown_amounts += row.unknown_amounts;
}

function merge(into: MutableRow, row: MutableRow): void {
  into.amount += row.amount;
  for (const [unit, quantity] of Object.entries(row.quantities)) {
    into.quantities[unit] = (into.quantities[unit] ?? 0) + quantity;
  }
  into.unknown_amounts += row.unknown_amounts;
}

function checkCostsQuestion(question: CostsQuestion): { grain: CostsGrain; dimensions: string[] } {
  const grain = assertReportGrain(question.grain);
  if (grain === 'minute' || grain === 'hour') {
    throw new ReportQuestionError(
      `costs are billed per UTC day; "${grain}" is not allowed; use day, week, month, quarter, year or total`,
      'grain',
    );
  }
  const allowed = ['organization', ...(costsEndpoint.dimensions as readonly string[])];
  const dimensions = question.dimensions ?? [];
  dimensions.forEach((dimension, index) => {
    if (!allowed.includes(dimension)) {
      throw new ReportQuestionError(
        `"${dimension}" is not a costs dimension; allowed: ${allowed.join(', ')}`,
        `dimensions[${index}]`,
      );
    }
  });
  if (question.top !== undefined && (!Number.isSafeInteger(question.top) || question.top < 1)) {
    throw new ReportQuestionError(
      `${question.top} is not allowed; use a whole number from 1`,
      'top',
    );
  }
  return { grain, dimensions: dimensions.filter((dimension) => dimension !== 'organization') };
}

/** Keeps the `count` groups with the largest amounts; the rest folds into `other` rows. */
function keepTop(rows: MutableRow[], dimensions: readonly string[], count: number): MutableRow[] {
  const keyOf = (row: MutableRow) =>
    JSON.stringify([
      row.organization,
      row.currency,
      ...dimensions.map((name) => row.values[name] ?? null),
    ]);
  const amounts = new Map<string, number>();
  for (const row of rows) amounts.set(keyOf(row), (amounts.get(keyOf(row)) ?? 0) + row.amount);
  if (amounts.size <= count) return rows;
  const kept = new Set(
    [...amounts.entries()]
      .sort((left, right) => right[1] - left[1] || (left[0] < right[0] ? -1 : 1))
      .slice(0, count)
      .map(([key]) => key),
  );
  const others = new Map<string, MutableRow>();
  const result: MutableRow[] = [];
  for (const row of rows) {
    if (kept.has(keyOf(row))) {
      result.push(row);
      continue;
    }
    const key = JSON.stringify([row.organization, row.currency, row.period_start]);
    const other = others.get(key);
    if (other === undefined) {
      others.set(key, {
        ...row,
        row_kind: 'other',
        values: Object.fromEntries(dimensions.map((name) => [name, 'other'])),
        quantities: { ...row.quantities },
      });
    } else merge(other, row);
  }
  return [...result, ...others.values()];
}

/** A validated costs question and its one fetch. */
export interface CostsPlan {
  /** The window, widened to whole UTC days. */
  readonly window: ReportWindow;
  readonly grain: CostsGrain;
  readonly dimensions: readonly string[];
  readonly top: number | undefined;
  /** The Costs API fetch (daily buckets). */
  readonly fetch: EndpointFetch;
  readonly notices: readonly string[];
}

/**
 * Validates a billed-costs question and plans its fetch, before any request.
 *
 * @param question The question.
 *
 * @returns The plan.
 *
 * @throws {ReportQuestionError} When the question is invalid (an hourly grain among others:
 *   costs are daily).
 */
export function planCostsReport(question: CostsQuestion): CostsPlan {
  const { grain, dimensions } = checkCostsQuestion(question);
  const asked =
    typeof question.window === 'object' && 'start' in question.window
      ? question.window
      : resolveWindow(question.window, { now: question.now, timeZone: question.timeZone });
  const window: ReportWindow = Object.freeze({
    ...asked,
    start: Math.floor(asked.start / DAY) * DAY,
    end: Math.ceil(asked.end / DAY) * DAY,
  });
  const notices: string[] = [];
  if (window.start !== asked.start || window.end !== asked.end) {
    notices.push('costs are billed per UTC day: the window is widened to whole UTC days');
  }
  const fetch: EndpointFetch = {
    endpoint: 'costs',
    groupBy: dimensions,
    bucketWidth: '1d',
    params: {
      start_time: window.start,
      end_time: window.end,
      bucket_width: '1d',
      ...(dimensions.length === 0 ? {} : { group_by: dimensions }),
    } as ParamsOf<'costs'>,
  };
  return Object.freeze({ window, grain, dimensions, top: question.top, fetch, notices });
}

/**
 * Answers a billed-costs question ({@link planCostsReport}): fetches the Costs API (daily
 * buckets) from every source, sums amounts exactly per period (UTC days, weeks, months...),
 * organization, dimension values and currency, and keeps quantities per `quantity_unit`.
 *
 * @param question The question.
 * @param options The sources.
 *
 * @returns The costs report.
 *
 * @throws {ReportQuestionError} Before any request when the question is invalid.
 */
export async function runCostsReport(
  question: CostsQuestion,
  options: RunCostsReportOptions,
): Promise<CostsReport> {
  const { window, grain, dimensions, fetch, notices } = planCostsReport(question);
  const rows = new Map<string, MutableRow>();
  const fetched = await fetchSources(
    options.sources,
    [fetch],
    (source, _endpoint, groupBy, buckets: readonly BucketInput[]) => {
      for (const bucket of buckets) {
        const period =
          grain === 'total'
            ? { start: window.start, end: window.end }
            : utcPeriodOf(bucket.start_time, grain);
        const flat = flattenCosts([bucket as unknown as CostsBucketLike]);
        const results = (bucket.results ?? bucket.result ?? []) as readonly Record<
          string,
          unknown
        >[];
        flat.forEach((cost, index) => {
          const result = results[index] ?? {};
          const values: Record<string, DimensionValue> = {};
          for (const dimension of dimensions) {
            const value = groupBy.includes(dimension) ? result[dimension] : null;
            values[dimension] =
              typeof value === 'string' || typeof value === 'boolean' ? value : null;
          }
          const key = JSON.stringify([
            source.label,
            period.start,
            cost.currency,
            ...Object.values(values),
          ]);
          let row = rows.get(key);
          if (row === undefined) {
            row = {
              period_start: period.start,
              period_end: period.end,
              partial: isPartialPeriod(period.start, period.end, window),
              row_kind: 'detail',
              organization: source.label,
              values,
              currency: cost.currency,
              amount: 0,
              quantities: {},
              unknown_amounts: 0,
            };
            rows.set(key, row);
          }
          if (cost.amountMicros === null) row.unknown_amounts += 1;
          else row.amount += cost.amountMicros;
          if (cost.quantity !== null) {
            const unit = cost.quantityUnit ?? NO_UNIT;
            row.quantities[unit] = (row.quantities[unit] ?? 0) + cost.quantity;
          }
        });
      }
    },
    options,
  );
  let list = [...rows.values()].sort(
    (left, right) =>
      left.organization.localeCompare(right.organization) ||
      left.period_start - right.period_start ||
      right.amount - left.amount,
  );
  if (question.top !== undefined && dimensions.length > 0)
    list = keepTop(list, dimensions, question.top);
  const totals = emptyTotals();
  const organizations: Record<string, MutableTotals> = {};
  for (const row of list) {
    addRow(totals, row);
    const perOrganization = organizations[row.organization] ?? emptyTotals();
    organizations[row.organization] = perOrganization;
    addRow(perOrganization, row);
  }
  return {
    window,
    grain,
    dimensions: dimensions.filter((dimension) =>
      options.sources.some(
        (source) => !(fetched.refused.get(source.label)?.get('costs') ?? []).includes(dimension),
      ),
    ),
    rows: list,
    totals: { ...totals, organizations },
    notices: [...notices, ...fetched.notices],
  };
}
