import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createMockApi, DEMO_ADMIN_KEY } from '@usagekit/mock';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  APP_ROOT,
  BUNDLE_LIMIT_BYTES,
  buildFrontEnd,
  formatBundleReport,
  measureBundle,
} from '../../src/build/front-end-build';
import type {
  MetaResponse,
  OverviewResponse,
  TimeseriesResponse,
} from '../../src/shared/api-types';
import { formatMoneyShort } from '../../src/shared/format';
import { microsToDecimal } from '../../src/shared/money';
import {
  launchRecordedBrowser,
  type RecordedBrowser,
  type ServerProcess,
  startServerProcess,
  waitUntilLoaded,
} from './harness';

const ARTIFACTS = join(APP_ROOT, '.artifacts');

let server: ServerProcess | undefined;
let browser: RecordedBrowser | undefined;

async function serverJson<TBody>(path: string): Promise<TBody> {
  const response = await fetch(new URL(path, server?.url));
  expect(response.status, `${path} answered ${response.status}`).toBe(200);
  return (await response.json()) as TBody;
}

function page(): Page {
  if (browser === undefined) throw new Error('The browser did not start');
  return browser.page;
}

async function screenshot(name: string): Promise<void> {
  await page().screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** A canvas fingerprint: how many pixels are painted, and a hash of them. */
async function canvasFingerprint(): Promise<{ painted: number; hash: number }> {
  return page().evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('.chart canvas');
    if (canvas === null) return { painted: 0, hash: 0 };
    const context = canvas.getContext('2d');
    if (context === null) return { painted: 0, hash: 0 };
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    let hash = 0;
    for (let index = 3; index < pixels.length; index += 4) {
      if ((pixels[index] ?? 0) > 0) {
        painted += 1;
        hash = (hash * 31 + (pixels[index - 3] ?? 0) + index) | 0;
      }
    }
    return { painted, hash };
  });
}

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  await buildFrontEnd();
  server = await startServerProcess(60_000);
  browser = await launchRecordedBrowser();
  await waitUntilLoaded(server, 180_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('dashboard in Chromium on the demo organization', () => {
  test('the production bundle stays under 250 KB gzipped', async () => {
    const measurement = await measureBundle();
    console.log(`Dashboard bundle:\n${formatBundleReport(measurement)}`);
    expect(measurement.gzipBytes).toBeLessThan(BUNDLE_LIMIT_BYTES);
  });

  test('the overview shows the real month-to-date figures', async () => {
    const overview = await serverJson<OverviewResponse>('/api/overview');
    const meta = await serverJson<MetaResponse>('/api/meta');
    expect(overview.billedMicros).toBeGreaterThan(0);
    // The bill the server shows equals the mock's own ground truth for the month so far.
    const mock = createMockApi({ now: meta.now * 1000 });
    const monthStart =
      Date.UTC(
        new Date(meta.now * 1000).getUTCFullYear(),
        new Date(meta.now * 1000).getUTCMonth(),
        1,
      ) / 1000;
    const truth = mock.totals('costs', { start_time: monthStart, end_time: meta.now });
    expect(Math.abs(overview.billedMicros - truth.amount_value * 1_000_000)).toBeLessThan(10_000);
    expect(meta.organizations[0]?.name).toBe(mock.organization.name);
    expect(overview.estimatedMicros).toBeGreaterThan(0);
    await page().goto(server?.url ?? '');
    await page().waitForSelector('[data-kpi="billed"] .kpi-value');
    const billed = await page().textContent('[data-kpi="billed"] .kpi-value');
    const estimated = await page().textContent('[data-kpi="estimated"] .kpi-value');
    const forecast = await page().textContent('[data-kpi="forecast"] .kpi-value');
    expect(billed).toBe(formatMoneyShort(overview.billedMicros, overview.currency));
    expect(estimated).toBe(formatMoneyShort(overview.estimatedMicros, overview.currency));
    expect(forecast).toBe(formatMoneyShort(overview.forecast.expectedMicros, overview.currency));
    expect(await canvasFingerprint()).toMatchObject({ painted: expect.any(Number) });
    expect((await canvasFingerprint()).painted).toBeGreaterThan(100);
    await screenshot('overview');
  });

  test('a stacked chart renders, and changing the grouping changes it', async () => {
    await page().goto(`${server?.url}?view=time&by=model&metric=spend`);
    await page().waitForSelector('.chart canvas');
    const series = Number(await page().getAttribute('.chart', 'data-series-count'));
    expect(series).toBeGreaterThan(1);
    const byModel = await canvasFingerprint();
    expect(byModel.painted).toBeGreaterThan(1000);
    const modelLegend = await page().locator('.chart-legend .legend-label').allTextContents();
    const expected = await serverJson<TimeseriesResponse>('/api/timeseries?by=model&metric=spend');
    expect(modelLegend).toEqual(expected.series.map((each) => each.label));
    const plot = await page().locator('.chart .u-over').boundingBox();
    await page().mouse.move(
      (plot?.x ?? 0) + (plot?.width ?? 0) * 0.4,
      (plot?.y ?? 0) + (plot?.height ?? 0) * 0.8,
    );
    await page().locator('.chart-tooltip:not([hidden])').waitFor();
    expect(await page().locator('.chart-tooltip .tooltip-total').textContent()).toMatch(/^Total\$/);
    await screenshot('over-time-by-model');

    await page().selectOption('select[name="by"]', 'project');
    await page().waitForURL(/by=project/);
    await page().waitForFunction((previous) => {
      const labels = [...document.querySelectorAll('.chart-legend .legend-label')].map(
        (node) => node.textContent,
      );
      return labels.join('|') !== previous;
    }, modelLegend.join('|'));
    const projectLegend = await page().locator('.chart-legend .legend-label').allTextContents();
    const byProject = await serverJson<TimeseriesResponse>(
      '/api/timeseries?by=project&metric=spend',
    );
    expect(projectLegend).toEqual(byProject.series.map((each) => each.label));
    expect((await canvasFingerprint()).hash).not.toBe(byModel.hash);
    await screenshot('over-time-by-project');
  });

  test('any endpoint metric can be charted (images by size)', async () => {
    await page().goto(
      `${server?.url}?view=time&endpoint=images&metric=images&by=model&grain=week&range=90d`,
    );
    await page().waitForSelector('.chart canvas');
    const expected = await serverJson<TimeseriesResponse>(
      '/api/timeseries?endpoint=images&metric=images&by=model&grain=week&range=90d',
    );
    expect(expected.series.length).toBeGreaterThan(0);
    expect(await page().locator('.chart-legend .legend-label').allTextContents()).toEqual(
      expected.series.map((each) => each.label),
    );
    expect((await canvasFingerprint()).painted).toBeGreaterThan(1000);
    await screenshot('over-time-images');
  });

  test("a table's CSV download matches what the table shows", async () => {
    await page().goto(`${server?.url}?view=top`);
    const card = page().locator('[data-card="top-projects"]');
    await card.waitFor();
    const shown = await card.locator('tbody tr').evaluateAll((rows) =>
      rows.map((row) =>
        [...row.querySelectorAll('td')].map((cell) => ({
          text: cell.textContent ?? '',
          value: cell.dataset.value ?? '',
        })),
      ),
    );
    expect(shown.length).toBeGreaterThan(0);
    const [download] = await Promise.all([
      page().waitForEvent('download'),
      card.locator('a.csv-link').click(),
    ]);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    const header = await card
      .locator('thead th')
      .evaluateAll((cells) => cells.map((cell) => cell.querySelector('button')?.dataset.key));
    expect(lines[0]).toBe(header.join(','));
    expect(lines.length - 1).toBe(shown.length);
    const kinds = await card
      .locator('thead th')
      .evaluateAll((cells) => cells.map((cell) => cell.className));
    shown.forEach((cells, rowIndex) => {
      const fields = parseCsvLine(lines[rowIndex + 1] ?? '');
      cells.forEach((cell, columnIndex) => {
        const field = fields[columnIndex] ?? '';
        if (kinds[columnIndex] === 'cell-text') {
          // Names that look like formulas are prefixed with ' in the CSV only.
          expect(field.replace(/^'(?=[=+\-@\t\r])/, '')).toBe(cell.text);
        } else if (kinds[columnIndex] === 'cell-money') {
          expect(field).toBe(cell.value === '' ? '' : microsToDecimal(Number(cell.value)));
        } else {
          expect(field).toBe(cell.value);
        }
      });
    });
    await screenshot('top');
  });

  test('the estimate-vs-bill and endpoint views render every table', async () => {
    await page().goto(`${server?.url}?view=reconcile`);
    await page().waitForSelector('[data-card="variance-by-day"] tbody tr');
    expect(await page().locator('[data-card] table').count()).toBeGreaterThanOrEqual(3);
    await screenshot('estimate-vs-bill');
    await page().goto(`${server?.url}?view=endpoints`);
    await page().waitForSelector('[data-card="endpoint-images"]');
    for (const name of [
      'images',
      'audio_speeches',
      'audio_transcriptions',
      'embeddings',
      'vector_stores',
      'code_interpreter_sessions',
      'file_search_calls',
      'web_search_calls',
    ]) {
      expect(await page().locator(`[data-card="endpoint-${name}"]`).count(), name).toBe(1);
    }
    await screenshot('endpoints');
  });

  test('the demo shows the names a company would use, as text', async () => {
    // Hostile names (markup, formulas, controls) are checked on the hostile organization in
    // hostile-names.test.ts.
    await page().goto(`${server?.url}?view=top`);
    await page().locator('[data-card="top-projects"]').waitFor();
    const text = await page().locator('[data-card="top-projects"]').textContent();
    expect(text).toContain('Customer Support Assistant');
    expect(text).not.toMatch(/<b>|=SUM\(|&amp;/);
  });

  test('the admin key appears nowhere in the page, its storage or its traffic', async () => {
    await browser?.settle();
    const traffic = browser?.traffic ?? [];
    expect(traffic.length).toBeGreaterThan(10);
    for (const entry of traffic) {
      expect(entry.url.includes(DEMO_ADMIN_KEY), entry.url).toBe(false);
      expect(entry.headers.includes(DEMO_ADMIN_KEY), entry.url).toBe(false);
      expect(entry.body.includes(DEMO_ADMIN_KEY), entry.url).toBe(false);
      expect(
        entry.url.startsWith(server?.url ?? '-'),
        `request left the local server: ${entry.url}`,
      ).toBe(true);
    }
    const stored = await page().evaluate(() =>
      JSON.stringify({
        local: { ...localStorage },
        session: { ...sessionStorage },
        cookie: document.cookie,
        html: document.documentElement.outerHTML,
      }),
    );
    expect(stored.includes(DEMO_ADMIN_KEY)).toBe(false);
    const cookies = await browser?.context.cookies();
    expect(JSON.stringify(cookies).includes(DEMO_ADMIN_KEY)).toBe(false);
    expect(server?.output().includes(DEMO_ADMIN_KEY)).toBe(false);
  });

  test('no console errors', () => {
    expect(browser?.consoleErrors).toEqual([]);
  });
});

function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const character = line[index] as string;
    if (quoted) {
      if (character === '"' && line[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      fields.push(field);
      field = '';
    } else field += character;
  }
  fields.push(field);
  return fields;
}
