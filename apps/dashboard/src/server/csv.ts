import { csvField } from '@usagekit/aggregate';
import type { DataTable, TableCell } from '../shared/api-types';
import { microsToDecimal } from '../shared/money';

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
