import {
  createUsageTable,
  type Dimension,
  type DimensionFilter,
  type GroupDimension,
  type RollupResult,
  type RollupRow,
  rollup,
  type UsageTable,
} from '@usagekit/aggregate';
import { createResultPricer, type PriceBook } from '@usagekit/cost';
import type { EndpointName } from '@usagekit/schemas';
import type { BucketSource } from './bucket-source';
import { fetchSources, type ReportEvent } from './fetch-sources';
import { engineGrain } from './grain';
import { describeReportMetric } from './metric-descriptors';
import { planReport, type ReportPlan } from './plan';
import type { ReportQuestion } from './question';
import type { Report, ReportRow, ReportTotals } from './report';
import { isPartialPeriod } from './window';

/** Where a report's data comes from and how it is priced. */
export interface RunReportOptions {
  /** One source per organization, kept apart. */
  readonly sources: readonly BucketSource[];
  /** Prices for the estimate. */
  readonly priceBook: PriceBook;
  /** Told of each endpoint fetched. */
  readonly onEvent?: ((event: ReportEvent) => void) | undefined;
  /** Stops every fetch. */
  readonly signal?: AbortSignal | undefined;
}

/** The dimensions still shown: those some source grouped some endpoint by. */
function shownDimensions(
  plan: ReportPlan,
  sources: readonly BucketSource[],
  refused: ReadonlyMap<string, ReadonlyMap<EndpointName, readonly string[]>>,
): string[] {
  return plan.dimensions.filter((dimension) => {
    if (dimension === 'endpoint') return true;
    return sources.some((source) =>
      plan.fetches.some(
        (fetch) =>
          fetch.groupBy.includes(dimension) &&
          !(refused.get(source.label)?.get(fetch.endpoint) ?? []).includes(dimension),
      ),
    );
  });
}

/**
 * The engine's total over every period: its `grand_total` row, or with one period that period's
 * `total` (the engine adds no grand total then); none when there is no data.
 */
function grandTotalOf(result: RollupResult): RollupRow | undefined {
  const totals = result.rows.filter((row) => row.row_kind === 'total');
  return (
    result.rows.find((row) => row.row_kind === 'grand_total') ??
    (totals.length === 1 ? totals[0] : undefined)
  );
}

function metricsOf(
  row: Partial<RollupRow>,
  names: readonly string[],
): Record<string, number | null> {
  const metrics: Record<string, number | null> = {};
  for (const name of names) {
    const value = row[name];
    metrics[name] = typeof value === 'number' ? value : null;
  }
  return metrics;
}

function rollupOf(table: UsageTable, plan: ReportPlan, by: readonly string[]): RollupResult {
  const filters: Partial<Record<GroupDimension, DimensionFilter>> = {};
  for (const [dimension, values] of Object.entries(plan.filters)) {
    filters[dimension as Dimension] = { include: values };
  }
  return rollup(table, {
    endpoints: plan.fetches.map((fetch) => fetch.endpoint),
    by: by as GroupDimension[],
    grain: engineGrain(plan.grain),
    timeZone: plan.window.timeZone,
    range: { start: plan.window.start, end: plan.window.end },
    filters,
    ...(plan.top === undefined || by.length === 0 ? {} : { top: plan.top }),
    subtotals: true,
  });
}

/** Orders rows by period, groups before `other`, then by estimated cost, highest first. */
function byPeriodThenCost(left: ReportRow, right: ReportRow): number {
  return (
    left.period_start - right.period_start ||
    Number(left.row_kind === 'other') - Number(right.row_kind === 'other') ||
    right.estimated_cost - left.estimated_cost
  );
}

function addTotals(
  into: Record<string, number | null>,
  from: Readonly<Record<string, number | null>>,
): void {
  for (const [name, value] of Object.entries(from)) {
    const current = into[name] ?? null;
    into[name] = value === null ? current : (current ?? 0) + value;
  }
}

/**
 * Answers a report question: plans it (validating before any request), fetches every endpoint
 * from every source at once, ingests each source into its own table priced per result by
 * `@usagekit/cost`, rolls up with the engine, and returns rows (per organization, by period,
 * then by estimated cost) with partial periods marked,
 * exact totals from the engine's grand-total rows, metric descriptors, unpriced usage and
 * notices.
 *
 * @param question The question.
 * @param options Sources, prices and hooks.
 *
 * @returns The report.
 *
 * @throws {ReportQuestionError} Before any request, when the question or sources are invalid.
 */
export async function runReport(
  question: ReportQuestion,
  options: RunReportOptions,
): Promise<Report> {
  const { sources } = options;
  const plan = planReport(question);
  const pricer = createResultPricer(options.priceBook);
  const tables = new Map<string, UsageTable>(
    sources.map((source) => [source.label, createUsageTable({ pricer })]),
  );
  const fetched = await fetchSources(
    sources,
    plan.fetches,
    (source, endpoint, groupBy, buckets) => {
      tables.get(source.label)?.ingestBuckets(endpoint, buckets, {
        groupBy: groupBy as Dimension[],
      });
    },
    options,
  );
  const dimensions = shownDimensions(plan, sources, fetched.refused);
  const notices = new Set<string>([...plan.notices, ...fetched.notices]);
  const rows: ReportRow[] = [];
  const organizations: Record<string, ReportTotals> = {};
  let metricNames: readonly string[] = [];
  const total: Record<string, number | null> = {};
  let totalCost = 0;
  let totalUnpriced = 0;
  for (const source of sources) {
    const result = rollupOf(tables.get(source.label) as UsageTable, plan, dimensions);
    for (const warning of result.warnings) {
      notices.add(sources.length > 1 ? `${source.label}: ${warning}` : warning);
    }
    const names = result.metrics.filter(
      (name) => name !== 'estimated_cost' && name !== 'unpriced_results',
    );
    metricNames = [...new Set([...metricNames, ...names])];
    const grand = grandTotalOf(result);
    const totals: ReportTotals = {
      metrics: grand === undefined ? metricsOf({}, names) : metricsOf(grand, names),
      estimated_cost: Number(grand?.estimated_cost ?? 0),
      unpriced_results: Number(grand?.unpriced_results ?? 0),
    };
    organizations[source.label] = totals;
    addTotals(total, totals.metrics);
    totalCost += totals.estimated_cost;
    totalUnpriced += totals.unpriced_results;
    const sourceRows: ReportRow[] = [];
    for (const row of result.rows) {
      if (row.row_kind !== 'detail' && row.row_kind !== 'other') continue;
      const whole = plan.grain === 'total';
      const periodStart = whole ? plan.window.start : row.period_start;
      const periodEnd = whole ? plan.window.end : row.period_end;
      const values: Record<string, string | boolean | null> = {};
      for (const dimension of dimensions) {
        const value = row[dimension];
        values[dimension] = typeof value === 'number' || value === undefined ? null : value;
      }
      sourceRows.push({
        period_start: periodStart,
        period_end: periodEnd,
        partial: isPartialPeriod(periodStart, periodEnd, plan.window),
        row_kind: row.row_kind,
        organization: source.label,
        values,
        metrics: metricsOf(row, names),
        estimated_cost: Number(row.estimated_cost ?? 0),
        unpriced_results: Number(row.unpriced_results ?? 0),
      });
    }
    rows.push(...sourceRows.sort(byPeriodThenCost));
  }
  return {
    window: plan.window,
    grain: plan.grain,
    bucketWidth: plan.bucketWidth,
    endpoints: plan.fetches.map((fetch) => fetch.endpoint),
    dimensions,
    metrics: metricNames.map(describeReportMetric),
    rows,
    totals: {
      metrics: Object.fromEntries(metricNames.map((name) => [name, total[name] ?? null])),
      estimated_cost: totalCost,
      unpriced_results: totalUnpriced,
      organizations,
    },
    unpriced: pricer.unpriced(),
    notices: [...notices],
  };
}
