/** Options parsed from the command line. */
export interface ServerOptions {
  readonly host: string;
  readonly port: number;
  /** Whether the host was chosen explicitly with `--host`. */
  readonly hostExplicit: boolean;
  readonly help: boolean;
  /** Serve the existing build instead of building the front end first. */
  readonly skipBuild: boolean;
  /** Log every request with its duration. */
  readonly verbose: boolean;
  /** Monthly organization budget. @unit micro-units of USD */
  readonly budgetMicros: number | undefined;
}

/** Usage text of `pnpm dashboard`. */
export const USAGE = `Usage: pnpm dashboard [--port <n>] [--host <address>]

  --port <n>        Port to listen on (default: a free one)
  --host <address>  Listen on another interface than 127.0.0.1; requires the
                    printed access token on every request
  --budget <usd>    Monthly budget of the organization, e.g. 25000
  --no-build        Serve the existing build in dist/ instead of building first
  --verbose         Log every request with its duration
  --help            Show this text

Environment:
  OPENAI_ADMIN_KEY  Admin key of a real organization (default: the demo organization)
  OPENAI_BASE_URL   API base URL (default: https://api.openai.com/v1)`;

/** A command-line mistake, with a message for the user. */
export class ServerOptionsError extends Error {
  override name = 'ServerOptionsError';
}

/**
 * Parses the dashboard's command-line flags.
 *
 * @param argv Arguments after the script name.
 *
 * @returns The options.
 */
export function parseServerOptions(argv: readonly string[]): ServerOptions {
  let host = '127.0.0.1';
  let port = 0;
  let hostExplicit = false;
  let help = false;
  let skipBuild = false;
  let verbose = false;
  let budgetMicros: number | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index] as string;
    const [name, inline] = flag.includes('=') ? flag.split('=', 2) : [flag, undefined];
    const value = (): string => {
      let next = inline;
      if (next === undefined) {
        index += 1;
        next = argv[index];
      }
      if (next === undefined || next === '') throw new ServerOptionsError(`${name} needs a value`);
      return next;
    };
    if (name === '--') continue;
    if (name === '--help' || name === '-h') help = true;
    else if (name === '--no-build') skipBuild = true;
    else if (name === '--verbose') verbose = true;
    else if (name === '--budget') {
      const text = value();
      if (!/^\d{1,12}(\.\d{1,6})?$/.test(text)) {
        throw new ServerOptionsError(
          `--budget must be an amount in USD like 25000 or 1234.50; got "${text}"`,
        );
      }
      const [units = '0', fraction = ''] = text.split('.');
      budgetMicros = Number(units) * 1_000_000 + Number(fraction.padEnd(6, '0'));
    } else if (name === '--port') {
      const text = value();
      port = Number(text);
      if (!/^\d{1,5}$/.test(text) || port > 65_535) {
        throw new ServerOptionsError(
          `--port must be a whole number from 0 to 65535; got "${text}"`,
        );
      }
    } else if (name === '--host') {
      host = value();
      hostExplicit = true;
    } else if (flag.startsWith('sk-') || name === '--key' || name === '--admin-key') {
      throw new ServerOptionsError(
        'The admin key is never passed as a flag; set the OPENAI_ADMIN_KEY environment variable',
      );
    } else {
      throw new ServerOptionsError(
        `Unknown option "${name}"; allowed: --port, --host, --budget, --no-build, --verbose, --help`,
      );
    }
  }
  return { host, port, hostExplicit, help, skipBuild, verbose, budgetMicros };
}

/**
 * Tells whether an address only accepts connections from this machine.
 *
 * @param host The listening address.
 *
 * @returns Whether it is a loopback address.
 */
export function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost' || host.startsWith('127.');
}
