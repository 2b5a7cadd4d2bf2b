import type { BudgetStatusView, OverviewResponse } from '../../shared/api-types';
import { formatMoneyShort, formatPercent } from '../../shared/format';
import { getJson } from '../api';
import { element } from '../dom';
import { renderStackedChart } from '../stacked-chart';
import { renderTable } from '../table-view';
import { csvHref, type ViewContext } from '../view-context';

const STATUS_LABELS: Readonly<Record<BudgetStatusView['status'], string>> = {
  on_track: 'On track',
  at_risk: 'At risk',
  over: 'Over budget',
};

function kpi(
  label: string,
  value: string,
  detail: string,
  name: string,
  title?: string,
): HTMLElement {
  return element('section', { className: 'card kpi', attributes: { 'data-kpi': name } }, [
    element('h2', { text: label }),
    element('p', { className: 'kpi-value', text: value, title }),
    element('p', { className: 'kpi-detail', text: detail }),
  ]);
}

function budgetRow(budget: BudgetStatusView, currency: string): HTMLElement {
  const share = budget.limitMicros > 0 ? budget.spentMicros / budget.limitMicros : 0;
  const forecastShare = budget.limitMicros > 0 ? budget.forecastMicros / budget.limitMicros : 0;
  const bar = element('div', { className: 'budget-bar' });
  const spent = element('div', { className: 'budget-spent' });
  spent.style.width = `${Math.min(100, share * 100)}%`;
  const forecast = element('div', { className: 'budget-forecast' });
  forecast.style.width = `${Math.min(100, forecastShare * 100)}%`;
  bar.append(forecast, spent);
  const runsOut = budget.runsOutOn === null ? '' : ` · runs out ${budget.runsOutOn}`;
  return element('li', { className: `budget budget-${budget.status}` }, [
    element('div', { className: 'budget-head' }, [
      element('span', { className: 'budget-scope', text: budget.scope }),
      element('span', { className: 'budget-status', text: STATUS_LABELS[budget.status] }),
    ]),
    bar,
    element('p', {
      className: 'kpi-detail',
      text: `${formatMoneyShort(budget.spentMicros, currency)} of ${formatMoneyShort(budget.limitMicros, currency)} · forecast ${formatMoneyShort(budget.forecastMicros, currency)}${runsOut}`,
    }),
  ]);
}

/**
 * Renders the overview: month-to-date spend estimated and billed, the month-end forecast with
 * its range, the change against the previous period, budgets and the daily bill.
 *
 * @param container Where to render.
 * @param context The view context.
 */
export async function renderOverview(container: HTMLElement, context: ViewContext): Promise<void> {
  const overview = await getJson<OverviewResponse>('/api/overview', context.query);
  const money = (micros: number): string => formatMoneyShort(micros, overview.currency);
  const change = overview.previous.change;
  const unpriced =
    overview.unpricedRows > 0
      ? ` · ${overview.unpricedRows} usage results with unpriced parts, not included`
      : '';
  const cards = element('div', { className: 'kpis' }, [
    kpi(
      'Billed, month to date',
      money(overview.billedMicros),
      `${overview.month} · Costs API`,
      'billed',
    ),
    kpi(
      'Estimated from usage',
      money(overview.estimatedMicros),
      `Priced from usage${unpriced}`,
      'estimated',
    ),
    kpi(
      'Month-end forecast',
      money(overview.forecast.expectedMicros),
      `Range ${money(overview.forecast.lowMicros)} – ${money(overview.forecast.highMicros)}`,
      'forecast',
    ),
    kpi(
      `Change vs ${overview.previous.label}`,
      change === null ? '—' : formatPercent(change, true),
      `${money(overview.previous.billedMicros)} over the same days`,
      'change',
    ),
  ]);
  const budgets = element('section', { className: 'card budgets' }, [
    element('h2', { text: 'Budgets' }),
    overview.budgets.length === 0
      ? element('p', { className: 'note', text: 'No budgets configured.' })
      : element(
          'ul',
          {},
          overview.budgets.map((budget) => budgetRow(budget, overview.currency)),
        ),
  ]);
  const chart = renderStackedChart({
    times: overview.daily.times,
    partial: overview.daily.partial,
    series: [
      {
        key: 'billed',
        label: 'Billed',
        title: 'Costs API, per UTC day',
        values: overview.daily.billedMicros,
      },
    ],
    format: money,
    timeZone: 'UTC',
    grain: 'day',
    height: 220,
  });
  context.onDispose(chart.destroy);
  const daily = element('section', { className: 'card' }, [
    element('h2', { text: `Billed per day, ${overview.month}` }),
    chart.element,
  ]);
  container.replaceChildren(
    cards,
    element('div', { className: 'grid-2' }, [daily, budgets]),
    ...overview.tables.map((table) =>
      renderTable(table, {
        currency: overview.currency,
        csvHref: csvHref(context, 'overview', table.id),
      }),
    ),
  );
}
