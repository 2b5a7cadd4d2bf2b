import type { Report, ReportRow, ReportTotals } from '@usagekit/report';
import type { GroupRow } from './group-row';

function metricMap(metrics: Readonly<Record<string, number | null>>): Map<string, number | null> {
  return new Map(Object.entries(metrics));
}

/**
 * A report row as a document row: its organization and values as dimensions, its metrics
 * (null kept for what the row's endpoints do not measure), cost, unpriced and partial flags.
 *
 * @param row The report row.
 * @param whole Whether the grain is `total` (no period columns).
 *
 * @returns The row.
 */
export function groupRowOf(row: ReportRow, whole: boolean): GroupRow {
  return {
    periodStart: whole ? null : row.period_start,
    periodEnd: whole ? null : row.period_end,
    dimensions: new Map([['organization', row.organization], ...Object.entries(row.values)]),
    metrics: metricMap(row.metrics),
    estimatedMicros: row.estimated_cost,
    unpriced: row.unpriced_results > 0,
    other: row.row_kind === 'other' || undefined,
    partial: row.partial,
  };
}

/**
 * The report's exact totals as a document row (no period, no dimension values).
 *
 * @param report The report.
 * @param totals The totals to show. @default the report's
 *
 * @returns The totals row.
 */
export function totalsRowOf(report: Report, totals: ReportTotals = report.totals): GroupRow {
  return {
    periodStart: null,
    periodEnd: null,
    dimensions: new Map(),
    metrics: metricMap(totals.metrics),
    estimatedMicros: totals.estimated_cost,
    unpriced: totals.unpriced_results > 0,
    partial: report.rows.some((row) => row.partial),
  };
}
