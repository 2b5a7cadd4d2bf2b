import { homedir } from 'node:os';
import { join, resolve, win32 } from 'node:path';

/** Where a store is: a DuckDB file, or a ClickHouse server and database. */
export type StoreLocation =
  | {
      readonly kind: 'duckdb';
      /** The database file (absolute), or `:memory:`. */
      readonly path: string;
    }
  | {
      readonly kind: 'clickhouse';
      /** The server's HTTP(S) endpoint, without credentials or database. */
      readonly url: string;
      readonly database: string;
      readonly username?: string | undefined;
      readonly password?: string | undefined;
      /** The URL to show: credentials replaced by `***`. */
      readonly display: string;
    };

/** What the default location depends on (injected in tests). */
export interface StoreEnvironment {
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** @default process.platform */
  readonly platform?: NodeJS.Platform | undefined;
  /** @default os.homedir() */
  readonly homeDirectory?: string | undefined;
}

/** The file name of the default DuckDB store. */
export const DEFAULT_STORE_FILE = 'usage.duckdb';

/**
 * The default DuckDB store of the current user: `$XDG_DATA_HOME/usagekit/usage.duckdb`, else
 * `~/.local/share/usagekit/usage.duckdb` on Linux and other Unixes;
 * `~/Library/Application Support/usagekit/usage.duckdb` on macOS;
 * `%LOCALAPPDATA%\usagekit\usage.duckdb` on Windows.
 *
 * @param environment Environment variables, platform and home folder.
 *
 * @returns The path.
 */
export function defaultStorePath(environment: StoreEnvironment = {}): string {
  const env = environment.env ?? process.env;
  const platform = environment.platform ?? process.platform;
  const home = environment.homeDirectory ?? homedir();
  if (platform === 'win32') {
    const base = env.LOCALAPPDATA || win32.join(home, 'AppData', 'Local');
    return win32.join(base, 'usagekit', DEFAULT_STORE_FILE);
  }
  if (platform === 'darwin') {
    return join(home, 'Library', 'Application Support', 'usagekit', DEFAULT_STORE_FILE);
  }
  const dataHome = env.XDG_DATA_HOME?.startsWith('/')
    ? env.XDG_DATA_HOME
    : join(home, '.local', 'share');
  return join(dataHome, 'usagekit', DEFAULT_STORE_FILE);
}

const urlPattern = /^([a-z][a-z0-9+.-]+):\/\//i;

/**
 * Reads a store location: a `clickhouse://host:8123/db` URL (`clickhouses://` for TLS; `http://`
 * and `https://` work too; the path names the database, default `usagekit`; `user:password@` is
 * accepted), or a DuckDB file path (relative to `cwd`), or `:memory:`.
 *
 * @param text The location.
 * @param cwd The folder relative paths start from. @default process.cwd()
 *
 * @returns The location.
 */
export function parseStoreLocation(text: string, cwd: string = process.cwd()): StoreLocation {
  const trimmed = text.trim();
  if (trimmed === '') throw new RangeError('store location is empty');
  if (trimmed === ':memory:') return { kind: 'duckdb', path: ':memory:' };
  const scheme = urlPattern.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === undefined) return { kind: 'duckdb', path: resolve(cwd, trimmed) };
  const protocols: Record<string, { protocol: string; port: string }> = {
    clickhouse: { protocol: 'http:', port: '8123' },
    clickhouses: { protocol: 'https:', port: '8443' },
    http: { protocol: 'http:', port: '8123' },
    https: { protocol: 'https:', port: '8443' },
  };
  const target = protocols[scheme];
  if (target === undefined) {
    throw new RangeError(
      `store "${scheme}://..." is not supported: use a DuckDB file path or clickhouse://host:8123/database`,
    );
  }
  let url: URL;
  try {
    url = new URL(`http${trimmed.slice(scheme.length)}`);
  } catch {
    throw new RangeError(`store URL "${trimmed}" cannot be read`);
  }
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  if (segments.length > 1) {
    throw new RangeError(`store URL path "${url.pathname}" must name one database`);
  }
  const database = decodeURIComponent(segments[0] ?? 'usagekit');
  const port = url.port === '' ? target.port : url.port;
  const username = url.username === '' ? undefined : decodeURIComponent(url.username);
  const password = url.password === '' ? undefined : decodeURIComponent(url.password);
  const credentials =
    username === undefined ? '' : `${username}${password === undefined ? '' : ':***'}@`;
  return {
    kind: 'clickhouse',
    url: `${target.protocol}//${url.hostname}:${port}`,
    database,
    username,
    password,
    display: `${scheme}://${credentials}${url.hostname}:${port}/${database}`,
  };
}

/** Options of {@link resolveStoreLocation}. */
export interface ResolveStoreOptions extends StoreEnvironment {
  /** An explicit location (`--store`), winning over `USAGEKIT_STORE`. */
  readonly store?: string | undefined;
  /** The folder relative paths start from. @default process.cwd() */
  readonly cwd?: string | undefined;
}

/**
 * Chooses the store: `store` (the `--store` flag), else `USAGEKIT_STORE`, else the per-user
 * default DuckDB file ({@link defaultStorePath}).
 *
 * @param options The flag, environment and platform.
 *
 * @returns The location.
 */
export function resolveStoreLocation(options: ResolveStoreOptions = {}): StoreLocation {
  const env = options.env ?? process.env;
  const explicit =
    options.store !== undefined && options.store !== '' ? options.store : env.USAGEKIT_STORE;
  if (explicit !== undefined && explicit !== '') {
    return parseStoreLocation(explicit, options.cwd);
  }
  return { kind: 'duckdb', path: defaultStorePath({ ...options, env }) };
}

/**
 * How a location is shown to people (a ClickHouse password never is).
 *
 * @param location The location.
 *
 * @returns The text.
 */
export function describeStoreLocation(location: StoreLocation): string {
  return location.kind === 'duckdb' ? location.path : location.display;
}
