import type { DataTable, TableCell } from '../shared/api-types';
import { microsToDecimal } from '../shared/money';

const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * Makes one cell safe for spreadsheets and CSV: text that starts like a formula gets a leading
 * `'`, and cells with separators, quotes or line breaks are quoted. Numbers are not text and are
 * written as they are (a negative variance stays a number).
 *
 * @param value The cell's text.
 * @param isText Whether the value came from untrusted text (names, ids).
 *
 * @returns The CSV field.
 */
export function csvField(value: string, isText: boolean): string {
  let field = value;
  if (isText && field.length > 0 && FORMULA_TRIGGERS.has(field[0] as string)) field = `'${field}`;
  if (/[",\r\n]/.test(field)) field = `"${field.replaceAll('"', '""')}"`;
  return field;
}

function cellText(cell: TableCell, kind: string): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (kind === 'money') return microsToDecimal(cell);
  return String(cell);
}

/**
 * Serialises a table as RFC 4180 CSV with a header row, money as exact decimal strings and
 * formula-looking text neutralised.
 *
 * @param table The table.
 *
 * @returns The CSV text, lines ending in CRLF.
 */
export function tableToCsv(table: DataTable): string {
  const lines = [table.columns.map((column) => csvField(column.key, true)).join(',')];
  for (const row of table.rows) {
    const fields = table.columns.map((column, index) => {
      const cell = row.cells[index] ?? null;
      return csvField(cellText(cell, column.kind), typeof cell === 'string');
    });
    lines.push(fields.join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
