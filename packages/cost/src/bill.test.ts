import { describe, expect, test } from 'vitest';
import { calibrate } from './calibrate';
import { estimateCost } from './estimate-cost';
import { createPriceBook } from './price-book';
import { reconcile } from './reconcile';

const DAY = 1_754_006_400; // 2025-08-01
const cost = (
  line_item: string | null,
  project_id: string | null,
  value: number,
  quantity?: number,
  quantity_unit?: string,
) => ({
  object: 'organization.costs.result' as const,
  amount: { value, currency: 'usd' },
  line_item,
  project_id,
  quantity,
  quantity_unit,
});
const costs = [
  {
    start_time: DAY,
    end_time: DAY + 86_400,
    results: [
      cost('gpt-4o-2024-08-06, input', 'p1', 2.0, 1_000_000, 'tokens'),
      cost('gpt-4o-2024-08-06, output', 'p1', 10.0, 1000, '1000_tokens'),
      cost('Scale Tier units', null, 50),
      cost('mystery thing', 'p1', 1, 3, 'widgets'),
    ],
  },
];

describe('calibrate', () => {
  test('derives effective unit prices and reports what it cannot read', () => {
    const calibration = calibrate(costs);
    expect(
      calibration.lines.map((line) => [line.model, line.unit, line.billLine, line.unitPricePicos]),
    ).toEqual([
      ['gpt-4o-2024-08-06', 'input_tokens', 'gpt-4o, input', 2_000_000],
      ['gpt-4o-2024-08-06', 'output_tokens', 'gpt-4o, output', 10_000_000],
    ]);
    expect(calibration.skipped.map((skip) => skip.reason)).toEqual([
      'no quantity or quantity_unit',
      'unknown quantity_unit "widgets"',
    ]);
    const book = createPriceBook({ calibration: calibration.prices });
    expect(
      book.lookup({ model: 'gpt-4o-2024-08-06', unit: 'input_tokens', date: '2025-08-02' }),
    ).toMatchObject({ source: 'calibrated', unitPricePicos: 2_000_000 });
    expect(
      book.lookup({ model: 'gpt-4o-2024-08-06', unit: 'input_tokens', date: '2025-08-01' }),
    ).toMatchObject({ source: 'genai-prices' });
  });
});

describe('reconcile', () => {
  test('attributes variance per day, project and line item; null projects are org-level charges', () => {
    const estimate = estimateCost(
      {
        endpoint: 'completions',
        buckets: [
          {
            start_time: DAY,
            results: [
              {
                model: 'gpt-4o-2024-08-06',
                project_id: 'p1',
                input_tokens: 1_000_000,
                output_tokens: 1_000_000,
                num_model_requests: 1,
              },
            ],
          },
        ],
      },
      { priceBook: createPriceBook() },
    );
    const report = reconcile({ estimate, costs });
    const byKey = Object.fromEntries(
      report.groups.map((group) => [`${group.projectId}|${group.key}`, group]),
    );
    expect(byKey['p1|gpt-4o, input']).toMatchObject({
      estimated: 2_500_000,
      billed: 2_000_000,
      variance: -500_000,
      effectivePriceRatio: 0.8,
      reasons: ['discount'],
    });
    expect(byKey['p1|mystery thing']).toMatchObject({
      billed: 1_000_000,
      reasons: ['not_in_usage'],
    });
    expect(byKey['null|scale tier units']).toMatchObject({
      billed: 50_000_000,
      reasons: ['org_level_charge'],
    });
    expect(report.totals.billed).toBe(63_000_000);
  });
});
