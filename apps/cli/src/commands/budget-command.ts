import type { Budget, BudgetStatus } from '@usagekit/cost/budgets';
import { CliError } from '../cli-error';
import type { BudgetConfig } from '../config/config-schema';
import type { DataSources } from '../data/data-source';
import { loadNames, type NameLookup } from '../data/name-lookup';
import { ExitCode } from '../exit-codes';
import type { DocumentColumn, DocumentRow, OutputDocument } from '../output/document';
import { emitDocument, outputFormat } from '../output/emit-document';
import { checkBudgetScopes, type DirectoryProject } from './budget-scope';
import type { CommandContext } from './command-context';
import { type DataSession, openDataSession } from './data-session';
import { dailySpendByScope, fetchMonthBill } from './month-bill';

function scopeText(budget: BudgetConfig): string {
  const parts = [
    budget.organization === undefined ? undefined : `org ${budget.organization}`,
    budget.project === undefined ? undefined : `project ${budget.project}`,
  ].filter((part) => part !== undefined);
  return parts.length === 0 ? 'all spend' : parts.join(', ');
}

function matches(
  budget: BudgetConfig,
  organization: string,
  projectId: string | null,
  names: NameLookup,
): boolean {
  if (budget.organization !== undefined && budget.organization !== organization) return false;
  if (budget.project === undefined) return true;
  if (projectId === null) return false;
  return budget.project === projectId || budget.project === names.name('project', projectId);
}

async function directoryProjects(sources: DataSources): Promise<DirectoryProject[]> {
  const lists = await Promise.all(
    sources.organizations.map(async ({ label, client }) =>
      (await client.directory.projects(sources.callOptions())).map((project) => ({
        organization: label,
        id: project.id,
      })),
    ),
  );
  return lists.flat();
}

function toMicrosExact(amount: number | string): number {
  const [whole = '0', fraction = ''] = String(amount).split('.');
  return Number(whole) * 1_000_000 + Number(fraction.padEnd(6, '0').slice(0, 6));
}

/**
 * Evaluates the config's monthly budgets against the bill: spent this UTC month, the month-end
 * projection, status and the day the budget runs out at the current pace.
 *
 * @param session The data session.
 * @param names The id → name lookup (budgets may name projects by name).
 *
 * @returns The document and the statuses.
 */
export async function buildBudgetDocument(
  session: DataSession,
  names: NameLookup,
): Promise<{ document: OutputDocument; statuses: BudgetStatus[] }> {
  const { evaluateBudgets } = await import('@usagekit/cost/budgets');
  const configured = session.config.budgets ?? [];
  if (configured.length === 0) {
    throw new CliError(
      'no budgets in the config file',
      ExitCode.config,
      'add e.g. "budgets": [{ "name": "All spend", "amount": 5000 }] to usagekit.config.json',
    );
  }
  for (const budget of configured) {
    if (
      budget.organization !== undefined &&
      !session.organizationLabels.includes(budget.organization)
    ) {
      throw new CliError(
        `budget "${budget.name}": organization "${budget.organization}" is not among the organizations read (${session.organizationLabels.join(', ')})`,
        ExitCode.config,
      );
    }
  }
  const window = await fetchMonthBill(session, ['project_id']);
  const matched = new Set<number>();
  const { series, unknownAmounts } = dailySpendByScope(window.report, (row) => {
    const projectId = row.values.project_id;
    return configured.flatMap((budget, index) => {
      if (
        !matches(budget, row.organization, typeof projectId === 'string' ? projectId : null, names)
      )
        return [];
      matched.add(index);
      return [String(index)];
    });
  });
  const scopeWarnings = await checkBudgetScopes(configured, {
    matched,
    names,
    projects: () => directoryProjects(session.sources),
  });
  const budgets: Budget[] = configured.map((budget, index) => ({
    id: budget.name,
    scope: String(index),
    amountMicros: toMicrosExact(budget.amount),
    periodStart: window.monthStart,
    periodEnd: window.monthEnd,
    atRiskRatio: (budget.warnAtPercent ?? 90) / 100,
  }));
  const statuses = evaluateBudgets(budgets, series, { now: session.nowSeconds * 1000 });
  const rows: DocumentRow[] = statuses.map((status, index) => {
    const budget = configured[index] as BudgetConfig;
    const row: Record<string, DocumentRow[string]> = Object.create(null);
    row.budget = budget.name;
    row.scope = scopeText(budget);
    row.amount = status.budget.amountMicros;
    row.spent = status.spentMicros;
    row.used_ratio = status.usedRatio;
    row.expected_month_end = status.forecast.total.expected;
    row.status = status.status;
    row.runs_out_on = status.runsOutOn;
    return row;
  });
  const columns: DocumentColumn[] = [
    { key: 'budget', header: 'Budget', type: 'text' },
    { key: 'scope', header: 'Scope', type: 'text' },
    { key: 'amount', header: 'Amount', type: 'money' },
    { key: 'spent', header: 'Spent', type: 'money' },
    {
      key: 'used_ratio',
      header: 'Used',
      type: 'percent',
      tableText: (row) => `${(Number(row.used_ratio) * 100).toFixed(0)}%`,
    },
    { key: 'expected_month_end', header: 'Month end', type: 'money' },
    {
      key: 'status',
      header: 'Status',
      type: 'text',
      tableText: (row) => String(row.status).replace('_', ' ').toUpperCase(),
    },
    { key: 'runs_out_on', header: 'Runs out', type: 'text' },
  ];
  const document: OutputDocument = {
    command: 'budget',
    demo: session.sources.demo,
    organizations: session.organizationLabels,
    range: {
      startTime: Date.parse(`${window.monthStart}T00:00:00Z`) / 1000,
      endTime: session.nowSeconds,
    },
    timeZone: 'UTC',
    currency: 'usd',
    meta: {
      month_start: window.monthStart,
      month_end: window.monthEnd,
      over: statuses.some((status) => status.status === 'over'),
    },
    sections: [
      {
        name: 'budgets',
        title: `Budgets for ${window.monthStart.slice(0, 7)} (UTC month, from the bill)`,
        columns,
        rows,
        notes: [
          `Exit code ${ExitCode.budgetOver} when any budget is over; "at risk" when the month-end projection passes warnAtPercent (default 90%).`,
        ],
      },
    ],
    warnings: [
      ...(unknownAmounts > 0
        ? [`${unknownAmounts} cost rows had no amount and are not counted`]
        : []),
      ...window.report.notices,
      ...session.progress.warnings,
      ...scopeWarnings,
    ],
  };
  return { document, statuses };
}

/**
 * Runs `usagekit budget`: exits with {@link ExitCode.budgetOver} when any budget is over.
 *
 * @param context The command context.
 *
 * @returns The exit code.
 */
export async function run(context: CommandContext): Promise<number> {
  outputFormat(context.values);
  const session = await openDataSession(context);
  const warnings: string[] = [];
  const names = await loadNames(session.sources, session.config.aliases ?? {}, warnings);
  const { document, statuses } = await buildBudgetDocument(session, names);
  emitDocument(context, { ...document, warnings: [...document.warnings, ...warnings] });
  return statuses.some((status) => status.status === 'over') ? ExitCode.budgetOver : ExitCode.ok;
}
