import { neutralizeTerminalText } from '@usagekit/client';
import type { Colors } from './colors';

/** A column of a table. */
export interface TableColumn {
  /** The header text. */
  readonly header: string;
  /** Numbers align right. @default 'left' */
  readonly align?: 'left' | 'right' | undefined;
}

/** What {@link renderTable} draws. */
export interface TableInput {
  /** A line above the table (shown bold). */
  readonly title?: string | undefined;
  readonly columns: readonly TableColumn[];
  /** Cells, already formatted. Untrusted text is neutralised here (`neutralizeTerminalText`). */
  readonly rows: readonly (readonly string[])[];
  /** The totals row, drawn below a rule. */
  readonly totals?: readonly string[] | undefined;
  /** Terminal width. @unit columns */
  readonly width: number;
  readonly colors: Colors;
}

/** Text columns are cut with `…` down to this width before the table turns into records. */
const MIN_TEXT_WIDTH = 12;
const GAP_WIDTH = 2;

function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    width +=
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0x1f300 && code <= 0x1faff) ||
      (code >= 0x20000 && code <= 0x3fffd)
        ? 2
        : 1;
  }
  return width;
}

function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let result = '';
  let used = 0;
  for (const character of text) {
    const next = displayWidth(character);
    if (used + next > width - 1) break;
    result += character;
    used += next;
  }
  return `${result}…`;
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const gap = Math.max(0, width - displayWidth(text));
  return align === 'right' ? ' '.repeat(gap) + text : text + ' '.repeat(gap);
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/**
 * Draws each row as a record, one `header  value` line per column, with a blank line between
 * records: every column stays, however narrow the terminal.
 */
function renderRecords(
  input: TableInput,
  rows: readonly (readonly string[])[],
  totals: readonly string[] | undefined,
): string[] {
  const headerWidth = Math.max(...input.columns.map((column) => displayWidth(column.header)));
  const valueWidth = Math.max(MIN_TEXT_WIDTH, input.width - headerWidth - GAP_WIDTH);
  const record = (cells: readonly string[]) =>
    input.columns.map((column, index) =>
      `${pad(column.header, headerWidth, 'left')}${' '.repeat(GAP_WIDTH)}${truncate(cells[index] ?? '', valueWidth)}`.trimEnd(),
    );
  const output: string[] = [];
  for (const [index, row] of rows.entries()) {
    if (index > 0) output.push('');
    output.push(...record(row));
  }
  if (totals !== undefined) {
    output.push(
      input.colors.dim('─'.repeat(Math.min(input.width, headerWidth + GAP_WIDTH + valueWidth))),
    );
    output.push(...record(totals).map((line) => input.colors.bold(line)));
  }
  return output;
}

/**
 * Draws a table sized to the terminal. When it is too wide, the widest text columns are cut
 * with `…` (not below 12 characters); when it still does not fit, each row is drawn as a record
 * of `header  value` lines instead. No column is ever left out: a narrow terminal or a pipe
 * shows every unit.
 *
 * @param input Columns, rows, totals and width.
 *
 * @returns The text, ending in a newline.
 */
export function renderTable(input: TableInput): string {
  const allRows = [...input.rows, ...(input.totals === undefined ? [] : [input.totals])].map(
    (row) => row.map(neutralizeTerminalText),
  );
  const rows = allRows.slice(0, input.rows.length);
  const totals = input.totals === undefined ? undefined : allRows[input.rows.length];
  const widths = input.columns.map((column, index) =>
    Math.max(displayWidth(column.header), ...allRows.map((row) => displayWidth(row[index] ?? ''))),
  );
  const tableWidth = () => sum(widths) + GAP_WIDTH * (widths.length - 1);
  const isText = (index: number) => input.columns[index]?.align !== 'right';
  let overflow = tableWidth() - input.width;
  while (overflow > 0) {
    const widest = widths
      .map((width, index) => ({ width, index }))
      .filter(({ width, index }) => isText(index) && width > MIN_TEXT_WIDTH)
      .sort((left, right) => right.width - left.width)[0];
    if (widest === undefined) break;
    widths[widest.index] = widest.width - 1;
    overflow -= 1;
  }
  const output: string[] = [];
  if (input.title !== undefined)
    output.push(input.colors.bold(neutralizeTerminalText(input.title)));
  if (tableWidth() > input.width) {
    output.push(...renderRecords(input, rows, totals));
    return `${output.join('\n')}\n`;
  }
  const line = (cells: readonly string[]) =>
    widths
      .map((width, index) =>
        pad(truncate(cells[index] ?? '', width), width, input.columns[index]?.align ?? 'left'),
      )
      .join(' '.repeat(GAP_WIDTH))
      .trimEnd();
  const rule = input.colors.dim(
    widths.map((width) => '─'.repeat(width)).join(' '.repeat(GAP_WIDTH)),
  );
  output.push(input.colors.bold(line(input.columns.map((column) => column.header))), rule);
  for (const row of rows) output.push(line(row));
  if (totals !== undefined) output.push(rule, input.colors.bold(line(totals)));
  return `${output.join('\n')}\n`;
}
