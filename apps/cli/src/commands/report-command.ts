import type { Report, ReportQuestion, ReportWindow } from '@usagekit/report';
import type { EndpointName } from '@usagekit/schemas';
import { parseDimensionList } from '../args/dimension-list';
import { parseEndpointList } from '../args/endpoint-list';
import { type Grain, parseGrain } from '../args/grain';
import { parsePositiveInteger } from '../args/positive-integer';
import { parseWindow, type TimeRange } from '../args/time-range';
import { loadNames } from '../data/name-lookup';
import { loadPriceBook } from '../data/price-rows';
import { reportFlagError } from '../data/report-flag-error';
import { groupRowOf, totalsRowOf } from '../data/report-rows';
import { ExitCode } from '../exit-codes';
import type { DocumentColumn, OutputDocument } from '../output/document';
import { emitDocument, outputFormat } from '../output/emit-document';
import { metricColumns } from '../output/metric-columns';
import type { CommandContext } from './command-context';
import type { DataSession } from './data-session';
import { openDataSession } from './data-session';
import { type GroupedDocumentInput, groupedDocument, withPartialFlags } from './grouped-document';

/** Options of {@link buildReportDocument}. */
export interface ReportOptions {
  /** The range; read as an absolute window in the session's zone unless `window` is given. */
  readonly range: TimeRange;
  /** The window the range came from (its label is kept). */
  readonly window?: ReportWindow | undefined;
  readonly grain: Grain;
  readonly by: readonly string[];
  readonly endpoints: readonly EndpointName[];
  readonly top: number | undefined;
  /** `--bucket-width`, when given. */
  readonly explicitWidth: string | undefined;
  /** Section name and title. */
  readonly section?: { readonly name: string; readonly title: string } | undefined;
}

/**
 * Answers the report question with the report layer (`@usagekit/report`): fetch, price per
 * bucket and roll up, for every organization at once, beside the directory's names.
 *
 * @param session The data session.
 * @param options Range, grain, grouping, endpoints and top-N.
 *
 * @returns The report and the name lookup's warnings.
 */
async function fetchReport(session: DataSession, options: ReportOptions) {
  const { planReport, runReport } = await import('@usagekit/report');
  const question: ReportQuestion = {
    window: options.window ?? { since: options.range.startTime, until: options.range.endTime },
    now: session.nowSeconds,
    timeZone: session.timeZone,
    grain: options.grain,
    dimensions: options.by,
    endpoints: options.endpoints,
    top: options.top === undefined ? undefined : { n: options.top },
    bucketWidth: options.explicitWidth as ReportQuestion['bucketWidth'],
  };
  const warnings: string[] = [];
  try {
    // Validated before any request, the directory's included.
    planReport(question);
    const priceBook = await loadPriceBook(session.config);
    const [report, names] = await Promise.all([
      runReport(question, { sources: await session.reportSources(), priceBook }),
      loadNames(session.sources, session.config.aliases ?? {}, warnings),
    ]).finally(() => session.reporter.finish());
    return { report, names, warnings };
  } catch (error) {
    throw reportFlagError(error);
  }
}

/**
 * Fetches, prices and rolls up usage: the data behind `usagekit report`.
 *
 * @param session The data session.
 * @param options Range, grain, grouping, endpoints and top-N.
 *
 * @returns The document.
 */
export async function buildReportDocument(
  session: DataSession,
  options: ReportOptions,
): Promise<OutputDocument> {
  const { report, names, warnings } = await fetchReport(session, options);
  const unpriced = report.unpriced.map(
    (item) => `${item.model ?? item.endpoint} (${item.unit}): ${item.reason}`,
  );
  const notices = [...report.notices, ...warnings];
  if (unpriced.length > 0) {
    notices.push(
      `some usage has no price and is NOT in the estimated cost (rows marked unpriced): ${unpriced.join('; ')}. Add a price under "prices" in the config.`,
    );
  }
  const by =
    session.organizationLabels.length > 1 && !report.dimensions.includes('organization')
      ? ['organization', ...report.dimensions]
      : options.by.includes('organization')
        ? ['organization', ...report.dimensions]
        : [...report.dimensions];
  return reportDocument({
    report,
    by,
    grain: options.grain,
    session,
    range: { startTime: report.window.start, endTime: report.window.end },
    names,
    warnings: [...new Set([...notices, ...session.progress.warnings])],
    section: options.section,
  });
}

/**
 * Runs `usagekit report`: usage of the chosen endpoints by period and dimensions, priced.
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
  const endpoints = parseEndpointList(values.endpoint as string | undefined);
  const requested = parseDimensionList(values.by as string | undefined, endpoints, []);
  const by =
    values.breakdown === true && !requested.includes('model') ? [...requested, 'model'] : requested;
  const top = parsePositiveInteger(values.top as string | undefined, '--top', 10_000);
  const window = parseWindow({
    since: values.since as string | undefined,
    until: values.until as string | undefined,
    nowSeconds: session.nowSeconds,
    timeZone: session.timeZone,
  });
  const document = await buildReportDocument(session, {
    range: { startTime: window.start, endTime: window.end },
    window,
    grain,
    by,
    endpoints,
    top,
    explicitWidth: values['bucket-width'] as string | undefined,
  });
  emitDocument(context, document, grain);
  return ExitCode.ok;
}

/** Input of {@link reportDocument}. */
export interface ReportDocumentInput extends Omit<GroupedDocumentInput, 'rows'> {
  readonly report: Report;
}

/**
 * Builds the report's output document: period, dimensions (names beside ids), every metric by
 * its API name (null where the row's endpoints do not measure it; tables show the main ones),
 * estimated cost, the unpriced flag and the partial flag.
 *
 * @param input The report and context.
 *
 * @returns The document.
 */
export function reportDocument(input: ReportDocumentInput): OutputDocument {
  const { report } = input;
  const whole = report.grain === 'total';
  const rows = report.rows.map((row) => groupRowOf(row, whole));
  const totals = totalsRowOf(report);
  const columns: DocumentColumn[] = metricColumns(report.metrics, report.totals.metrics);
  columns.push({ key: 'estimated_cost', header: 'Est. cost', type: 'money' });
  columns.push({
    key: 'unpriced',
    header: 'Unpriced',
    type: 'flag',
    machineOnly: totals.unpriced !== true,
  });
  // One period (total grain): said once in a note rather than on every row.
  columns.push({
    key: 'partial',
    header: 'Partial',
    type: 'flag',
    machineOnly: totals.partial !== true || whole,
  });
  const document = groupedDocument(
    { ...input, rows },
    {
      command: 'report',
      section: { name: 'report', title: 'Usage and estimated cost' },
      columns,
      totals,
      meta: {
        grain: report.grain,
        window: report.window.label,
        dimensions: input.by,
        endpoints: report.endpoints,
        bucket_width: report.bucketWidth,
        metrics: report.metrics,
      },
      notes: [
        'Estimated from usage at list prices; the bill (usagekit costs) is the source of truth.',
        ...(totals.partial !== true
          ? []
          : whole
            ? [`Partial: ${report.window.label} is not over yet.`]
            : ['Partial: the period is cut by the window or not over yet.']),
      ],
    },
  );
  return withPartialFlags(document, [...rows.map((row) => row.partial), totals.partial]);
}
