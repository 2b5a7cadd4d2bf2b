import { DEMO_ADMIN_KEY } from '@usagekit/mock';
import { type MockServer, startMockServer } from '@usagekit/mock/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildFrontEnd } from '../../src/build/front-end-build';
import type { OverviewResponse, StatusResponse } from '../../src/shared/api-types';
import {
  launchRecordedBrowser,
  type RecordedBrowser,
  type ServerProcess,
  startServerProcess,
  waitUntilLoaded,
} from './harness';

// A key that may not read the directory (403 on every directory read) in an organization that
// refuses one grouping (400 for completions grouped by api_key_id): every view still shows
// numbers, with ids, and the page says each limitation once.

const NAMES_NOTICE = 'names unavailable: this key lacks api.management.read; showing ids';
const GROUPING_NOTICE =
  'grouping by api_key_id refused by this organization (completions): shown without it';

let api: MockServer | undefined;
let server: ServerProcess | undefined;
let browser: RecordedBrowser | undefined;
let status: StatusResponse | undefined;

function page(): Page {
  if (browser === undefined) throw new Error('The browser did not start');
  return browser.page;
}

/** Opens a view and checks the notices are shown once, as the status has them. */
async function openView(search: string, ready: string): Promise<void> {
  await page().goto(`${server?.url}${search}`);
  await page().waitForSelector(ready);
  expect(await page().locator('#notices li').allTextContents()).toEqual([
    NAMES_NOTICE,
    GROUPING_NOTICE,
  ]);
  const text = (await page().textContent('body')) ?? '';
  expect(text.split(NAMES_NOTICE).length - 1, search).toBe(1);
  expect(text.split(GROUPING_NOTICE).length - 1, search).toBe(1);
}

beforeAll(async () => {
  await buildFrontEnd();
  api = await startMockServer({
    access: { directory: 'forbidden', refusedGroupings: { completions: ['api_key_id'] } },
    bucketCacheBytes: 0,
  });
  server = await startServerProcess(60_000, { adminKey: DEMO_ADMIN_KEY, baseURL: api.baseURL });
  browser = await launchRecordedBrowser();
  status = await waitUntilLoaded(server, 220_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await api?.close();
});

describe('dashboard in Chromium with a restricted key', () => {
  test('the status carries each notice once', () => {
    expect(status?.notices).toEqual([NAMES_NOTICE, GROUPING_NOTICE]);
  });

  test('the overview shows numbers', async () => {
    const overview = (await (
      await fetch(new URL('/api/overview', server?.url))
    ).json()) as OverviewResponse;
    expect(overview.billedMicros).toBeGreaterThan(0);
    expect(overview.estimatedMicros).toBeGreaterThan(0);
    await openView('', '[data-kpi="billed"] .kpi-value');
    expect(await page().textContent('[data-kpi="billed"] .kpi-value')).toMatch(/\$\d/);
    expect(await page().textContent('[data-kpi="estimated"] .kpi-value')).toMatch(/\$\d/);
  });

  test('over time, by project and by key, charts numbers labelled with ids', async () => {
    await openView('?view=time&by=project&metric=spend', '.chart canvas');
    const labels = await page().locator('.chart-legend .legend-label').allTextContents();
    expect(labels.length).toBeGreaterThan(1);
    expect(labels.some((label) => label.startsWith('proj_'))).toBe(true);
    await openView('?view=time&by=key&metric=tokens', '.chart canvas');
    expect(Number(await page().getAttribute('.chart', 'data-series-count'))).toBeGreaterThan(0);
  });

  test('top, estimate vs bill and endpoints show tables of numbers with ids', async () => {
    await openView('?view=top', '[data-card="top-projects"] tbody tr');
    const firstProject = await page()
      .locator('[data-card="top-projects"] tbody tr td')
      .first()
      .textContent();
    expect(firstProject).toMatch(/^proj_/);
    expect(await page().locator('[data-card="top-projects"] tbody tr').count()).toBeGreaterThan(1);
    await openView('?view=reconcile', '[data-card="variance-by-day"] tbody tr');
    await openView('?view=endpoints', '[data-card="endpoint-completions"] tbody tr');
    const cells = await page()
      .locator('[data-card="endpoint-completions"] tbody td')
      .allTextContents();
    expect(cells.some((cell) => /[1-9]/.test(cell))).toBe(true);
  });

  test('no console errors, and the key appears nowhere in the traffic', async () => {
    await browser?.settle();
    expect(browser?.consoleErrors).toEqual([]);
    for (const entry of browser?.traffic ?? []) {
      expect(`${entry.url}${entry.headers}${entry.body}`.includes(DEMO_ADMIN_KEY)).toBe(false);
    }
    expect(server?.output().includes(DEMO_ADMIN_KEY)).toBe(false);
  });
});
