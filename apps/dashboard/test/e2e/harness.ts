import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { APP_ROOT } from '../../src/build/front-end-build';
import type { StatusResponse } from '../../src/shared/api-types';

/** Debian's Chromium, which CI installs (`.ci/run`). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** A dashboard server running as a child process, as `pnpm dashboard` runs it. */
export interface ServerProcess {
  readonly url: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts `src/server/main.ts` on 127.0.0.1 with a random port and waits for the URL it prints.
 * Without `api`, it reads the demo organization (no admin key in its environment).
 *
 * @param timeoutMs How long to wait for the URL.
 * @param api The admin key and base URL of an API to read instead (a mock server).
 *
 * @returns The running server.
 */
export async function startServerProcess(
  timeoutMs: number,
  api?: { readonly adminKey: string; readonly baseURL: string },
): Promise<ServerProcess> {
  const environment = { ...process.env };
  delete environment.OPENAI_ADMIN_KEY;
  delete environment.OPENAI_BASE_URL;
  if (api !== undefined) {
    environment.OPENAI_ADMIN_KEY = api.adminKey;
    environment.OPENAI_BASE_URL = api.baseURL;
  }
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--conditions=@usagekit/source',
      '--import',
      'tsx',
      'src/server/main.ts',
      '--port',
      '0',
      '--no-build',
    ],
    { cwd: APP_ROOT, env: environment, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The server printed no URL in time:\n${output}`)),
      timeoutMs,
    );
    const check = (): void => {
      const match = /usagekit dashboard: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Polls the status until the data has loaded. A poll that fails on the network counts as "not
 * yet": on a loaded machine the server's event loop can be busy loading for seconds, and a
 * kept-alive connection it closes meanwhile fails the next request on it.
 *
 * @param server The server.
 * @param timeoutMs How long to wait.
 *
 * @returns The status once ready.
 */
export async function waitUntilLoaded(
  server: ServerProcess,
  timeoutMs: number,
): Promise<StatusResponse> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    let status: StatusResponse | undefined;
    try {
      const response = await fetch(new URL('/api/status', server.url));
      status = (await response.json()) as StatusResponse;
    } catch (error) {
      lastError = error;
    }
    if (status?.state === 'ready') return status;
    if (status?.state === 'failed') throw new Error(`Loading failed: ${status.error}`);
    if (Date.now() > deadline) {
      const cause =
        lastError instanceof Error ? `${lastError.message} (${String(lastError.cause)})` : '';
      throw new Error(`Still loading after ${timeoutMs} ms ${cause}:\n${server.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** One request or response the browser exchanged, with its body. */
export interface TrafficEntry {
  readonly url: string;
  readonly headers: string;
  readonly body: string;
}

/** A browser with a fresh profile, recording all traffic and console errors. */
export interface RecordedBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly traffic: TrafficEntry[];
  readonly consoleErrors: string[];
  /** Waits for the pending response bodies to be recorded. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Launches Debian's Chromium headless with a fresh user-data directory, recording every request
 * and response body and every console error. Fails with a clear message when Chromium is
 * missing, instead of skipping.
 *
 * @returns The recorded browser.
 */
export async function launchRecordedBrowser(): Promise<RecordedBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}; the dashboard's browser tests need it. Install it with "apt-get install chromium" (.ci/run does this in CI).`,
    );
  }
  const userDataDirectory = await mkdtemp(join(tmpdir(), 'usagekit-dashboard-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDirectory, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1360, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const traffic: TrafficEntry[] = [];
  const consoleErrors: string[] = [];
  const pending: Promise<void>[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  page.on('request', (request) => {
    traffic.push({
      url: request.url(),
      headers: JSON.stringify(request.headers()),
      body: request.postData() ?? '',
    });
  });
  page.on('response', (response) => {
    pending.push(
      (async () => {
        const headers = JSON.stringify(await response.allHeaders());
        const body = await response.body().then(
          (buffer) => buffer.toString('utf8'),
          () => '',
        );
        traffic.push({ url: response.url(), headers, body });
      })(),
    );
  });
  return {
    context,
    page,
    traffic,
    consoleErrors,
    settle: async () => {
      await Promise.all(pending);
    },
    close: async () => {
      await context.close();
      await rm(userDataDirectory, { recursive: true, force: true });
    },
  };
}
