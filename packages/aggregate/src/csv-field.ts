/** First characters that make a spreadsheet run a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Encodes one CSV field (RFC 4180) that is safe to open in a spreadsheet. Text, which may hold
 * untrusted names from the API, gets a leading `'` when it starts like a formula (`=`, `+`, `-`,
 * `@`, tab or CR); a field holding separators, quotes or line breaks is quoted.
 *
 * @param text The field's text.
 * @param isText Whether it is text rather than a number written out; numbers are never prefixed.
 *
 * @returns The encoded field.
 */
export function csvField(text: string, isText = true): string {
  const field = isText && FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}
