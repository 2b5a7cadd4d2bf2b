import { type Budget, evaluateBudgets } from '@usagekit/cost/budgets';
import { type DailySpend, forecast } from '@usagekit/cost/forecast';
import type { BudgetStatusView, DataTable, OverviewResponse } from '../../shared/api-types';
import type { DashboardContext } from '../dashboard-context';
import { dashboardReport } from '../dashboard-report';
import { labelOf } from '../labels';
import type { DashboardQuery } from '../query-params';
import { scopeOf } from '../query-scope';
import { type SliceValue, sliceTable } from '../table-slice';
import { DAY_SECONDS, monthToDate, type TimeRange } from '../time-range';

/** Days of bill history the forecast learns its weekday pattern from. */
const LOOKBACK_DAYS = 56;

function isoDay(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/**
 * The overview: month-to-date spend estimated and billed, the month-end forecast with its range,
 * the change against the same days of last month, budgets, and the daily bill. The estimate is a
 * report of `@usagekit/report` over the month to date; the bill is still cut from the loaded
 * costs table, because the report layer's costs question takes no project or model filter.
 *
 * @param data The loaded data.
 * @param query The query (filters; the period is always this month).
 *
 * @returns The overview.
 */
export async function buildOverview(
  data: DashboardContext,
  query: DashboardQuery,
): Promise<OverviewResponse> {
  const scope = scopeOf(data, query);
  const periods = monthToDate(data.now);
  const history: TimeRange = {
    start: periods.current.start - LOOKBACK_DAYS * DAY_SECONDS,
    end: data.now,
  };
  const billedDaily = sliceTable(data.billing, {
    now: data.now,
    endpoints: ['costs'],
    by: ['project_id'],
    grain: 'day',
    timeZone: 'UTC',
    range: { start: Math.min(history.start, periods.previous.start), end: data.now },
    include: scope.costsInclude,
    metrics: ['amount_value'],
  });
  const organizationDaily = new Map<number, number>();
  const projectDaily = new Map<SliceValue, Map<number, number>>();
  for (const row of billedDaily.rows) {
    const amount = row.sums[0] ?? 0;
    organizationDaily.set(row.period, (organizationDaily.get(row.period) ?? 0) + amount);
    const project = row.key[0] ?? null;
    const series = projectDaily.get(project) ?? new Map<number, number>();
    series.set(row.period, (series.get(row.period) ?? 0) + amount);
    projectDaily.set(project, series);
  }
  const sumIn = (series: ReadonlyMap<number, number>, range: TimeRange): number => {
    let total = 0;
    for (const [period, amount] of series)
      if (period >= range.start && period < range.end) total += amount;
    return total;
  };
  const toDaily = (series: ReadonlyMap<number, number>): DailySpend[] =>
    [...series.entries()]
      .filter(([period]) => period >= history.start)
      .map(([period, amount]) => ({ date: isoDay(period), amountMicros: amount }));

  const billed = scope.excluded ? 0 : sumIn(organizationDaily, periods.current);
  const previousBilled = scope.excluded ? 0 : sumIn(organizationDaily, periods.previous);
  const estimate = await dashboardReport(
    data,
    query,
    { ...scope, range: periods.current },
    { grain: 'total' },
  );
  const estimated = scope.excluded ? 0 : estimate.totals.estimated_cost;
  const unpricedRows = scope.excluded ? 0 : estimate.totals.unpriced_results;
  const monthEnd = isoDay(periods.month.end - DAY_SECONDS);
  const projection = forecast(toDaily(organizationDaily), {
    periodEnd: monthEnd,
    now: data.now * 1000,
  });

  // Budgets: the configured monthly one, or for the demo a plausible set derived from last month.
  const lastMonth = { start: periods.previous.start, end: periods.current.start };
  const budgets: Budget[] = [];
  const monthBudget =
    data.monthlyBudgetMicros ??
    (data.demo ? Math.ceil((sumIn(organizationDaily, lastMonth) * 1.1) / 1e8) * 1e8 : undefined);
  if (monthBudget !== undefined && monthBudget > 0) {
    budgets.push({
      id: 'organization',
      scope: 'organization',
      amountMicros: monthBudget,
      periodStart: isoDay(periods.month.start),
      periodEnd: monthEnd,
      atRiskRatio: 1,
    });
  }
  if (data.demo) {
    const ranked = [...projectDaily.entries()]
      .filter(([project]) => typeof project === 'string')
      .map(([project, series]) => ({ project: project as string, last: sumIn(series, lastMonth) }))
      .filter((entry) => entry.last > 0)
      .sort((left, right) => right.last - left.last)
      .slice(0, 3);
    ranked.forEach((entry, index) => {
      const factor = [0.9, 1.05, 1.3][index] ?? 1;
      budgets.push({
        id: `project-${index}`,
        scope: `project_id:${entry.project}`,
        amountMicros: Math.ceil((entry.last * factor) / 1e7) * 1e7,
        periodStart: isoDay(periods.month.start),
        periodEnd: monthEnd,
        atRiskRatio: 0.95,
      });
    });
  }
  const spendByScope = new Map<string, DailySpend[]>([
    ['organization', toDaily(organizationDaily)],
  ]);
  for (const [project, series] of projectDaily)
    if (typeof project === 'string') spendByScope.set(`project_id:${project}`, toDaily(series));
  const statuses = evaluateBudgets(budgets, spendByScope, { now: data.now * 1000 });
  const budgetViews: BudgetStatusView[] = statuses.map((status) => {
    const scopeText = status.budget.scope;
    const name =
      scopeText === 'organization'
        ? `${data.organization?.name ?? 'Organization'} (monthly)`
        : labelOf(data.names, 'project_id', scopeText.slice('project_id:'.length)).label;
    return {
      scope: name,
      limitMicros: status.budget.amountMicros,
      spentMicros: status.spentMicros,
      forecastMicros: status.forecast.total.expected,
      status: status.status,
      runsOutOn: status.runsOutOn,
    };
  });
  const dailyTimes: number[] = [];
  const dailyBilled: number[] = [];
  const dailyPartial: boolean[] = [];
  for (let day = periods.current.start; day < data.now; day += DAY_SECONDS) {
    dailyTimes.push(day);
    dailyBilled.push(scope.excluded ? 0 : (organizationDaily.get(day) ?? 0));
    dailyPartial.push(day + DAY_SECONDS > data.now);
  }
  const budgetTable: DataTable = {
    id: 'budgets',
    title: 'Budgets this month',
    columns: [
      { key: 'scope', label: 'Scope', kind: 'text' },
      { key: 'budget', label: 'Budget', kind: 'money' },
      { key: 'spent', label: 'Spent', kind: 'money' },
      { key: 'forecast', label: 'Forecast', kind: 'money' },
      { key: 'status', label: 'Status', kind: 'text' },
      { key: 'runs_out_on', label: 'Runs out on', kind: 'text' },
    ],
    rows: budgetViews.map((budget) => ({
      cells: [
        budget.scope,
        budget.limitMicros,
        budget.spentMicros,
        budget.forecastMicros,
        budget.status.replace('_', ' '),
        budget.runsOutOn,
      ],
    })),
    notes:
      data.demo && data.monthlyBudgetMicros === undefined
        ? ['Demo budgets, derived from last month’s bill.']
        : [],
  };
  return {
    currency: 'usd',
    month: periods.label,
    estimatedMicros: estimated,
    billedMicros: billed,
    unpricedRows,
    forecast: {
      expectedMicros: projection.total.expected,
      lowMicros: projection.total.low,
      highMicros: projection.total.high,
    },
    previous: {
      label: periods.previousLabel,
      billedMicros: previousBilled,
      change: previousBilled === 0 ? null : (billed - previousBilled) / previousBilled,
    },
    budgets: budgetViews,
    daily: { times: dailyTimes, billedMicros: dailyBilled, partial: dailyPartial },
    tables: [budgetTable],
  };
}
