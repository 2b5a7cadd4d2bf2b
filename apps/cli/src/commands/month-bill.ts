import type { DailySpend } from '@usagekit/cost/forecast';
import type { CostsReport, CostsRow } from '@usagekit/report';
import type { DataSession } from './data-session';

/** Days of the bill read before the month starts, for the weekday pattern of a projection. */
const LOOKBACK_DAYS = 28;
const DAY = 86_400;

/** The bill of this UTC month so far, with the days before it that a projection learns from. */
export interface MonthBill {
  /** The month's first UTC day, `YYYY-MM-DD`. */
  readonly monthStart: string;
  /** The month's last UTC day, `YYYY-MM-DD`. */
  readonly monthEnd: string;
  /** Billed costs by UTC day (and the dimensions asked for), from the report layer. */
  readonly report: CostsReport;
}

/**
 * Reads the bill (Costs API) by UTC day through the report layer, from 28 days before this UTC
 * month ("month" in UTC, as every command reads it) to the end of today.
 *
 * @param session The data session.
 * @param dimensions Costs dimensions to group by (`project_id`).
 *
 * @returns The month's first and last day and the costs report.
 */
export async function fetchMonthBill(
  session: DataSession,
  dimensions: readonly string[],
): Promise<MonthBill> {
  const { resolveWindow, runCostsReport } = await import('@usagekit/report');
  const now = session.nowSeconds;
  const month = resolveWindow('month', { now, timeZone: 'UTC' });
  const first = new Date(month.start * 1000);
  const last = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0);
  const report = await runCostsReport(
    {
      window: { since: month.start - LOOKBACK_DAYS * DAY, until: month.end },
      grain: 'day',
      timeZone: 'UTC',
      now,
      dimensions,
    },
    { sources: await session.reportSources() },
  ).finally(() => session.reporter.finish());
  return {
    monthStart: first.toISOString().slice(0, 10),
    monthEnd: new Date(last).toISOString().slice(0, 10),
    report,
  };
}

/** Daily spend series keyed by a scope chosen by the caller. */
export type SpendSeries = Map<string, DailySpend[]>;

/**
 * Sums the bill's daily rows into daily series per scope. Rows the API sent without an amount
 * are unknown, not zero: they are counted in `unknownAmounts` and are not in the sums.
 *
 * @param report The daily costs report.
 * @param scopesOf The scope keys a row counts towards (its project and its organization...).
 *
 * @returns The series, each sorted by day, and how many results had no amount.
 */
export function dailySpendByScope(
  report: CostsReport,
  scopesOf: (row: CostsRow) => readonly string[],
): { series: SpendSeries; unknownAmounts: number } {
  const sums = new Map<string, Map<string, number>>();
  let unknownAmounts = 0;
  for (const row of report.rows) {
    unknownAmounts += row.unknown_amounts;
    const date = new Date(row.period_start * 1000).toISOString().slice(0, 10);
    for (const scope of scopesOf(row)) {
      const days = sums.get(scope) ?? new Map<string, number>();
      days.set(date, (days.get(date) ?? 0) + row.amount);
      sums.set(scope, days);
    }
  }
  const series: SpendSeries = new Map();
  for (const [scope, days] of sums) {
    series.set(
      scope,
      [...days.entries()]
        .sort(([left], [right]) => left.localeCompare(right))
        .map(([date, amountMicros]) => ({ date, amountMicros })),
    );
  }
  return { series, unknownAmounts };
}
