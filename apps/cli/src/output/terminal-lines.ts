import { neutralizeTerminalText } from '@usagekit/client';

/**
 * Writes lines of text to a terminal stream (warnings, errors, notices), each neutralised first:
 * control characters, escape sequences and bidi overrides in text from the API cannot reach the
 * terminal. The one writer of stderr lines, beside the table renderer for stdout.
 *
 * @param stream Where to write (stderr).
 * @param lines The lines, without line ends.
 */
export function writeTerminalLines(stream: NodeJS.WritableStream, lines: Iterable<string>): void {
  for (const line of lines) stream.write(`${neutralizeTerminalText(line)}\n`);
}
