import { PassThrough } from 'node:stream';
import { runCli } from '../run-cli';

/**
 * Runs the command line in this process (for tests that drive sync and the store), with piped,
 * non-TTY streams collected as text.
 *
 * @param argv The arguments after the program name.
 * @param options Environment, working directory and clock.
 *
 * @returns The exit code and what was written.
 */
export async function runInProcess(
  argv: readonly string[],
  options: { env: Record<string, string>; cwd: string; nowMs: number },
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => {
    out += chunk;
  });
  stderr.on('data', (chunk) => {
    err += chunk;
  });
  const code = await runCli(argv, {
    env: options.env,
    cwd: options.cwd,
    io: { stdout, stderr, stdoutIsTTY: false, stderrIsTTY: false, columns: 120 },
    nowMs: options.nowMs,
  });
  return { code, stdout: out, stderr: err };
}
