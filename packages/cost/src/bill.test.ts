import { describe, expect, test } from 'vitest';
import { allocate } from './allocate';
import { detectAnomalies } from './anomalies';
import { evaluateBudgets } from './budgets';
import { calibrate } from './calibrate';
import { estimateCost } from './estimate-cost';
import { forecast } from './forecast';
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
      reasons: ['price_differs'],
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

describe('allocate', () => {
  test('keeps totals equal to the micro-unit and names the rule of every amount', () => {
    const result = allocate({
      amounts: [
        { amountMicros: 1_000_001, projectId: 'p1' },
        { amountMicros: 2_000_000, projectId: 'p2', apiKeyId: 'k9' },
        { amountMicros: 100, projectId: null, lineItem: 'Scale Tier units' },
      ],
      rules: {
        owners: [
          { team: 'search', projects: ['p1'] },
          { team: 'ads', apiKeys: ['k9'] },
        ],
        unowned: { strategy: 'usage_share' },
      },
    });
    expect(result.totalAfter).toBe(result.totalBefore);
    expect(result.allocations.map((allocation) => allocation.rule)).toEqual([
      'project:p1',
      'api_key:k9',
      'unowned:usage_share',
      'unowned:usage_share',
    ]);
    expect(result.byTeam.get('search')).toBe(1_000_034);
    expect(result.byTeam.get('ads')).toBe(2_000_067);
  });

  test('explains malformed rules', () => {
    expect(() =>
      allocate({ amounts: [], rules: { owners: [], unowned: { strategy: 'lottery' } } }),
    ).toThrow(/strategy/);
  });
});

describe('forecast, budgets and anomalies', () => {
  // Four weeks of weekday spend 10, weekend spend 2 (dollars), starting Monday 2025-07-07.
  const history = Array.from({ length: 28 }, (_, index) => {
    const date = new Date(Date.UTC(2025, 6, 7 + index)).toISOString().slice(0, 10);
    const weekend = index % 7 >= 5;
    return { date, amountMicros: (weekend ? 2 : 10) * 1_000_000 };
  });

  test('projects the period end along the weekday pattern', () => {
    const result = forecast(history, {
      periodStart: '2025-08-01',
      periodEnd: '2025-08-03',
      now: '2025-08-01T00:00:00Z',
    });
    expect(result.method).toBe('weekday');
    // Friday 10 + Saturday 2 + Sunday 2
    expect(result.total.expected).toBe(14_000_000);
    expect(result.total.low).toBeLessThanOrEqual(result.total.expected);
  });

  test('budget status and run-out date', () => {
    const [status] = evaluateBudgets(
      [
        {
          id: 'org',
          scope: 'organization',
          amountMicros: 100_000_000,
          periodStart: '2025-07-07',
          periodEnd: '2025-08-31',
        },
      ],
      new Map([['organization', history]]),
      { now: '2025-08-04' },
    );
    expect(status?.status).toBe('over');
    expect(status?.runsOutOn).toBe('2025-07-18');
  });

  test('flags a spike with the size of the jump', () => {
    const points = history.map((point) => ({ date: point.date, value: point.amountMicros }));
    points.push({ date: '2025-08-04', value: 90_000_000 });
    const anomalies = detectAnomalies({ key: 'project_id:p1', points });
    expect(anomalies).toHaveLength(1);
    const [anomaly] = anomalies;
    expect(anomaly).toMatchObject({
      date: '2025-08-04',
      direction: 'spike',
      baseline: 10_000_000,
      jump: 80_000_000,
    });
  });
});
