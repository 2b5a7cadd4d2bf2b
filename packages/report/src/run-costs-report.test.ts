import type { BucketInput } from '@usagekit/aggregate';
import { describe, expect, it } from 'vitest';
import type { BucketSource } from './bucket-source';
import { runCostsReport } from './run-costs-report';

const NOW = Date.UTC(2026, 11, 4, 18, 30) / 1000;
const day = (date: number) => Date.UTC(2026, 11, date) / 1000;

function cost(lineItem: string, value: number, quantity: number, unit: string) {
  return {
    object: 'organization.costs.result',
    amount: { value, currency: 'usd' },
    line_item: lineItem,
    project_id: 'proj_a',
    quantity,
    quantity_unit: unit,
  };
}

const buckets: BucketInput[] = [
  {
    start_time: day(1),
    end_time: day(2),
    results: [cost('gpt-4o, input', 1.25, 500_000, 'tokens'), cost('Web search', 0.3, 30, 'calls')],
  },
  {
    start_time: day(2),
    end_time: day(3),
    results: [cost('gpt-4o, input', 0.000001, 1, 'tokens')],
  },
];
const source: BucketSource = { label: 'billed', fetch: async () => buckets };

describe('runCostsReport', () => {
  it('sums amounts exactly and keeps quantities per unit', async () => {
    const report = await runCostsReport(
      { window: { since: '2026-12-01', until: '2026-12-03' }, grain: 'total', now: NOW },
      { sources: [source] },
    );
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]).toMatchObject({
      amount: 1_550_001,
      quantities: { tokens: 500_001, calls: 30 },
      partial: false,
    });
    expect(report.totals.amounts).toEqual({ usd: 1_550_001 });
  });

  it('cuts UTC days and folds groups beyond the top into other', async () => {
    const report = await runCostsReport(
      {
        window: { since: '2026-12-01', until: '2026-12-03' },
        grain: 'day',
        dimensions: ['line_item'],
        top: 1,
        now: NOW,
      },
      { sources: [source] },
    );
    expect(
      report.rows.map((row) => [row.period_start, row.row_kind, row.values.line_item, row.amount]),
    ).toEqual([
      [day(1), 'detail', 'gpt-4o, input', 1_250_000],
      [day(2), 'detail', 'gpt-4o, input', 1],
      [day(1), 'other', 'other', 300_000],
    ]);
  });

  it('refuses hourly grains and widens windows to UTC days', async () => {
    await expect(
      runCostsReport({ window: '7d', grain: 'hour' as 'day', now: NOW }, { sources: [source] }),
    ).rejects.toThrow('grain: costs are billed per UTC day; "hour" is not allowed');
    const report = await runCostsReport(
      { window: '7d', grain: 'day', timeZone: 'Europe/Berlin', now: NOW },
      { sources: [source] },
    );
    expect(report.window.start % 86_400).toBe(0);
    expect(report.notices).toContain(
      'costs are billed per UTC day: the window is widened to whole UTC days',
    );
  });
});
