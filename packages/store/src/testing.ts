import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A private ClickHouse server for tests, on 127.0.0.1 with its data in a temporary folder. */
export interface ClickHouseTestServer {
  /** The store URL, `clickhouse://127.0.0.1:<port>/<database>`. */
  readonly storeUrl: string;
  /** The HTTP endpoint, `http://127.0.0.1:<port>`. */
  readonly httpUrl: string;
  readonly database: string;
  /** The server's folder (config, data, logs). */
  readonly directory: string;
  /** Stops the server and deletes its folder. */
  stop(): Promise<void>;
}

/** Options of {@link startClickHouseTestServer}. */
export interface ClickHouseTestServerOptions {
  /** The server binary. @default 'clickhouse-server' (Debian's package), found on PATH or /usr/sbin */
  readonly binary?: string | undefined;
  /** The database in `storeUrl`. @default 'usagekit_test' */
  readonly database?: string | undefined;
  /** How long to wait for the server to answer. @unit milliseconds @default 30000 */
  readonly startTimeoutMs?: number | undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function findBinary(name: string): string | undefined {
  if (name.includes('/')) return name;
  for (const candidate of [name, `/usr/sbin/${name}`, `/usr/bin/${name}`]) {
    const probe = spawnSync(candidate, ['--help'], { stdio: 'ignore', timeout: 10_000 });
    if (probe.error === undefined) return candidate;
  }
  return undefined;
}

function configXml(directory: string, httpPort: number, tcpPort: number): string {
  return `<?xml version="1.0"?>
<yandex>
  <logger>
    <level>warning</level>
    <log>${directory}/server.log</log>
    <errorlog>${directory}/error.log</errorlog>
    <size>10M</size>
    <count>1</count>
  </logger>
  <http_port>${httpPort}</http_port>
  <tcp_port>${tcpPort}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${directory}/data/</path>
  <tmp_path>${directory}/tmp/</tmp_path>
  <user_files_path>${directory}/user_files/</user_files_path>
  <format_schema_path>${directory}/format_schemas/</format_schema_path>
  <mark_cache_size>67108864</mark_cache_size>
  <uncompressed_cache_size>67108864</uncompressed_cache_size>
  <max_concurrent_queries>50</max_concurrent_queries>
  <users_config>${directory}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mlock_executable>false</mlock_executable>
</yandex>
`;
}

const usersXml = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;

async function waitForPing(url: string, child: ChildProcess, deadline: number): Promise<void> {
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `exited with ${code ?? signal}`;
  });
  while (Date.now() < deadline) {
    if (exited !== undefined) throw new Error(`clickhouse-server ${exited}`);
    try {
      const response = await fetch(`${url}/ping`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
  throw new Error(`clickhouse-server did not answer ${url}/ping in time`);
}

/**
 * Starts a private ClickHouse server for tests: a config file in a new temporary folder sets
 * free ports on 127.0.0.1 and keeps data and logs in that folder. Fails (never skips) when the
 * server is not installed: `apt-get install clickhouse-server` on Debian.
 *
 * @param options Binary, database and start timeout.
 *
 * @returns The running server.
 */
export async function startClickHouseTestServer(
  options: ClickHouseTestServerOptions = {},
): Promise<ClickHouseTestServer> {
  const binary = findBinary(options.binary ?? 'clickhouse-server');
  if (binary === undefined) {
    throw new Error(
      'clickhouse-server is not installed; install it (Debian: apt-get install clickhouse-server) to run the ClickHouse store tests',
    );
  }
  const directory = await mkdtemp(join(tmpdir(), 'usagekit-clickhouse-'));
  for (const folder of ['data', 'tmp', 'user_files', 'format_schemas']) {
    await mkdir(join(directory, folder), { recursive: true });
  }
  const httpPort = await freePort();
  const tcpPort = await freePort();
  const configFile = join(directory, 'config.xml');
  await writeFile(configFile, configXml(directory, httpPort, tcpPort));
  await writeFile(join(directory, 'users.xml'), usersXml);
  const child = spawn(binary, [`--config-file=${configFile}`], {
    cwd: directory,
    stdio: 'ignore',
  });
  const httpUrl = `http://127.0.0.1:${httpPort}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(directory, { recursive: true, force: true });
  };
  try {
    await waitForPing(httpUrl, child, Date.now() + (options.startTimeoutMs ?? 30_000));
  } catch (error) {
    await stop();
    throw error;
  }
  const database = options.database ?? 'usagekit_test';
  return {
    storeUrl: `clickhouse://127.0.0.1:${httpPort}/${database}`,
    httpUrl,
    database,
    directory,
    stop,
  };
}
