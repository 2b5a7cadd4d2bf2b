import type { DocumentRow, DocumentSection, OutputDocument } from './document';

function redactRow(row: DocumentRow, redact: (text: string) => string): DocumentRow {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      typeof value === 'string' ? redact(value) : value,
    ]),
  );
}

function redactSection(
  section: DocumentSection,
  redact: (text: string) => string,
): DocumentSection {
  return {
    ...section,
    title: redact(section.title),
    rows: section.rows.map((row) => redactRow(row, redact)),
    ...(section.totals === undefined ? {} : { totals: redactRow(section.totals, redact) }),
    ...(section.notes === undefined ? {} : { notes: section.notes.map(redact) }),
  };
}

/**
 * Removes keys from a document's text (cells, titles, notes, warnings) before it is rendered, so
 * that no format can hide one: a table would cut a key in a long cell, JSON would escape a
 * backslash in front of an escaped one.
 *
 * @param document The document.
 * @param redact Removes the keys in use from a text.
 *
 * @returns The document with its text redacted.
 */
export function redactDocument(
  document: OutputDocument,
  redact: (text: string) => string,
): OutputDocument {
  return {
    ...document,
    sections: document.sections.map((section) => redactSection(section, redact)),
    warnings: document.warnings.map(redact),
  };
}
