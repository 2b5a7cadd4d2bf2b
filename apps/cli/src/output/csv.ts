import { csvField } from '@usagekit/aggregate';
/** A CSV cell value. */
export type CsvValue = string | number | boolean | null | undefined;

const plainNumber = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * Encodes one CSV cell (RFC 4180). Text that a spreadsheet would run as a formula (starting with
 * `=`, `+`, `-`, `@`, tab or CR) gets a leading `'`; plain numbers are left alone.
 *
 * @param value The value; null and undefined become an empty cell.
 *
 * @returns The encoded cell.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // Exact decimal amounts are written as text; only text that is not a plain number is neutralised.
  return csvField(value, !plainNumber.test(value));
}

/**
 * Encodes one CSV line, ending in CRLF.
 *
 * @param values The cells.
 *
 * @returns The line.
 */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
