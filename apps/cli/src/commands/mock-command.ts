import { isIP } from 'node:net';
import { parsePositiveInteger } from '../args/positive-integer';
import { CliError } from '../cli-error';
import { ExitCode } from '../exit-codes';
import { writeFileAtomic } from '../output/write-atomic';
import type { CommandContext } from './command-context';

function parseShare(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const share = Number(text);
  if (!/^\d*\.?\d+$/.test(text) || !(share >= 0 && share < 1)) {
    throw new CliError(
      `--faults: "${text}" is not allowed; use a share from 0 up to (not including) 1, e.g. 0.2`,
    );
  }
  return share;
}

/**
 * Masks a key for display: the first characters and the length, never the secret part.
 *
 * @param key The key.
 *
 * @returns The masked key (`sk-admin-usa…` and its length).
 */
export function maskKey(key: string): string {
  return `${key.slice(0, 12)}… (${key.length} characters)`;
}

/**
 * Runs `usagekit mock`: serves the demo organization's simulated API over HTTP on 127.0.0.1
 * until Ctrl-C. The demo key is public by design but is still not printed in full: `--key-file`
 * writes it to a file (mode 0600) for `OPENAI_ADMIN_KEY=$(cat file)`.
 *
 * @param context The command context.
 *
 * @returns The exit code.
 */
export async function run(context: CommandContext): Promise<number> {
  const { values, io } = context;
  const port = parsePositiveInteger(values.port as string | undefined, '--port', 65_535) ?? 0;
  const host = (values.host as string | undefined) ?? '127.0.0.1';
  if (host !== 'localhost' && isIP(host) === 0) {
    throw new CliError(
      `--host: "${host}" is not an IP address; use 127.0.0.1 (default) or another interface address`,
    );
  }
  const share = parseShare(values.faults as string | undefined);
  const latencyMs = parsePositiveInteger(
    values['latency-ms'] as string | undefined,
    '--latency-ms',
    60_000,
  );
  const [{ startMockServer }, { DEMO_ADMIN_KEY }] = await Promise.all([
    import('@usagekit/mock/server'),
    import('@usagekit/mock'),
  ]);
  const faults =
    share === undefined && latencyMs === undefined
      ? undefined
      : {
          ...(latencyMs === undefined ? {} : { latencyMs }),
          ...(share === undefined
            ? {}
            : {
                rateLimitShare: share / 4,
                internalErrorShare: share / 4,
                unavailableShare: share / 4,
                dropConnectionShare: share / 8,
                truncateBodyShare: share / 8,
              }),
        };
  let server: Awaited<ReturnType<typeof startMockServer>>;
  try {
    server = await startMockServer({
      port,
      host,
      now: context.nowMs,
      ...(faults === undefined ? {} : { faults }),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      `cannot listen on ${host}:${port}${code === undefined ? '' : ` (${code})`}`,
      ExitCode.usage,
    );
  }
  const keyFile = values['key-file'] as string | undefined;
  if (keyFile !== undefined) await writeFileAtomic(keyFile, [`${DEMO_ADMIN_KEY}\n`], 0o600);
  if (values.json === true) {
    io.stdout.write(
      `${JSON.stringify({ command: 'mock', demo: true, url: server.url, base_url: server.baseURL, key_file: keyFile ?? null })}\n`,
    );
  } else {
    io.stdout.write(
      [
        `usagekit mock: the demo organization's simulated Usage and Costs API (DEMO DATA)`,
        `  base URL   ${server.baseURL}`,
        `  admin key  ${maskKey(DEMO_ADMIN_KEY)}${keyFile === undefined ? ' (use --key-file <file> to get it)' : ` written to ${keyFile}`}`,
        ...(host === '127.0.0.1' || host === 'localhost' || host === '::1'
          ? []
          : [`  WARNING: listening on ${host}, not only this machine`]),
        '',
        'Point a client at it:',
        `  export OPENAI_BASE_URL=${server.baseURL}`,
        `  export OPENAI_ADMIN_KEY="$(cat ${keyFile ?? '<key file>'})"`,
        `  curl -H "Authorization: Bearer $OPENAI_ADMIN_KEY" "$OPENAI_BASE_URL/organization/costs?start_time=$(( $(date +%s) - 604800 ))"`,
        '',
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return ExitCode.ok;
}
