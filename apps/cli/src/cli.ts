import { CliError } from './cli-error';
import { exitQuietlyOnBrokenPipe, ignoreBrokenPipe } from './output/broken-pipe';
import { runCli } from './run-cli';

// `usagekit report | head -1`: the reader is done, which is not an error.
exitQuietlyOnBrokenPipe(process.stdout, (code) => process.exit(code));
ignoreBrokenPipe(process.stderr);

/** `USAGEKIT_NOW` pins the clock (ISO 8601 or epoch milliseconds) for reproducible reports and tests. */
function pinnedNow(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const value = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (Number.isNaN(value))
    throw new CliError(`USAGEKIT_NOW: "${text}" is not an ISO 8601 time or epoch milliseconds`);
  return value;
}

let nowMs: number | undefined;
try {
  nowMs = pinnedNow(process.env.USAGEKIT_NOW);
} catch (error) {
  process.stderr.write(`usagekit: ${(error as Error).message}\n`);
  process.exit(2);
}

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  nowMs,
  cwd: process.cwd(),
  io: {
    stdout: process.stdout,
    stderr: process.stderr,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    // Piped or redirected output is not cut to a width: every column stays on one line.
    columns:
      process.stdout.isTTY === true ? (process.stdout.columns ?? 80) : Number.POSITIVE_INFINITY,
  },
});
