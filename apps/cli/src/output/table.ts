import { neutralizeTerminalText } from '@usagekit/client';
import type { Colors } from './colors';

/** A column of a table. */
export interface TableColumn {
  /** The header text. */
  readonly header: string;
  /** Numbers align right. @default 'left' */
  readonly align?: 'left' | 'right' | undefined;
  /** Dropped first when the terminal is narrow or the layout compact. @default false */
  readonly optional?: boolean | undefined;
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
  /** Drop optional columns. */
  readonly compact: boolean;
  readonly colors: Colors;
}

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

/**
 * Draws a table sized to the terminal: optional columns go first when it does not fit (or in
 * compact layout), then the widest text columns are truncated with `…`.
 *
 * @param input Columns, rows, totals and layout.
 *
 * @returns The table text, ending in a newline.
 */
export function renderTable(input: TableInput): string {
  const gapWidth = 2;
  const allRows = [...input.rows, ...(input.totals === undefined ? [] : [input.totals])].map(
    (row) => row.map(neutralizeTerminalText),
  );
  const naturalWidths = input.columns.map((column, index) =>
    Math.max(displayWidth(column.header), ...allRows.map((row) => displayWidth(row[index] ?? ''))),
  );
  let visible = input.columns.map((_, index) => index);
  const totalWidth = (indexes: number[]) =>
    indexes.reduce((sum, index) => sum + (naturalWidths[index] ?? 0), 0) +
    gapWidth * (indexes.length - 1);
  if (input.compact) visible = visible.filter((index) => input.columns[index]?.optional !== true);
  for (
    let index = input.columns.length - 1;
    index >= 0 && totalWidth(visible) > input.width;
    index -= 1
  ) {
    if (input.columns[index]?.optional === true) visible = visible.filter((kept) => kept !== index);
  }
  const widths = [...naturalWidths];
  let overflow = totalWidth(visible) - input.width;
  while (overflow > 0) {
    const widest = visible
      .filter((index) => input.columns[index]?.align !== 'right')
      .sort((left, right) => (widths[right] ?? 0) - (widths[left] ?? 0))[0];
    if (widest === undefined || (widths[widest] ?? 0) <= 8) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
    overflow -= 1;
  }
  const line = (cells: readonly string[]) =>
    visible
      .map((index) =>
        pad(
          truncate(cells[index] ?? '', widths[index] ?? 0),
          widths[index] ?? 0,
          input.columns[index]?.align ?? 'left',
        ),
      )
      .join(' '.repeat(gapWidth))
      .trimEnd();
  const rule = input.colors.dim(
    visible.map((index) => '─'.repeat(widths[index] ?? 0)).join(' '.repeat(gapWidth)),
  );
  const output: string[] = [];
  if (input.title !== undefined)
    output.push(input.colors.bold(neutralizeTerminalText(input.title)));
  output.push(input.colors.bold(line(input.columns.map((column) => column.header))), rule);
  for (const row of allRows.slice(0, input.rows.length)) output.push(line(row));
  const totals = allRows[input.rows.length];
  if (input.totals !== undefined && totals !== undefined)
    output.push(rule, input.colors.bold(line(totals)));
  return `${output.join('\n')}\n`;
}
