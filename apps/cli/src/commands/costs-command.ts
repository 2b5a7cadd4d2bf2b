import { parseDimensionList } from '../args/dimension-list';
import { parseGrain } from '../args/grain';
import { parsePositiveInteger } from '../args/positive-integer';
import { foldRows, keepTopGroups, sortRows, totalsRow } from '../data/fold-rows';
import type { GroupRow } from '../data/group-row';
import { withoutRefusedDimensions } from '../data/refused-dimensions';
import { rollupUsage } from '../data/rollup-usage';
import { ExitCode } from '../exit-codes';
import type { OutputDocument } from '../output/document';
import { emitDocument, outputFormat } from '../output/emit-document';
import type { CommandContext } from './command-context';
import { fetchWithNames, openDataSession, rangeOfFlags } from './data-session';
import { type GroupedDocumentInput, groupedDocument } from './grouped-document';

function rankByAmount(row: GroupRow): number {
  return row.metrics.get('amount_value') ?? 0;
}

/**
 * Builds the costs output: period, dimensions, billed amount (`amount_value`, exact decimal) and
 * quantity (when grouped by line item).
 *
 * @param input Rows and context.
 *
 * @returns The document.
 */
export function costsDocument(input: GroupedDocumentInput): OutputDocument {
  return groupedDocument(input, {
    command: 'costs',
    section: { name: 'costs', title: 'Billed cost (Costs API)' },
    columns: [
      {
        key: 'quantity',
        header: 'Quantity',
        type: 'count',
        optional: true,
        machineOnly: !input.by.includes('line_item'),
      },
      { key: 'amount_value', header: 'Billed', type: 'money' },
    ],
    totals: totalsRow(input.rows, input.by),
    meta: { grain: input.grain, dimensions: input.by },
  });
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
  const asked = parseDimensionList(
    values.by as string | undefined,
    ['costs'],
    ['project_id', 'line_item'],
  );
  const top = parsePositiveInteger(values.top as string | undefined, '--top', 10_000);
  const range = rangeOfFlags(session, values);
  const warnings: string[] = [];
  const groupBy = asked.filter(
    (dimension) => dimension !== 'organization' && dimension !== 'endpoint',
  );
  const [fetched, names] = await fetchWithNames(
    session,
    [{ endpoint: 'costs', groupBy, bucketWidth: '1d' }],
    range,
    warnings,
  );
  const by = withoutRefusedDimensions(asked, session.sources, ['costs']);
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
      session,
      range,
      names,
      warnings: [...rollup.warnings, ...warnings, ...session.progress.warnings],
    }),
    grain,
  );
  return ExitCode.ok;
}
