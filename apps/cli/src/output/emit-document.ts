import { formatIsoInZone } from '../args/time-zone';
import { CliError } from '../cli-error';
import type { CommandContext } from '../commands/command-context';
import { createColors, shouldColor } from './colors';
import type { OutputDocument } from './document';
import { redactDocument } from './redact-document';
import { renderCsv } from './render-csv';
import { renderJson } from './render-json';
import { renderDocumentTables } from './render-table';
import { writeTerminalLines } from './terminal-lines';

/** The output format chosen by `--json` / `--csv`. */
export type OutputFormat = 'table' | 'json' | 'csv';

/** Below this width tables switch to the compact layout. @unit columns */
export const COMPACT_WIDTH = 100;

/**
 * Reads `--json` / `--csv`, refusing both at once.
 *
 * @param values The parsed options.
 *
 * @returns The format.
 */
export function outputFormat(values: CommandContext['values']): OutputFormat {
  if (values.json === true && values.csv === true) {
    throw new CliError('--json and --csv cannot be used together; choose one');
  }
  return values.json === true ? 'json' : values.csv === true ? 'csv' : 'table';
}

/**
 * The table text of a period for a grain: a date for days and weeks, a month for months, the
 * local time (without seconds) for hours and minutes.
 *
 * @param grain The period grain.
 * @param timeZone The zone.
 *
 * @returns The formatter.
 */
export function periodFormatter(grain: string, timeZone: string): (epochSeconds: number) => string {
  return (epochSeconds) => {
    const iso = formatIsoInZone(epochSeconds, timeZone);
    if (grain === 'month') return iso.slice(0, 7);
    if (grain === 'hour' || grain === 'minute') return iso.slice(0, 16).replace('T', ' ');
    return iso.slice(0, 10);
  };
}

/**
 * Writes a document to stdout in the chosen format, and its warnings, each once, to stderr
 * (unless `--quiet`; JSON carries them in `warnings` too), with the keys in use removed from its
 * text.
 *
 * @param context The command context.
 * @param document The document.
 * @param grain The period grain, for table dates. @default 'day'
 */
export function emitDocument(
  context: CommandContext,
  rawDocument: OutputDocument,
  grain = 'day',
): void {
  const format = outputFormat(context.values);
  const { io } = context;
  // Values first: a key must be gone before a table cuts a cell or JSON escapes it.
  const redacted = redactDocument(rawDocument, context.redactor.redact);
  // Each caveat once, however many layers (client, report layer, command) noticed it.
  const document = { ...redacted, warnings: [...new Set(redacted.warnings)] };
  if (format === 'json') io.stdout.write(renderJson(document));
  else if (format === 'csv') io.stdout.write(renderCsv(document));
  else {
    const colors = createColors(
      shouldColor(io.stdoutIsTTY, context.env, context.values['no-color'] === true),
    );
    io.stdout.write(
      renderDocumentTables(document, {
        width: io.columns,
        compact: context.values.compact === true || io.columns < COMPACT_WIDTH,
        colors,
        formatPeriod: periodFormatter(grain, document.timeZone),
      }),
    );
  }
  if (context.values.quiet !== true) {
    writeTerminalLines(
      io.stderr,
      document.warnings.map((warning) => `warning: ${warning}`),
    );
  }
}
