import type { CostsQuestion, CostsReport } from '@usagekit/report';
import { parseDimensionList } from '../args/dimension-list';
import { parseGrain } from '../args/grain';
import { parsePositiveInteger } from '../args/positive-integer';
import { parseWindow } from '../args/time-range';
import type { GroupRow } from '../data/group-row';
import { loadNames } from '../data/name-lookup';
import { reportFlagError } from '../data/report-flag-error';
import { ExitCode } from '../exit-codes';
import type { DocumentColumn, OutputDocument } from '../output/document';
import { emitDocument, outputFormat } from '../output/emit-document';
import type { CommandContext } from './command-context';
import { openDataSession } from './data-session';
import { type GroupedDocumentInput, groupedDocument, withPartialFlags } from './grouped-document';

/** The column of the billed quantity in one `quantity_unit`. */
function quantityKey(unit: string): string {
  return `quantity_${unit.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}`;
}

function costsGroupRow(
  row: Pick<CostsReport['rows'][number], 'values' | 'quantities' | 'unknown_amounts'> & {
    readonly period_start: number | null;
    readonly period_end: number | null;
    readonly organization: string | null;
    readonly amount: number | null;
    readonly partial: boolean;
    readonly other: boolean;
  },
): GroupRow {
  const metrics = new Map<string, number | null>([
    ['amount_value', row.amount],
    ['unknown_amounts', row.unknown_amounts],
  ]);
  for (const [unit, quantity] of Object.entries(row.quantities))
    metrics.set(quantityKey(unit), quantity);
  return {
    periodStart: row.period_start,
    periodEnd: row.period_end,
    dimensions: new Map([['organization', row.organization], ...Object.entries(row.values)]),
    metrics,
    other: row.other || undefined,
    partial: row.partial,
  };
}

/** Input of {@link costsDocument}. */
export interface CostsDocumentInput extends Omit<GroupedDocumentInput, 'rows'> {
  readonly report: CostsReport;
}

/**
 * Builds the costs output: period, dimensions, billed amount (`amount_value`, exact decimal) and
 * the billed quantity per unit (`quantity_tokens`, `quantity_calls`...: never summed across
 * units), with `partial` for periods cut by the window or not over yet.
 *
 * @param input The costs report and context.
 *
 * @returns The document.
 */
export function costsDocument(input: CostsDocumentInput): OutputDocument {
  const { report } = input;
  const whole = report.grain === 'total';
  const rows = report.rows.map((row) =>
    costsGroupRow({
      ...row,
      period_start: whole ? null : row.period_start,
      period_end: whole ? null : row.period_end,
      other: row.row_kind === 'other',
    }),
  );
  const currencies = Object.keys(report.totals.amounts);
  const totals = costsGroupRow({
    period_start: null,
    period_end: null,
    organization: null,
    values: {},
    amount: currencies.length === 1 ? (report.totals.amounts[currencies[0] as string] ?? 0) : null,
    quantities: report.totals.quantities,
    unknown_amounts: report.totals.unknown_amounts,
    partial: report.rows.some((row) => row.partial),
    other: false,
  });
  const columns: DocumentColumn[] = Object.keys(report.totals.quantities).map((unit) => ({
    key: quantityKey(unit),
    header: `Quantity (${unit})`,
    type: 'count',
  }));
  columns.push({ key: 'amount_value', header: 'Billed', type: 'money' });
  columns.push({
    key: 'unknown_amounts',
    header: 'No amount',
    type: 'count',
    machineOnly: report.totals.unknown_amounts === 0,
  });
  const partial = report.rows.map((row) => row.partial);
  const document = groupedDocument(
    { ...input, rows },
    {
      command: 'costs',
      section: { name: 'costs', title: 'Billed cost (Costs API)' },
      columns: [
        ...columns,
        {
          key: 'partial',
          header: 'Partial',
          type: 'flag',
          machineOnly: !partial.includes(true),
        },
      ],
      totals,
      meta: {
        grain: report.grain,
        window: report.window.label,
        dimensions: input.by,
        currency: currencies.length === 1 ? currencies[0] : currencies,
      },
    },
  );
  return withPartialFlags(document, [...partial, partial.includes(true)]);
}

/**
 * Runs `usagekit costs`: the bill by period, project and line item, through the report layer
 * (hourly grains are refused: costs are daily).
 *
 * @param context The command context.
 *
 * @returns The exit code.
 */
export async function run(context: CommandContext): Promise<number> {
  const { values } = context;
  outputFormat(values);
  const session = await openDataSession(context);
  const grain = parseGrain(values.grain as string | undefined, 'day');
  const asked = parseDimensionList(
    values.by as string | undefined,
    ['costs'],
    ['project_id', 'line_item'],
  );
  const top = parsePositiveInteger(values.top as string | undefined, '--top', 10_000);
  const window = parseWindow({
    since: values.since as string | undefined,
    until: values.until as string | undefined,
    nowSeconds: session.nowSeconds,
    timeZone: session.timeZone,
  });
  const { planCostsReport, runCostsReport } = await import('@usagekit/report');
  const question: CostsQuestion = {
    window,
    grain: grain as CostsQuestion['grain'],
    dimensions: asked.filter((dimension) => dimension !== 'endpoint'),
    top,
  };
  const warnings: string[] = [];
  let report: CostsReport;
  let names: Awaited<ReturnType<typeof loadNames>>;
  try {
    planCostsReport(question);
    [report, names] = await Promise.all([
      runCostsReport(question, { sources: await session.reportSources() }),
      loadNames(session.sources, session.config.aliases ?? {}, warnings),
    ]).finally(() => session.reporter.finish());
  } catch (error) {
    throw reportFlagError(error);
  }
  const by =
    session.organizationLabels.length > 1 || asked.includes('organization')
      ? ['organization', ...report.dimensions]
      : [...report.dimensions];
  emitDocument(
    context,
    costsDocument({
      report,
      by,
      grain,
      session,
      range: { startTime: report.window.start, endTime: report.window.end },
      names,
      warnings: [...new Set([...report.notices, ...warnings, ...session.progress.warnings])],
    }),
    grain,
  );
  return ExitCode.ok;
}
