import { type Report, type ReportQuestion, runReport } from '@usagekit/report';
import type { DashboardContext } from './dashboard-context';
import type { DashboardQuery } from './query-params';
import type { QueryScope } from './query-scope';

/** The part of a report question a view chooses; the window and filters come from the query. */
export type ViewQuestion = Omit<ReportQuestion, 'window' | 'timeZone' | 'now' | 'filters'>;

/**
 * Answers a view's question with `@usagekit/report`, as the CLI answers its commands: the
 * query's window in its zone, its project and model filters, over the loaded data.
 *
 * @param data The loaded data.
 * @param query The validated query.
 * @param scope The query's resolved range and filters.
 * @param question Grain, dimensions, endpoints and top-N.
 *
 * @returns The report.
 */
export function dashboardReport(
  data: DashboardContext,
  query: DashboardQuery,
  scope: QueryScope,
  question: ViewQuestion,
): Promise<Report> {
  const filters: Record<string, (string | boolean)[]> = {};
  for (const [dimension, values] of scope.usageInclude) {
    filters[dimension] = values.filter((value) => value !== null);
  }
  return runReport(
    {
      ...question,
      window: { ...scope.range, now: data.now, timeZone: query.tz, label: query.range },
      timeZone: query.tz,
      now: data.now,
      filters,
    },
    { sources: [data.source], priceBook: data.priceBook },
  );
}
