import type { CostsResult } from '@usagekit/schemas';
import { describe, expect, test } from 'vitest';
import { estimateCost } from './estimate-cost';
import { createPriceBook } from './price-book';
import { reconcile } from './reconcile';

const DAY1 = 1_754_006_400; // 2025-08-01, complete
const DAY2 = DAY1 + 86_400; // 2025-08-02, in progress at `now`
const NOW = DAY2 + 43_200;
const GIB = 1_073_741_824;

const usage = [
  {
    endpoint: 'completions' as const,
    buckets: [
      {
        start_time: DAY1,
        results: [
          // gpt-4.1 list: $2 / $0.50 / $8 per 1M input / cached / output; billed 15 % below.
          {
            model: 'gpt-4.1-2025-04-14',
            project_id: 'p1',
            batch: false,
            service_tier: 'default',
            input_tokens: 1_000_000,
            input_image_tokens: 100_000,
            input_cached_tokens: 200_000,
            output_tokens: 100_000,
            num_model_requests: 10,
          },
          // gpt-4o-mini list: $0.15 input; billed at list.
          {
            model: 'gpt-4o-mini-2024-07-18',
            project_id: 'p1',
            batch: false,
            service_tier: 'default',
            input_tokens: 2_000_000,
            output_tokens: 0,
            num_model_requests: 5,
          },
          // Scale Tier usage: prepaid through the org-level "scale tier units" line.
          {
            model: 'gpt-4o-2024-08-06',
            project_id: 'p2',
            batch: false,
            service_tier: 'scale',
            input_tokens: 1_000_000,
            output_tokens: 0,
            num_model_requests: 3,
          },
        ],
      },
      {
        start_time: DAY2,
        results: [
          {
            model: 'gpt-4o-mini-2024-07-18',
            project_id: 'p1',
            batch: false,
            service_tier: 'default',
            input_tokens: 1_000_000,
            output_tokens: 1_000_000,
            num_model_requests: 5,
          },
        ],
      },
    ],
  },
  {
    endpoint: 'audio_transcriptions' as const,
    buckets: [
      {
        start_time: DAY1,
        results: [
          {
            model: 'whisper-1',
            project_id: 'p3',
            api_key_id: 'k1',
            seconds: 1_530,
            num_model_requests: 4,
          },
          {
            model: 'whisper-1',
            project_id: 'p3',
            api_key_id: 'k2',
            seconds: 1_500,
            num_model_requests: 4,
          },
        ],
      },
    ],
  },
  {
    endpoint: 'vector_stores' as const,
    buckets: [
      { start_time: DAY1, end_time: DAY2, results: [{ project_id: 'p1', usage_bytes: 3 * GIB }] },
    ],
  },
];

function result(
  line_item: string,
  project_id: string | null,
  value: number,
  quantity?: number,
  quantity_unit?: string,
): CostsResult {
  return {
    object: 'organization.costs.result',
    amount: { value, currency: 'usd' },
    line_item,
    project_id,
    quantity,
    quantity_unit,
  } as CostsResult;
}

/** The bill as the Costs API words it, derived from list prices and the documented deviations. */
const bill = [
  {
    start_time: DAY1,
    end_time: DAY2,
    results: [
      // Uncached input 800k (text + image folded), cached 200k, output 100k, all at 85 % of list.
      result('gpt-4.1-2025-04-14, input', 'p1', 0.8 * 2 * 0.85, 800_000, 'tokens'),
      result('gpt-4.1-2025-04-14, cached input', 'p1', 0.2 * 0.5 * 0.85, 200_000, 'tokens'),
      result('gpt-4.1-2025-04-14, output', 'p1', 0.1 * 8 * 0.85, 100, '1000_tokens'),
      result('gpt-4o-mini-2024-07-18, input', 'p1', 0.3, 2_000_000, 'tokens'),
      result('scale tier units', null, 220),
      result('ft-gpt-4o-mini-2024-07-18, training', 'p1', 3, 1_000_000, 'tokens'),
      // Per started minute per key: 26 + 25 minutes at $0.006.
      result('whisper-1, audio', 'p3', 51 * 0.006, 3_030, 'duration_seconds'),
      // 3 GiB for 24 hours, the first GiB free, at $0.10 per GiB-day.
      result('vector store storage', 'p1', 0.2, 48, 'gibibyte_hours'),
      result('mystery credit', 'p1', 1),
    ],
  },
  {
    start_time: DAY2,
    end_time: DAY2 + 86_400,
    // Half the day's input is billed so far; no output yet.
    results: [result('gpt-4o-mini-2024-07-18, input', 'p1', 0.075, 500_000, 'tokens')],
  },
];

describe('reconcile by line item', () => {
  const estimate = estimateCost(usage, { priceBook: createPriceBook() });
  const report = reconcile({
    estimate,
    costs: bill,
    by: 'line_item',
    now: NOW,
    roundingToleranceMicros: 1000,
  });
  const group = (date: string, projectId: string | null, key: string) =>
    report.groups.find(
      (candidate) =>
        candidate.date === date && candidate.projectId === projectId && candidate.key === key,
    );

  test('the estimate is at list price (the fixture rests on these)', () => {
    const amount = (unit: string, model: string) =>
      estimate.lines
        .filter((line) => line.unit === unit && line.dimensions.model === model)
        .reduce((sum, line) => sum + (line.amount ?? 0), 0);
    expect(amount('input_tokens', 'gpt-4.1-2025-04-14')).toBe(1_400_000);
    expect(amount('image_input_tokens', 'gpt-4.1-2025-04-14')).toBe(200_000);
    expect(amount('seconds', 'whisper-1')).toBe(303_000);
  });

  test('joins folded token units with their bill line and labels the discount', () => {
    expect(group('2025-08-01', 'p1', 'gpt-4.1, input')).toMatchObject({
      estimated: 1_600_000,
      billed: 1_360_000,
      variance: -240_000,
      causes: [
        {
          cause: 'discount',
          amount: -240_000,
          detail: 'billed at 85.0% of the estimated unit price',
        },
      ],
      unexplained: 0,
      lineItems: ['gpt-4.1-2025-04-14, input'],
    });
    for (const key of ['gpt-4.1, input', 'gpt-4.1, cached input', 'gpt-4.1, output']) {
      const joined = group('2025-08-01', 'p1', key);
      expect(joined?.effectivePriceRatio).toBeCloseTo(0.85, 6);
      expect(joined?.quantityRatio).toBeCloseTo(1, 9);
    }
  });

  test('a line billed at list price matches to the micro-unit', () => {
    expect(group('2025-08-01', 'p1', 'gpt-4o-mini, input')).toMatchObject({
      estimated: 300_000,
      billed: 300_000,
      variance: 0,
      causes: [],
      unexplained: 0,
      reasons: [],
    });
  });

  test('attributes what usage cannot see', () => {
    // The org-level units move to the project whose Scale Tier tokens they prepay.
    expect(group('2025-08-01', null, 'scale tier units')).toMatchObject({
      billed: 220_000_000,
      allocated: -220_000_000,
      variance: 0,
      category: 'scale tier units',
      causes: [],
    });
    expect(group('2025-08-01', 'p2', 'gpt-4o, scale input')).toMatchObject({
      estimated: 2_500_000,
      billed: 0,
      allocated: 220_000_000,
      variance: 217_500_000,
      causes: [{ cause: 'scale_tier', amount: 217_500_000, detail: 'scale tier units allocated' }],
      unexplained: 0,
    });
    expect(group('2025-08-01', 'p1', 'ft-gpt-4o-mini, training')).toMatchObject({
      category: 'training',
      causes: [
        { cause: 'not_in_usage', amount: 3_000_000, detail: 'ft-gpt-4o-mini-2024-07-18, training' },
      ],
    });
    expect(group('2025-08-01', 'p1', 'mystery credit')).toMatchObject({
      category: null,
      billed: 1_000_000,
      reasons: ['not_in_usage'],
    });
  });

  test('explains billing granularity: started minutes and the free GiB', () => {
    expect(group('2025-08-01', 'p3', 'whisper-1, audio seconds')).toMatchObject({
      estimated: 303_000,
      billed: 306_000,
      causes: [
        { cause: 'billing_granularity', amount: 3_000, detail: 'billed per started minute' },
      ],
      unexplained: 0,
    });
    expect(group('2025-08-01', 'p1', 'vector storage')).toMatchObject({
      estimated: 300_000,
      billed: 200_000,
      causes: [{ cause: 'free_usage', amount: -100_000, detail: 'free vector storage allowance' }],
      unexplained: 0,
    });
  });

  test('only the in-progress day is not billed yet', () => {
    expect(group('2025-08-02', 'p1', 'gpt-4o-mini, input')).toMatchObject({
      estimated: 150_000,
      billed: 75_000,
      causes: [
        { cause: 'timing', amount: -75_000, detail: '2025-08-02 is not billed completely yet' },
      ],
    });
    expect(group('2025-08-02', 'p1', 'gpt-4o-mini, output')?.reasons).toEqual(['timing']);
    expect(report.billedThrough).toBe('2025-08-02');
    const dayOne = report.groups.filter((candidate) => candidate.date === '2025-08-01');
    expect(dayOne.flatMap((candidate) => candidate.reasons)).not.toContain('timing');
    expect(dayOne.flatMap((candidate) => candidate.reasons)).not.toContain('unexplained');
  });

  test('every group is joined once: no key appears estimated-only and billed-only', () => {
    const keys = report.groups.map((candidate) =>
      JSON.stringify([candidate.date, candidate.projectId, candidate.key]),
    );
    expect(new Set(keys).size).toBe(keys.length);
    const total = report.groups.reduce((sum, candidate) => sum + candidate.billed, 0);
    expect(report.totals.billed).toBe(total);
    expect(report.totals.estimated).toBe(estimate.total - estimate.roundingDifference);
  });

  test('a usage line on a billed day with no bill line is unexplained', () => {
    const without = reconcile({
      estimate,
      costs: bill.map((bucket) => ({
        ...bucket,
        results: bucket.results.filter((row) => row.line_item !== 'vector store storage'),
      })),
      by: 'line_item',
      now: NOW,
    });
    expect(without.groups.find((candidate) => candidate.key === 'vector storage')).toMatchObject({
      variance: -300_000,
      causes: [],
      unexplained: -300_000,
    });
  });
});
