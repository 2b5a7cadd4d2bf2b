import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildFrontEnd, DIST_DIRECTORY } from '../build/front-end-build';
import { createAccessToken } from './access-token';
import { startDashboardServer } from './http-server';
import { PortInUseError } from './port-in-use-error';
import { isLoopback, parseServerOptions, ServerOptionsError, USAGE } from './server-options';
import { loadStaticFiles, type StaticFile } from './static-files';
import { createUsageData } from './usage-data';

async function main(): Promise<void> {
  const options = parseServerOptions(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return;
  }
  if (!isLoopback(options.host) && !options.hostExplicit) {
    throw new ServerOptionsError('Listening beyond 127.0.0.1 needs an explicit --host');
  }
  const accessToken = isLoopback(options.host) ? undefined : createAccessToken();
  // Listen first: a port in use fails at once, before the build. The page is served once built.
  const staticFiles = new Map<string, StaticFile>();
  const adminKey = process.env.OPENAI_ADMIN_KEY;
  let reportedPercent = 0;
  const data = createUsageData({
    adminKey: adminKey === '' ? undefined : adminKey,
    baseURL: process.env.OPENAI_BASE_URL,
    monthlyBudgetMicros: options.budgetMicros,
    onProgress: (progress) => {
      if (progress.total === 0) return;
      const percent = Math.floor((progress.done / progress.total) * 100);
      if (process.stderr.isTTY) {
        process.stderr.write(
          `\rLoading usage: ${progress.done}/${progress.total} requests (${percent}%)  `,
        );
      } else if (percent >= reportedPercent + 25) {
        reportedPercent = percent - (percent % 25);
        console.error(`Loading usage: ${progress.done}/${progress.total} requests (${percent}%)`);
      }
    },
  });
  const server = await startDashboardServer({
    service: data,
    staticFiles,
    host: options.host,
    port: options.port,
    accessToken,
    onRequest: options.verbose ? (line) => console.error(line) : undefined,
    redact: data.redact,
  });
  if (!options.skipBuild || !existsSync(join(DIST_DIRECTORY, 'index.html'))) {
    console.error('Building the front end…');
    await buildFrontEnd();
  }
  for (const [path, file] of await loadStaticFiles(DIST_DIRECTORY)) staticFiles.set(path, file);
  console.log(
    `usagekit dashboard: ${server.url}${data.status().demo ? ' (demo organization)' : ''}`,
  );
  if (accessToken !== undefined) {
    console.log(
      `Access token (shown once; the link sets a cookie): ${server.url}?token=${accessToken}`,
    );
  }
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const started = performance.now();
  await data.load();
  const status = data.status();
  if (status.state === 'ready') {
    console.error(`\nLoaded in ${((performance.now() - started) / 1000).toFixed(1)} s; ready.`);
  } else {
    console.error(`\nLoading failed: ${status.error ?? 'unknown error'}`);
  }
  for (const notice of status.notices) console.error(`Notice: ${notice}`);
}

main().catch((error: unknown) => {
  if (error instanceof PortInUseError) {
    console.error(error.message);
    process.exitCode = 2;
    return;
  }
  console.error(error instanceof ServerOptionsError ? error.message : error);
  process.exitCode = 1;
});
