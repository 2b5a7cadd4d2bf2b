import { parseDimensionList } from '../args/dimension-list';
import { parseGrain } from '../args/grain';
import { parsePositiveInteger } from '../args/positive-integer';
import { parseTimeRange } from '../args/time-range';
import { fetchEndpoints } from '../data/fetch-endpoints';
import { foldRows, keepTopGroups, sortRows, totalsRow } from '../data/fold-rows';
import type { GroupRow } from '../data/group-row';
import { loadNames, type NameLookup } from '../data/name-lookup';
import { rollupUsage } from '../data/rollup-usage';
import { ExitCode } from '../exit-codes';
import type { DocumentColumn, OutputDocument } from '../output/document';
import { emitDocument, outputFormat } from '../output/emit-document';
import type { CommandContext } from './command-context';
import { openDataSession } from './data-session';
import { dimensionColumns, documentRow } from './usage-columns';

function rankByAmount(row: GroupRow): number {
  return row.metrics.get('amount_value') ?? 0;
}

/** Input of {@link costsDocument}. */
export interface CostsDocumentInput {
  readonly rows: readonly GroupRow[];
  readonly by: readonly string[];
  readonly grain: string;
  readonly demo: boolean;
  readonly organizations: readonly string[];
  readonly range: { readonly startTime: number; readonly endTime: number };
  readonly timeZone: string;
  readonly names: NameLookup | undefined;
  readonly warnings: readonly string[];
  readonly section?: { readonly name: string; readonly title: string } | undefined;
}

/**
 * Builds the costs output: period, dimensions, billed amount (`amount_value`, exact decimal) and
 * quantity (when grouped by line item).
 *
 * @param input Rows and context.
 *
 * @returns The document.
 */
export function costsDocument(input: CostsDocumentInput): OutputDocument {
  const columns: DocumentColumn[] = [];
  if (input.grain !== 'total') {
    columns.push({ key: 'period_start', header: 'Period', type: 'period' });
    columns.push({ key: 'period_end', header: 'End', type: 'period', machineOnly: true });
  }
  for (const dimension of input.by) columns.push(...dimensionColumns(dimension));
  columns.push({
    key: 'quantity',
    header: 'Quantity',
    type: 'count',
    optional: true,
    machineOnly: !input.by.includes('line_item'),
  });
  columns.push({ key: 'amount_value', header: 'Billed', type: 'money' });
  const totals = totalsRow(input.rows, input.by);
  return {
    command: 'costs',
    demo: input.demo,
    organizations: input.organizations,
    range: input.range,
    timeZone: input.timeZone,
    currency: 'usd',
    meta: { grain: input.grain, dimensions: input.by },
    sections: [
      {
        name: input.section?.name ?? 'costs',
        title: `${input.section?.title ?? 'Billed cost (Costs API)'} (${input.organizations.join(', ')})`,
        columns,
        rows: input.rows.map((row) => documentRow(row, input.by, input.names)),
        totals: documentRow(totals, input.by, undefined),
      },
    ],
    warnings: input.warnings,
  };
}

/**
 * Runs `usagekit costs`: the bill by period, project and line item.
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
  const by = parseDimensionList(
    values.by as string | undefined,
    ['costs'],
    ['project_id', 'line_item'],
  );
  const top = parsePositiveInteger(values.top as string | undefined, '--top', 10_000);
  const range = parseTimeRange({
    since: values.since as string | undefined,
    until: values.until as string | undefined,
    nowSeconds: session.nowSeconds,
    timeZone: session.timeZone,
  });
  const warnings: string[] = [];
  const groupBy = by.filter(
    (dimension) => dimension !== 'organization' && dimension !== 'endpoint',
  );
  const [fetched, names] = await Promise.all([
    fetchEndpoints(session.sources, [{ endpoint: 'costs', groupBy, bucketWidth: '1d' }], range),
    loadNames(session.sources, session.config.aliases ?? {}, warnings),
  ]).finally(() => session.reporter.finish());
  const rollup = await rollupUsage(fetched, {
    by: [...new Set(['organization', ...by])],
    grain,
    timeZone: session.timeZone,
    range,
  });
  let rows = foldRows(rollup.rows, by);
  if (top !== undefined && by.length > 0) rows = keepTopGroups(rows, by, top, rankByAmount);
  rows = sortRows(rows, rankByAmount);
  emitDocument(
    context,
    costsDocument({
      rows,
      by,
      grain,
      demo: session.sources.demo,
      organizations: session.organizationLabels,
      range,
      timeZone: session.timeZone,
      names,
      warnings: [...rollup.warnings, ...warnings, ...session.progress.drift],
    }),
    grain,
  );
  return ExitCode.ok;
}
