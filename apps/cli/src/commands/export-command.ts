import type { BucketInput } from '@usagekit/aggregate';
import { toDecimalString, toMicros } from '@usagekit/cost';
import type { EndpointFetch } from '@usagekit/report';
import { type EndpointName, getEndpoint, type ParamsOf } from '@usagekit/schemas';
import { parseDimensionList } from '../args/dimension-list';
import { parseEndpointList } from '../args/endpoint-list';
import { parseWindow } from '../args/time-range';
import { formatIsoInZone } from '../args/time-zone';
import { CliError } from '../cli-error';
import { loadNames, NAMED_DIMENSIONS, type NameLookup } from '../data/name-lookup';
import { reportFlagError } from '../data/report-flag-error';
import { ExitCode } from '../exit-codes';
import { type CsvValue, csvLine } from '../output/csv';
import { writeTerminalLines } from '../output/terminal-lines';
import { writeFileAtomic } from '../output/write-atomic';
import type { OutputRedactor } from '../redact';
import type { CommandContext } from './command-context';
import { openDataSession } from './data-session';

type ExportFormat = 'csv' | 'jsonl';

/** Buckets of one endpoint from one organization, with the grouping they were fetched with. */
interface FetchedBuckets {
  readonly organization: string;
  readonly endpoint: EndpointName;
  readonly groupBy: readonly string[];
  readonly buckets: readonly BucketInput[];
}

/** File types an export cannot write: naming one is refused rather than filled with text. */
const UNWRITTEN_EXTENSIONS = ['.parquet', '.pq', '.arrow', '.feather', '.xlsx', '.xls'];

function exportFormat(values: CommandContext['values']): ExportFormat {
  if (typeof values.output === 'string') {
    const output = values.output.toLowerCase();
    const extension = UNWRITTEN_EXTENSIONS.find((candidate) => output.endsWith(candidate));
    if (extension !== undefined) {
      throw new CliError(
        `--output: export writes CSV or JSON Lines, not ${extension.slice(1)}; name the file .csv or .jsonl`,
      );
    }
  }
  const explicit = typeof values.format === 'string' ? values.format.toLowerCase() : undefined;
  if (explicit !== undefined) {
    if (explicit !== 'csv' && explicit !== 'jsonl') {
      throw new CliError(`--format: "${values.format}" is not allowed; use csv or jsonl`);
    }
    return explicit;
  }
  return typeof values.output === 'string' && values.output.toLowerCase().endsWith('.csv')
    ? 'csv'
    : 'jsonl';
}

/** The machine columns of an export over some endpoints, in a stable order. */
export function exportColumns(endpoints: readonly EndpointName[]): string[] {
  const dimensions: string[] = [];
  const metrics: string[] = [];
  for (const name of endpoints) {
    const definition = getEndpoint(name);
    for (const dimension of definition.dimensions as readonly string[]) {
      if (!dimensions.includes(dimension)) dimensions.push(dimension);
    }
    for (const metric of definition.metrics)
      if (!metrics.includes(metric.name)) metrics.push(metric.name);
  }
  const named = dimensions.flatMap((dimension) => {
    const naming = NAMED_DIMENSIONS.get(dimension);
    return naming === undefined ? [dimension] : [dimension, naming.nameField];
  });
  const costsExtras = endpoints.includes('costs') ? ['currency', 'quantity_unit'] : [];
  return [
    'organization',
    'endpoint',
    'start_time',
    'end_time',
    ...named,
    ...metrics,
    ...costsExtras,
    'demo',
  ];
}

/**
 * Every dimension of an endpoint, except `user_id` on costs: the Costs API answers 400 for
 * `user_id` together with `project_id` in some organizations (ask for it with `--by`).
 */
function defaultExportGrouping(endpoint: EndpointName): string[] {
  const dimensions = getEndpoint(endpoint).dimensions as readonly string[];
  return endpoint === 'costs'
    ? dimensions.filter((dimension) => dimension !== 'user_id')
    : [...dimensions];
}

function readPath(result: Record<string, unknown>, path: readonly string[]): unknown {
  let value: unknown = result;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * Runs `usagekit export`: every bucket of every chosen endpoint, one row per bucket, endpoint
 * and group, names beside ids, as CSV or JSON Lines to a file (atomically) or stdout.
 *
 * @param context The command context.
 *
 * @returns The exit code.
 */
export async function run(context: CommandContext): Promise<number> {
  const { values } = context;
  const format = exportFormat(values);
  const session = await openDataSession(context);
  const window = parseWindow({
    since: values.since as string | undefined,
    until: values.until as string | undefined,
    nowSeconds: session.nowSeconds,
    timeZone: session.timeZone,
  });
  const endpoints = parseEndpointList(values.endpoint as string | undefined, true);
  const groupBy = parseDimensionList(values.by as string | undefined, endpoints, []);
  const { chooseBucketWidth, fetchSources } = await import('@usagekit/report');
  const warnings: string[] = [];
  const fetched: FetchedBuckets[] = [];
  let names: NameLookup;
  try {
    const width = chooseBucketWidth(
      'day',
      window,
      (values['bucket-width'] as string | undefined) ?? '1d',
    );
    const fetches = endpoints.map((endpoint): EndpointFetch => {
      const dimensions = getEndpoint(endpoint).dimensions as readonly string[];
      const wanted = values.by === undefined ? defaultExportGrouping(endpoint) : groupBy;
      const grouping = wanted.filter((dimension) => dimensions.includes(dimension));
      const bucketWidth = endpoint === 'costs' ? '1d' : width.bucketWidth;
      const params = {
        start_time: window.start,
        end_time: window.end,
        bucket_width: bucketWidth,
        ...(grouping.length === 0 ? {} : { group_by: grouping }),
      } as ParamsOf<EndpointName>;
      return { endpoint, groupBy: grouping, bucketWidth, params };
    });
    let fetchedNotices: readonly string[];
    [{ notices: fetchedNotices }, names] = await Promise.all([
      fetchSources(
        await session.reportSources(),
        fetches,
        (source, endpoint, grouping, buckets) => {
          fetched.push({ organization: source.label, endpoint, groupBy: grouping, buckets });
        },
      ),
      loadNames(session.sources, session.config.aliases ?? {}, warnings),
    ]).finally(() => session.reporter.finish());
    warnings.push(...fetchedNotices);
    // Fetches finish in any order: the output is by endpoint, then organization, as asked.
    const labels = session.organizationLabels;
    fetched.sort(
      (left, right) =>
        endpoints.indexOf(left.endpoint) - endpoints.indexOf(right.endpoint) ||
        labels.indexOf(left.organization) - labels.indexOf(right.organization),
    );
  } catch (error) {
    throw reportFlagError(error);
  }
  const columns = exportColumns(endpoints);
  const demo = session.sources.demo;
  const lines = exportLines(
    fetched,
    columns,
    format,
    names,
    session.timeZone,
    demo,
    context.redactor,
  );
  if (typeof values.output === 'string') {
    await writeFileAtomic(values.output, lines);
    if (values.quiet !== true) {
      context.io.stderr.write(`wrote ${values.output} (${format}${demo ? ', DEMO DATA' : ''})\n`);
    }
  } else {
    for (const line of lines) context.io.stdout.write(line);
  }
  if (values.quiet !== true) {
    writeTerminalLines(
      context.io.stderr,
      [...new Set([...warnings, ...session.progress.warnings])].map(
        (warning) => `warning: ${warning}`,
      ),
    );
  }
  return ExitCode.ok;
}

/**
 * The export's lines, CSV or JSON Lines. Keys are removed from every value before it is encoded,
 * so neither a file nor stdout can hold one (JSON escaping cannot hide one either).
 */
function* exportLines(
  fetched: readonly FetchedBuckets[],
  columns: readonly string[],
  format: ExportFormat,
  names: NameLookup,
  timeZone: string,
  demo: boolean,
  redactor: OutputRedactor,
): Generator<string> {
  if (format === 'csv') yield csvLine(columns);
  for (const { organization, endpoint, buckets } of fetched) {
    const definition = getEndpoint(endpoint);
    for (const bucket of buckets) {
      const start = formatIsoInZone(bucket.start_time, timeZone);
      const end = formatIsoInZone(bucket.end_time, timeZone);
      for (const result of bucket.results ?? bucket.result ?? []) {
        const source = result as Record<string, unknown>;
        const row = new Map<string, CsvValue>([
          ['organization', organization],
          ['endpoint', endpoint],
          ['start_time', start],
          ['end_time', end],
          ['demo', demo],
        ]);
        for (const dimension of definition.dimensions as readonly string[]) {
          const value = readPath(source, [dimension]);
          const cell = typeof value === 'string' || typeof value === 'boolean' ? value : null;
          row.set(dimension, cell);
          const naming = NAMED_DIMENSIONS.get(dimension);
          if (naming !== undefined) {
            row.set(
              naming.nameField,
              typeof cell === 'string' ? names.name(naming.kind, cell) : null,
            );
          }
        }
        for (const metric of definition.metrics) {
          const value = readPath(source, metric.path);
          if (typeof value !== 'number') row.set(metric.name, null);
          else
            row.set(
              metric.name,
              metric.unit === 'currency' ? toDecimalString(toMicros(value)) : value,
            );
        }
        if (endpoint === 'costs') {
          const currency = readPath(source, ['amount', 'currency']);
          row.set('currency', typeof currency === 'string' ? currency : null);
          const unit = readPath(source, ['quantity_unit']);
          row.set('quantity_unit', typeof unit === 'string' ? unit : null);
        }
        for (const [column, value] of row)
          if (typeof value === 'string') row.set(column, redactor.redact(value));
        if (format === 'csv') yield csvLine(columns.map((column) => row.get(column)));
        else {
          const record: Record<string, CsvValue> = {};
          for (const column of columns)
            if (row.has(column)) record[column] = row.get(column) ?? null;
          yield `${JSON.stringify(record)}\n`;
        }
      }
    }
  }
}
