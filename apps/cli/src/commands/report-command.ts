import { type EndpointName, getEndpoint } from '@usagekit/schemas';
import { parseDimensionList } from '../args/dimension-list';
import { parseEndpointList } from '../args/endpoint-list';
import { chooseBucketWidth, type Grain, MAX_RANGE_DAYS, parseGrain } from '../args/grain';
import { parsePositiveInteger } from '../args/positive-integer';
import type { TimeRange } from '../args/time-range';
import { attachCosts } from '../data/attach-costs';
import { foldRows, keepTopGroups, sortRows, totalsRow } from '../data/fold-rows';
import type { GroupRow } from '../data/group-row';
import { loadPriceBook, priceUsage } from '../data/price-rows';
import { withoutRefusedDimensions } from '../data/refused-dimensions';
import { rollupUsage } from '../data/rollup-usage';
import { ExitCode } from '../exit-codes';
import type { DocumentColumn, OutputDocument } from '../output/document';
import { emitDocument, outputFormat } from '../output/emit-document';
import type { CommandContext } from './command-context';
import { type DataSession, fetchWithNames, openDataSession, rangeOfFlags } from './data-session';
import { type GroupedDocumentInput, groupedDocument } from './grouped-document';
import { TABLE_METRICS } from './usage-columns';

/** The grain that keeps one row per fetched bucket, so each is priced on its own. */
const WIDTH_GRAIN = { '1m': 'minute', '1h': 'hour', '1d': 'day' } as const;

function metricsOf(endpoints: readonly EndpointName[]): string[] {
  const names: string[] = [];
  for (const endpoint of endpoints) {
    for (const metric of getEndpoint(endpoint).metrics)
      if (!names.includes(metric.name)) names.push(metric.name);
  }
  return names;
}

function rankByCost(row: GroupRow): number {
  return (row.estimatedMicros ?? 0) * 1e3 + (row.metrics.get('input_tokens') ?? 0) / 1e6;
}

/** Options of {@link buildReportDocument}. */
export interface ReportOptions {
  readonly range: TimeRange;
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
 * Fetches, rolls up and prices usage: the data behind `usagekit report`.
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
  const { range, grain, endpoints } = options;
  const { pricingDimensions } = await import('@usagekit/cost');
  const width = chooseBucketWidth({
    grain,
    timeZone: session.timeZone,
    range,
    explicit: options.explicitWidth,
  });
  // Usage is fetched and priced at the detail that decides a price, then folded to `by`.
  const fetchGroupBy = [...new Set([...options.by, ...pricingDimensions()])].filter(
    (dimension) => dimension !== 'endpoint' && dimension !== 'organization',
  );
  const warnings: string[] = [];
  const [fetched, names] = await fetchWithNames(
    session,
    endpoints.map((endpoint) => ({
      endpoint,
      groupBy: fetchGroupBy,
      bucketWidth: width.bucketWidth,
    })),
    range,
    warnings,
  );
  const by = withoutRefusedDimensions(options.by, session.sources, endpoints);
  const fineBy = [...new Set(['organization', 'endpoint', ...fetchGroupBy, ...by])];
  const priceBook = await loadPriceBook(session.config);
  const [priced, rollup] = await Promise.all([
    priceUsage(
      fetched,
      { by: fineBy, grain: WIDTH_GRAIN[width.bucketWidth], timeZone: 'UTC', range },
      priceBook,
    ),
    rollupUsage(fetched, { by: ['organization', ...by], grain, timeZone: session.timeZone, range }),
  ]);
  let rows = attachCosts(foldRows(rollup.rows, by), priced.rows, by);
  if (options.top !== undefined && by.length > 0)
    rows = keepTopGroups(rows, by, options.top, rankByCost);
  rows = sortRows(rows, rankByCost);
  const totals = totalsRow(rows, by);
  const metrics = metricsOf(endpoints).filter((metric) => rollup.metrics.includes(metric));
  if (width.reason !== undefined) warnings.push(width.reason);
  if (priced.unpriced.length > 0) {
    warnings.push(
      `some usage has no price and is NOT in the estimated cost (rows marked unpriced): ${priced.unpriced.join('; ')}. Add a price under "prices" in the config.`,
    );
  }
  return reportDocument({
    rows,
    totals,
    by,
    metrics,
    grain,
    session,
    range,
    names,
    warnings: [...rollup.warnings, ...warnings, ...session.progress.warnings],
    meta: { grain, dimensions: by, endpoints, bucket_width: width.bucketWidth },
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
  const explicitWidth = values['bucket-width'] as string | undefined;
  const range = rangeOfFlags(
    session,
    values,
    grain === 'hour' || explicitWidth === '1h' ? MAX_RANGE_DAYS['1h'] : MAX_RANGE_DAYS['1d'],
  );
  const document = await buildReportDocument(session, {
    range,
    grain,
    by,
    endpoints,
    top,
    explicitWidth,
  });
  emitDocument(context, document, grain);
  return ExitCode.ok;
}

/** Input of {@link reportDocument}. */
export interface ReportDocumentInput extends GroupedDocumentInput {
  readonly totals: GroupRow;
  readonly metrics: readonly string[];
  readonly meta: Readonly<Record<string, unknown>>;
}

/**
 * Builds the report's output document: period, dimensions (names beside ids), every metric by
 * its API name (tables show the main ones), estimated cost and the unpriced flag.
 *
 * @param input Rows, totals and context.
 *
 * @returns The document.
 */
export function reportDocument(input: ReportDocumentInput): OutputDocument {
  const presentMetrics = input.metrics.filter(
    (metric) => (input.totals.metrics.get(metric) ?? 0) !== 0,
  );
  const columns: DocumentColumn[] = [];
  for (const metric of input.metrics) {
    const shown = TABLE_METRICS.get(metric);
    const inTable = shown !== undefined && presentMetrics.includes(metric);
    columns.push({
      key: metric,
      header: shown?.header ?? metric,
      type: shown?.bytes === true ? 'bytes' : 'count',
      optional: shown?.optional,
      machineOnly: !inTable,
    });
  }
  columns.push({ key: 'estimated_cost', header: 'Est. cost', type: 'money' });
  columns.push({
    key: 'unpriced',
    header: 'Unpriced',
    type: 'flag',
    machineOnly: input.totals.unpriced !== true,
    optional: true,
  });
  return groupedDocument(input, {
    command: 'report',
    section: { name: 'report', title: 'Usage and estimated cost' },
    columns,
    totals: input.totals,
    meta: input.meta,
    notes: [
      'Estimated from usage at list prices; the bill (usagekit costs) is the source of truth.',
    ],
  });
}
