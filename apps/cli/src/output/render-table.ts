import { formatMoney } from '@usagekit/cost';
import type { Colors } from './colors';
import {
  DEMO_NOTICE,
  type DocumentColumn,
  type DocumentRow,
  type OutputDocument,
} from './document';
import { formatBytes, formatCount, formatPercent } from './format-number';
import { renderTable } from './table';

/** A number that is not there: not measured by the row's endpoints, or not known. */
const NOT_MEASURED = '—';

/** Layout of table output. */
export interface TableLayout {
  /** Terminal width. @unit columns */
  readonly width: number;
  /** Short numbers (`1.2M`), forced under 100 columns. */
  readonly compact: boolean;
  readonly colors: Colors;
  /** How periods show in tables (the grain decides: a date for days, a month for months). */
  readonly formatPeriod: (epochSeconds: number) => string;
}

function tableCell(
  column: DocumentColumn,
  row: DocumentRow,
  document: OutputDocument,
  layout: TableLayout,
): string {
  if (column.tableText !== undefined) return column.tableText(row);
  const value = row[column.key];
  if (value === undefined || value === null) return NOT_MEASURED;
  switch (column.type) {
    case 'count':
      return typeof value === 'number' ? formatCount(value, layout.compact) : String(value);
    case 'bytes':
      return typeof value === 'number' ? formatBytes(value) : String(value);
    case 'money':
      return typeof value === 'number' ? formatMoney(value, document.currency) : String(value);
    case 'percent':
      return typeof value === 'number' ? formatPercent(value) : String(value);
    case 'period':
      return typeof value === 'number' ? layout.formatPeriod(value) : String(value);
    case 'flag':
      return value === true ? 'yes' : value === false ? 'no' : String(value);
    default:
      return String(value);
  }
}

/**
 * Renders a document as human-readable tables: a demo banner when the data is simulated, a title
 * per section, totals rows and notes.
 *
 * @param document The document.
 * @param layout Width, compactness, colours and period format.
 *
 * @returns The text.
 */
export function renderDocumentTables(document: OutputDocument, layout: TableLayout): string {
  const parts: string[] = [];
  if (document.demo)
    parts.push(`${layout.colors.yellow(layout.colors.bold(`⚠ ${DEMO_NOTICE}`))}\n`);
  for (const section of document.sections) {
    const columns = section.columns.filter((column) => column.machineOnly !== true);
    const rows = section.rows.map((row) =>
      columns.map((column) => tableCell(column, row, document, layout)),
    );
    const totals =
      section.totals === undefined
        ? undefined
        : columns.map((column, index) => {
            const label =
              column.type === 'text' || column.type === 'period' || column.type === 'flag';
            if (label) return index === 0 ? 'Total' : '';
            return tableCell(column, section.totals as DocumentRow, document, layout);
          });
    const table = renderTable({
      title: section.title,
      columns: columns.map((column) => ({
        header: column.header,
        align:
          column.type === 'text' || column.type === 'period' || column.type === 'flag'
            ? 'left'
            : 'right',
      })),
      rows:
        rows.length === 0 ? [columns.map((_, index) => (index === 0 ? '(no data)' : ''))] : rows,
      totals,
      width: layout.width,
      colors: layout.colors,
    });
    parts.push(
      table + (section.notes ?? []).map((note) => `${layout.colors.dim(note)}\n`).join(''),
    );
  }
  return parts.join('\n');
}
