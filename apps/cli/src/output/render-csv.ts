import { csvLine } from './csv';
import type { DocumentColumn, OutputDocument } from './document';
import { machineValue } from './render-json';

/**
 * Renders a document as CSV: one header line, then one line per row (totals rows have
 * `row_type` = `total`). Every line carries `demo` (true for demo data); documents with several
 * sections get a `section` column and the union of their columns.
 *
 * @param document The document.
 *
 * @returns The CSV text (CRLF line ends).
 */
export function renderCsv(document: OutputDocument): string {
  const multiple = document.sections.length > 1;
  const columns = new Map<string, DocumentColumn>();
  for (const section of document.sections) {
    for (const column of section.columns) {
      if (column.tableOnly !== true && !columns.has(column.key)) columns.set(column.key, column);
    }
  }
  const header = [...(multiple ? ['section'] : []), 'row_type', ...columns.keys(), 'demo'];
  let text = csvLine(header);
  for (const section of document.sections) {
    const rows = [
      ...section.rows.map((row) => ['row', row] as const),
      ...(section.totals === undefined ? [] : [['total', section.totals] as const]),
    ];
    for (const [rowType, row] of rows) {
      const cells = [...columns.values()].map((column) =>
        machineValue(column, row[column.key], document.timeZone),
      );
      text += csvLine([...(multiple ? [section.name] : []), rowType, ...cells, document.demo]);
    }
  }
  return text;
}
