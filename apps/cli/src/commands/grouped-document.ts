import type { GroupRow } from '../data/group-row';
import type { NameLookup } from '../data/name-lookup';
import type { DocumentColumn, OutputDocument } from '../output/document';
import type { DataSession } from './data-session';
import { dimensionColumns, documentRow } from './usage-columns';

/** What a document of grouped rows (`report`, `costs`) is built from. */
export interface GroupedDocumentInput {
  /** The rows, folded to `by` and sorted. */
  readonly rows: readonly GroupRow[];
  /** The grouping dimensions, in column order. */
  readonly by: readonly string[];
  /** The period grain; `total` has no period columns. */
  readonly grain: string;
  /** Where the data came from (demo or not, organizations) and the zone of periods. */
  readonly session: Pick<DataSession, 'sources' | 'organizationLabels' | 'timeZone'>;
  /** The range. @unit seconds since the Unix epoch */
  readonly range: { readonly startTime: number; readonly endTime: number };
  /** The id → name lookup. */
  readonly names: NameLookup | undefined;
  readonly warnings: readonly string[];
  /** Section name and title, when not the command's own. */
  readonly section?: { readonly name: string; readonly title: string } | undefined;
}

/** What differs between the commands that build a grouped document. */
export interface GroupedDocumentParts {
  /** The command name. */
  readonly command: string;
  /** The section's name and title unless the input gives its own. */
  readonly section: { readonly name: string; readonly title: string };
  /** Columns after the period and dimension columns. */
  readonly columns: readonly DocumentColumn[];
  /** The totals row. */
  readonly totals: GroupRow;
  /** Extra top-level JSON fields. */
  readonly meta: Readonly<Record<string, unknown>>;
  /** Lines below the table. */
  readonly notes?: readonly string[] | undefined;
}

/**
 * Builds a one-section document of grouped rows: period columns (unless the grain is `total`),
 * then each dimension's columns (names beside ids), then the command's own columns.
 *
 * @param input Rows and context.
 * @param parts The command, its columns, totals and metadata.
 *
 * @returns The document.
 */
export function groupedDocument(
  input: GroupedDocumentInput,
  parts: GroupedDocumentParts,
): OutputDocument {
  const columns: DocumentColumn[] = [];
  if (input.grain !== 'total') {
    columns.push({ key: 'period_start', header: 'Period', type: 'period' });
    columns.push({ key: 'period_end', header: 'End', type: 'period', machineOnly: true });
  }
  for (const dimension of input.by) columns.push(...dimensionColumns(dimension));
  columns.push(...parts.columns);
  const section = input.section ?? parts.section;
  const { session } = input;
  return {
    command: parts.command,
    demo: session.sources.demo,
    organizations: session.organizationLabels,
    range: input.range,
    timeZone: session.timeZone,
    currency: 'usd',
    meta: parts.meta,
    sections: [
      {
        name: section.name,
        title: `${section.title} (${session.organizationLabels.join(', ')})`,
        columns,
        rows: input.rows.map((row) => documentRow(row, input.by, input.names)),
        totals: documentRow(parts.totals, input.by, undefined),
        ...(parts.notes === undefined ? {} : { notes: parts.notes }),
      },
    ],
    warnings: input.warnings,
  };
}

/**
 * Writes each row's partial flag into the document's rows and totals (in row order).
 *
 * @param document The grouped document (one section).
 * @param flags The partial flag of each row, then of the totals.
 *
 * @returns The document with `partial` in every row.
 */
export function withPartialFlags(
  document: OutputDocument,
  flags: readonly (boolean | undefined)[],
): OutputDocument {
  const mark = <TRow extends object>(row: TRow, index: number): TRow =>
    Object.assign(Object.create(null), row, { partial: flags[index] === true });
  return {
    ...document,
    sections: document.sections.map((section) => ({
      ...section,
      rows: section.rows.map(mark),
      ...(section.totals === undefined
        ? {}
        : { totals: mark(section.totals, section.rows.length) }),
    })),
  };
}
