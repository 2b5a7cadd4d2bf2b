import { rollup } from '@usagekit/aggregate';
import {
  estimateCost,
  pricingDimensions,
  reconcile,
  VARIANCE_REASON_DESCRIPTIONS,
  type VarianceReason,
} from '@usagekit/cost';
import { getEndpoint } from '@usagekit/schemas';
import type { DataTable, TableRow, TablesResponse } from '../../shared/api-types';
import { formatMoneyShort } from '../../shared/format';
import type { DashboardContext } from '../dashboard-context';
import { labelOf } from '../labels';
import type { DashboardQuery } from '../query-params';
import { scopeOf } from '../query-scope';
import { DAY_SECONDS } from '../time-range';

function varianceRow(
  label: string,
  title: string | null,
  estimated: number,
  billed: number,
  extra: (string | null)[] = [],
): TableRow {
  const variance = billed - estimated;
  return {
    cells: [label, estimated, billed, variance, billed === 0 ? null : variance / billed, ...extra],
    titles: [title, null, null, null, null, ...extra.map(() => null)],
  };
}

const VARIANCE_COLUMNS = [
  { key: 'estimated', label: 'Estimated from usage', kind: 'money', estimated: true },
  { key: 'billed', label: 'Billed', kind: 'money' },
  { key: 'variance', label: 'Variance', kind: 'money' },
  { key: 'variance_ratio', label: 'Variance %', kind: 'percent' },
] as const;

/**
 * The estimate-against-bill view: usage priced per UTC day and project (at load, by the cost package),
 * joined with the Costs API by `reconcile`, as variance per day and per project with the reasons
 * found, and the usage that has no price listed as unpriced.
 *
 * @param data The loaded data.
 * @param query The query (range and filters).
 *
 * @returns Variance by day, by project, reasons and unpriced usage.
 */
export function buildReconciliation(data: DashboardContext, query: DashboardQuery): TablesResponse {
  const scope = scopeOf(data, query);
  const lineItems = scope.costsInclude.get('line_item');
  // Usage of the range per UTC day and every dimension that decides a price, priced by the
  // cost package with the prices the usage table was priced with.
  const filters: Record<string, { include: (string | boolean | null)[] }> = Object.create(null);
  for (const [dimension, values] of scope.usageInclude)
    filters[dimension] = { include: [...values] };
  const daily = rollup(data.usage, {
    endpoints: data.usage.endpoints(),
    by: ['endpoint', 'project_id', ...pricingDimensions()],
    grain: 'day',
    timeZone: 'UTC',
    range: scope.range,
    filters,
  });
  const estimate = estimateCost({ rows: daily.rows }, { priceBook: data.priceBook });
  const project = query.project;
  const costs = data.costsBuckets
    .filter(
      (bucket) => bucket.start_time >= scope.range.start && bucket.start_time < scope.range.end,
    )
    .map((bucket) => ({
      ...bucket,
      results: (bucket.results ?? []).filter(
        (result) =>
          (project === undefined || result.project_id === project) &&
          (lineItems === undefined || lineItems.includes(result.line_item ?? null)),
      ),
    }));
  const reconciliation = reconcile({ estimate, costs, now: data.now });

  const byDay = new Map<string, { estimated: number; billed: number }>();
  const byProject = new Map<
    string | null,
    { estimated: number; billed: number; reasons: Set<VarianceReason> }
  >();
  const reasons = new Map<VarianceReason, { groups: number; variance: number }>();
  for (const group of reconciliation.groups) {
    const day = byDay.get(group.date) ?? { estimated: 0, billed: 0 };
    day.estimated += group.estimated;
    day.billed += group.billed;
    byDay.set(group.date, day);
    const projectEntry = byProject.get(group.projectId) ?? {
      estimated: 0,
      billed: 0,
      reasons: new Set(),
    };
    projectEntry.estimated += group.estimated;
    projectEntry.billed += group.billed;
    for (const reason of group.reasons) projectEntry.reasons.add(reason);
    byProject.set(group.projectId, projectEntry);
    for (const reason of group.reasons) {
      const entry = reasons.get(reason) ?? { groups: 0, variance: 0 };
      entry.groups += 1;
      entry.variance += group.variance;
      reasons.set(reason, entry);
    }
  }
  const excluded = scope.excluded;
  const dayTable: DataTable = {
    id: 'variance-by-day',
    title: 'Estimate vs bill by day (UTC)',
    columns: [{ key: 'date', label: 'Day', kind: 'text' }, ...VARIANCE_COLUMNS],
    rows: excluded
      ? []
      : [...byDay.entries()]
          .sort(([left], [right]) => right.localeCompare(left))
          .map(([date, entry]) => ({
            ...varianceRow(date, null, entry.estimated, entry.billed),
            // The day in progress: usage and the bill are both still growing.
            partial: Date.parse(`${date}T00:00:00Z`) / 1000 + DAY_SECONDS > data.now,
          })),
    notes: [
      `Totals: estimated ${formatMoneyShort(reconciliation.totals.estimated)}, billed ${formatMoneyShort(reconciliation.totals.billed)}, variance ${formatMoneyShort(reconciliation.totals.variance)} (billed − estimated). Variance % is of the bill.`,
    ],
  };
  const projectTable: DataTable = {
    id: 'variance-by-project',
    title: 'Estimate vs bill by project',
    columns: [
      { key: 'project', label: 'Project', kind: 'text' },
      ...VARIANCE_COLUMNS,
      { key: 'reasons', label: 'Reasons', kind: 'text' },
    ],
    rows: excluded
      ? []
      : [...byProject.entries()]
          .sort(
            ([, left], [, right]) =>
              Math.abs(right.billed - right.estimated) - Math.abs(left.billed - left.estimated),
          )
          .map(([id, entry]) => {
            const label = labelOf(data.names, 'project_id', id);
            return varianceRow(label.label, label.title, entry.estimated, entry.billed, [
              [...entry.reasons].sort().join(', ') || null,
            ]);
          }),
    notes: [
      'Rows with no project are organization-level charges; that is normal for the Costs API.',
    ],
  };
  const reasonTable: DataTable = {
    id: 'variance-reasons',
    title: 'Why they differ',
    columns: [
      { key: 'reason', label: 'Reason', kind: 'text' },
      { key: 'explanation', label: 'What it means', kind: 'text' },
      { key: 'groups', label: 'Day × project groups', kind: 'number' },
      { key: 'variance', label: 'Variance in those groups', kind: 'money' },
    ],
    rows: excluded
      ? []
      : [...reasons.entries()]
          .sort(([, left], [, right]) => Math.abs(right.variance) - Math.abs(left.variance))
          .map(([reason, entry]) => ({
            cells: [reason, VARIANCE_REASON_DESCRIPTIONS[reason], entry.groups, entry.variance],
          })),
    notes: [],
  };
  const unpriced = estimate.unpriced;
  const unpricedTable: DataTable = {
    id: 'unpriced-usage',
    title: 'Unpriced usage (not counted as $0)',
    columns: [
      { key: 'endpoint', label: 'Endpoint', kind: 'text' },
      { key: 'model', label: 'Model', kind: 'text' },
      { key: 'unit', label: 'Unit', kind: 'text' },
      { key: 'quantity', label: 'Quantity', kind: 'number' },
      { key: 'reason', label: 'Why', kind: 'text' },
    ],
    rows: excluded
      ? []
      : [...unpriced]
          .sort((left, right) => right.quantity - left.quantity)
          .map((entry) => ({
            cells: [
              entry.endpoint,
              entry.model ?? getEndpoint(entry.endpoint).label,
              entry.unit,
              entry.quantity,
              entry.reason,
            ],
          })),
    notes:
      unpriced.length === 0
        ? ['Every unit of usage in this range has a price.']
        : ['This usage is left out of the estimate; the bill may include it.'],
  };
  return {
    tables: [dayTable, projectTable, reasonTable, unpricedTable],
    warnings: [],
  };
}
