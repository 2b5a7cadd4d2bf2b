import { ExitCode } from '../exit-codes';

/**
 * Ends the process quietly when the reader of stdout goes away (`usagekit report | head -1`):
 * a closed pipe means the reader has what it wanted, so it is not an error (exit code 0, nothing
 * on stderr). Any other stream error is rethrown as before.
 *
 * @param stdout The process's stdout.
 * @param exit Ends the process with a code (`process.exit`).
 */
export function exitQuietlyOnBrokenPipe(
  stdout: NodeJS.WritableStream,
  exit: (code: number) => void,
): void {
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    exit(ExitCode.ok);
  });
}

/**
 * Keeps a closed stderr (`2>&1 | head -1`, or a closed log pipe) from crashing the command:
 * warnings that cannot be read are dropped, and the command's exit code stands.
 *
 * @param stderr The process's stderr.
 */
export function ignoreBrokenPipe(stderr: NodeJS.WritableStream): void {
  stderr.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
