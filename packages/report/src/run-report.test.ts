import type { BucketInput } from '@usagekit/aggregate';
import { createUsageClient } from '@usagekit/client';
import { createPriceBook } from '@usagekit/cost';
import { createMockApi, DEMO_ADMIN_KEY } from '@usagekit/mock';
import { describe, expect, it } from 'vitest';
import type { BucketSource } from './bucket-source';
import { createClientSource } from './client-source';
import type { Report } from './report';
import { runReport } from './run-report';

// The demo organization's history ends at this instant (Friday 4 December 2026, 18:30 UTC).
const NOW = Date.UTC(2026, 11, 4, 18, 30) / 1000;
const priceBook = createPriceBook();

function demoSource(label = 'demo') {
  const api = createMockApi({ now: NOW * 1000 });
  const client = createUsageClient({
    adminKey: DEMO_ADMIN_KEY,
    baseURL: api.baseURL,
    fetch: api.fetch,
    concurrency: 8,
  });
  return createClientSource(client, { label });
}

describe('runReport', () => {
  it('gives the same estimate and counters per endpoint whatever bucket width was fetched', async () => {
    const window = { since: '2026-12-01', until: '2026-12-02' };
    const reports = await Promise.all(
      (['1d', '1h', '1m'] as const).map(async (bucketWidth) => {
        const report = await runReport(
          { window, grain: 'total', dimensions: ['endpoint'], now: NOW, bucketWidth },
          { sources: [demoSource()], priceBook },
        );
        expect(report.bucketWidth).toBe(bucketWidth);
        return report;
      }),
    );
    const [daily, hourly, minutely] = reports as [Report, Report, Report];
    const byEndpoint = (report: Report) =>
      Object.fromEntries(
        report.rows.map((row) => [
          row.values.endpoint,
          [row.estimated_cost, row.metrics.input_tokens],
        ]),
      );
    // Stored bytes are averaged over time: the mock rounds each bucket's level to a whole byte.
    const stored = (report: Report) =>
      report.rows.find((row) => row.values.endpoint === 'vector_stores')?.metrics.usage_bytes ?? 0;
    expect(Math.abs(stored(hourly) - stored(daily))).toBeLessThan(1);
    expect(Math.abs(stored(minutely) - stored(daily))).toBeLessThan(1);
    expect(byEndpoint(hourly)).toEqual(byEndpoint(daily));
    expect(byEndpoint(minutely)).toEqual(byEndpoint(daily));
    expect(hourly.totals.estimated_cost).toBe(daily.totals.estimated_cost);
    expect(daily.totals.estimated_cost).toBeGreaterThan(0);
  });

  it('marks cut and unfinished periods partial, and leaves unmeasured metrics null', async () => {
    const report = await runReport(
      { window: { since: '2026-11-30T12:00Z' }, grain: 'day', dimensions: ['endpoint'], now: NOW },
      { sources: [demoSource()], priceBook },
    );
    const partial = new Map(report.rows.map((row) => [row.period_start, row.partial]));
    expect([...partial.entries()]).toEqual([
      [Date.UTC(2026, 10, 30) / 1000, true],
      [Date.UTC(2026, 11, 1) / 1000, false],
      [Date.UTC(2026, 11, 2) / 1000, false],
      [Date.UTC(2026, 11, 3) / 1000, false],
      [Date.UTC(2026, 11, 4) / 1000, true],
    ]);
    const storage = report.rows.find((row) => row.values.endpoint === 'vector_stores');
    expect(storage?.metrics.input_tokens).toBeNull();
    expect(storage?.metrics.usage_bytes).toBeGreaterThan(0);
    const speech = report.rows.find((row) => row.values.endpoint === 'audio_speeches');
    expect(speech?.metrics.output_tokens).toBeNull();
    expect(report.metrics.find((metric) => metric.name === 'usage_bytes')).toMatchObject({
      unit: 'bytes',
      aggregation: 'level',
    });
    expect(report.totals.organizations.demo?.estimated_cost).toBe(report.totals.estimated_cost);
  });

  it('keeps organizations apart and says once which grouping a source refused', async () => {
    const buckets: BucketInput[] = [
      {
        start_time: Date.UTC(2026, 11, 1) / 1000,
        end_time: Date.UTC(2026, 11, 2) / 1000,
        results: [
          {
            object: 'organization.usage.completions.result',
            input_tokens: 1000,
            output_tokens: 10,
            num_model_requests: 1,
            model: 'gpt-4o-mini',
          },
        ],
      },
    ];
    const refusing: BucketSource = {
      label: 'refusing',
      fetch: async () => buckets,
      refusedGroupings: (endpoint) => (endpoint === 'completions' ? ['project_id'] : []),
    };
    const report = await runReport(
      {
        window: { since: '2026-12-01', until: '2026-12-02' },
        grain: 'total',
        dimensions: ['project_id'],
        endpoints: ['completions'],
        now: NOW,
      },
      { sources: [refusing, demoSource()], priceBook },
    );
    expect(report.notices).toContain(
      'refusing: grouping by project_id refused by this organization; shown without it',
    );
    const refused = report.rows.filter((row) => row.organization === 'refusing');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({
      values: { project_id: null },
      metrics: { input_tokens: 1000 },
    });
    expect(
      report.rows.some((row) => row.organization === 'demo' && row.values.project_id !== null),
    ).toBe(true);
    expect(report.totals.estimated_cost).toBe(
      (report.totals.organizations.refusing?.estimated_cost ?? 0) +
        (report.totals.organizations.demo?.estimated_cost ?? 0),
    );
  });
});
