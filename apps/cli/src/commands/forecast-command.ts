import { parseDimensionList } from '../args/dimension-list';
import { loadNames, type NameLookup } from '../data/name-lookup';
import { ExitCode } from '../exit-codes';
import type { DocumentColumn, DocumentRow, OutputDocument } from '../output/document';
import { emitDocument, outputFormat } from '../output/emit-document';
import type { CommandContext } from './command-context';
import { type DataSession, openDataSession } from './data-session';
import { dailySpendByScope, fetchMonthBill } from './month-bill';
import { dimensionColumns } from './usage-columns';

const ORGANIZATION_SCOPE = '\u0000organization';

/**
 * Projects spend to the end of the current UTC month from the Costs API, for each
 * organization and, with `byProject`, each project.
 *
 * @param session The data session.
 * @param byProject Whether to forecast per project too.
 * @param names The id → name lookup.
 *
 * @returns The document.
 */
export async function buildForecastDocument(
  session: DataSession,
  byProject: boolean,
  names: NameLookup | undefined,
): Promise<OutputDocument> {
  const { forecastByDimension } = await import('@usagekit/cost/forecast');
  const window = await fetchMonthBill(session, byProject ? ['project_id'] : []);
  const { series, unknownAmounts } = dailySpendByScope(window.report, (row) => [
    JSON.stringify([row.organization, ORGANIZATION_SCOPE]),
    ...(byProject ? [JSON.stringify([row.organization, row.values.project_id ?? null])] : []),
  ]);
  for (const organization of session.organizationLabels) {
    const key = JSON.stringify([organization, ORGANIZATION_SCOPE]);
    if (!series.has(key)) series.set(key, []);
  }
  const forecasts = forecastByDimension(series, {
    periodStart: window.monthStart,
    periodEnd: window.monthEnd,
    now: session.nowSeconds * 1000,
  });
  const rows: DocumentRow[] = [];
  for (const [key, projection] of forecasts) {
    const [organization, project] = JSON.parse(key) as [string, string | null];
    const row: Record<string, DocumentRow[string]> = Object.create(null);
    row.organization = organization;
    const whole = project === ORGANIZATION_SCOPE;
    row.scope = whole ? 'organization' : 'project';
    row.project_id = whole ? null : project;
    row.project_name = whole || project === null ? null : (names?.name('project', project) ?? null);
    row.actual_to_date = projection.actualToDate;
    row.expected_month_end = projection.total.expected;
    row.low = projection.total.low;
    row.high = projection.total.high;
    row.method = projection.method;
    rows.push(row);
  }
  rows.sort(
    (left, right) =>
      String(left.organization).localeCompare(String(right.organization)) ||
      Number(left.scope === 'project') - Number(right.scope === 'project') ||
      Number(right.expected_month_end) - Number(left.expected_month_end),
  );
  const columns: DocumentColumn[] = [
    ...dimensionColumns('organization'),
    { key: 'scope', header: 'Scope', type: 'text', machineOnly: true },
    ...dimensionColumns('project_id').map((column) =>
      column.tableText === undefined
        ? column
        : {
            ...column,
            tableText: (row: DocumentRow) =>
              row.scope === 'organization' ? '(all projects)' : (column.tableText?.(row) ?? ''),
          },
    ),
    { key: 'actual_to_date', header: 'Month to date', type: 'money' },
    { key: 'expected_month_end', header: 'Month end', type: 'money' },
    { key: 'low', header: 'Low', type: 'money' },
    { key: 'high', header: 'High', type: 'money' },
    { key: 'method', header: 'Method', type: 'text' },
  ];
  return {
    command: 'forecast',
    demo: session.sources.demo,
    organizations: session.organizationLabels,
    range: {
      startTime: Date.parse(`${window.monthStart}T00:00:00Z`) / 1000,
      endTime: Date.parse(`${window.monthEnd}T00:00:00Z`) / 1000 + 86_400,
    },
    timeZone: 'UTC',
    currency: 'usd',
    meta: { month_start: window.monthStart, month_end: window.monthEnd },
    sections: [
      {
        name: 'forecast',
        title: `Month-end forecast for ${window.monthStart.slice(0, 7)} from the bill (${session.organizationLabels.join(', ')})`,
        columns,
        rows,
        notes: [
          'Low-high is an 80% range from the weekday pattern of the last 28 days; months are UTC months (the bill is in UTC days).',
        ],
      },
    ],
    warnings: [
      ...(unknownAmounts > 0
        ? [`${unknownAmounts} cost rows had no amount and are not counted`]
        : []),
      ...window.report.notices,
      ...session.progress.warnings,
    ],
  };
}

/**
 * Runs `usagekit forecast`.
 *
 * @param context The command context.
 *
 * @returns The exit code.
 */
export async function run(context: CommandContext): Promise<number> {
  outputFormat(context.values);
  const session = await openDataSession(context);
  const by = parseDimensionList(context.values.by as string | undefined, ['costs'], []);
  const warnings: string[] = [];
  const names = by.includes('project_id')
    ? await loadNames(session.sources, session.config.aliases ?? {}, warnings)
    : undefined;
  const document = await buildForecastDocument(session, by.includes('project_id'), names);
  emitDocument(context, { ...document, warnings: [...document.warnings, ...warnings] });
  return ExitCode.ok;
}
