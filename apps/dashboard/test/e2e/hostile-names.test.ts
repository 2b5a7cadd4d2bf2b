import { DEMO_ADMIN_KEY } from '@usagekit/mock';
import { type MockServer, startMockServer } from '@usagekit/mock/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildFrontEnd } from '../../src/build/front-end-build';
import {
  launchRecordedBrowser,
  type RecordedBrowser,
  type ServerProcess,
  startServerProcess,
  waitUntilLoaded,
} from './harness';

// The hostile organization: the demo's usage with names that test escaping (HTML, spreadsheet
// formulas, leading + - @, bidirectional and terminal controls).

let api: MockServer | undefined;
let server: ServerProcess | undefined;
let browser: RecordedBrowser | undefined;

function page(): Page {
  if (browser === undefined) throw new Error('The browser did not start');
  return browser.page;
}

beforeAll(async () => {
  await buildFrontEnd();
  api = await startMockServer({ organization: 'hostile', bucketCacheBytes: 0 });
  server = await startServerProcess(60_000, { adminKey: DEMO_ADMIN_KEY, baseURL: api.baseURL });
  browser = await launchRecordedBrowser();
  await waitUntilLoaded(server, 220_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await api?.close();
});

describe('dashboard in Chromium on the hostile organization', () => {
  test('untrusted names render as text, never as markup', async () => {
    await page().goto(`${server?.url}?view=top`);
    await page().locator('[data-card="top-projects"]').waitFor();
    expect(await page().locator('main b').count()).toBe(0);
    const text = await page().locator('[data-card="top-projects"]').textContent();
    expect(text).toContain('<b>Growth</b> Experiments');
  });
});
