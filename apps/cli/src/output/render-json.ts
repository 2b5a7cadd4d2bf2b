import { toDecimalString } from '@usagekit/cost';
import { formatIsoInZone } from '../args/time-zone';
import type { DocumentColumn, DocumentRow, DocumentSection, OutputDocument } from './document';

/**
 * Converts a value to its machine form: periods to ISO 8601 with the zone's offset, money to
 * exact decimal strings.
 *
 * @param column The column.
 * @param value The value.
 * @param timeZone The zone of periods.
 *
 * @returns The machine value.
 */
export function machineValue(
  column: DocumentColumn,
  value: DocumentRow[string],
  timeZone: string,
): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (column.type === 'period' && typeof value === 'number')
    return formatIsoInZone(value, timeZone);
  if (column.type === 'money' && typeof value === 'number') return toDecimalString(value);
  return value;
}

function machineRow(
  section: DocumentSection,
  row: DocumentRow,
  timeZone: string,
): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const column of section.columns) {
    if (column.tableOnly === true) continue;
    record[column.key] = machineValue(column, row[column.key], timeZone);
  }
  return record;
}

function machineSection(section: DocumentSection, timeZone: string): Record<string, unknown> {
  return {
    rows: section.rows.map((row) => machineRow(section, row, timeZone)),
    ...(section.totals === undefined
      ? {}
      : { totals: machineRow(section, section.totals, timeZone) }),
  };
}

/**
 * Renders a document as one JSON object (see the README for the shape).
 *
 * @param document The document.
 *
 * @returns The JSON text with a trailing newline.
 */
export function renderJson(document: OutputDocument): string {
  const { timeZone } = document;
  const [onlySection] = document.sections;
  const body =
    document.sections.length === 1 && onlySection !== undefined
      ? machineSection(onlySection, timeZone)
      : {
          sections: Object.fromEntries(
            document.sections.map((section) => [section.name, machineSection(section, timeZone)]),
          ),
        };
  const output = {
    command: document.command,
    demo: document.demo,
    organizations: document.organizations,
    ...(document.range === undefined
      ? {}
      : {
          range: {
            start: formatIsoInZone(document.range.startTime, timeZone),
            end: formatIsoInZone(document.range.endTime, timeZone),
          },
        }),
    time_zone: timeZone,
    currency: document.currency,
    ...document.meta,
    ...body,
    warnings: document.warnings,
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}
