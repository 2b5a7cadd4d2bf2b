import type { CostsResult } from '@usagekit/schemas';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { estimateCost } from './estimate-cost';
import { createPriceBook, MODEL_UNKNOWN } from './price-book';
import { type Reconciliation, reconcile } from './reconcile';

const DAY = 1_754_006_400; // 2025-08-01
const NOW = DAY + 3 * 86_400;
const priceBook = createPriceBook();

function line(
  line_item: string,
  project_id: string | null,
  value: number,
  quantity?: number,
): CostsResult {
  return {
    object: 'organization.costs.result',
    amount: { value, currency: 'usd' },
    line_item,
    project_id,
    ...(quantity === undefined ? {} : { quantity, quantity_unit: 'tokens' }),
  } as CostsResult;
}

function completions(results: Record<string, unknown>[], start = DAY) {
  return { endpoint: 'completions' as const, buckets: [{ start_time: start, results }] };
}

/** Every group and the total satisfy variance = Σ causes + unexplained, exactly. */
function expectIdentity(report: Reconciliation): void {
  const sum = (causes: readonly { amount: number }[]) =>
    causes.reduce((total, cause) => total + cause.amount, 0);
  for (const group of report.groups) {
    expect(group.variance).toBe(group.billed + group.allocated - group.estimated);
    expect(sum(group.causes) + group.unexplained).toBe(group.variance);
    for (const cause of group.causes) expect(Number.isSafeInteger(cause.amount)).toBe(true);
  }
  expect(report.groups.reduce((total, group) => total + group.allocated, 0)).toBe(0);
  expect(report.totals.variance).toBe(report.totals.billed - report.totals.estimated);
  expect(sum(report.totals.causes) + report.totals.unexplained).toBe(report.totals.variance);
}

describe('reconcile in dollars', () => {
  test('Scale Tier units are allocated to projects by their scale-tier tokens', () => {
    // gpt-4o list $2.50 / 1M input: p1 3M scale tokens ($7.50), p2 1M ($2.50); $100 of units.
    const estimate = estimateCost(
      completions([
        { model: 'gpt-4o-2024-08-06', project_id: 'p1', service_tier: 'scale', input_tokens: 3e6 },
        { model: 'gpt-4o-2024-08-06', project_id: 'p2', service_tier: 'scale', input_tokens: 1e6 },
      ]),
      { priceBook },
    );
    const report = reconcile({
      estimate,
      costs: [{ start_time: DAY, results: [line('scale tier units', null, 100)] }],
      now: NOW,
    });
    expectIdentity(report);
    const byProject = Object.fromEntries(report.groups.map((group) => [group.projectId, group]));
    expect(byProject.p1).toMatchObject({
      estimated: 7_500_000,
      allocated: 75_000_000,
      causes: [{ cause: 'scale_tier', amount: 67_500_000 }],
      unexplained: 0,
    });
    expect(byProject.p2).toMatchObject({
      allocated: 25_000_000,
      causes: [{ cause: 'scale_tier', amount: 22_500_000 }],
    });
    expect(byProject.null).toMatchObject({ billed: 100_000_000, allocated: -100_000_000 });
    expect(report.totals).toMatchObject({
      variance: 90_000_000,
      causes: [{ cause: 'scale_tier', amount: 90_000_000, detail: null }],
      unexplained: 0,
    });
  });

  test('usage without models names its quantity, reason and the dollars billed for it', () => {
    const estimate = estimateCost(
      completions([{ model: null, project_id: 'p1', input_tokens: 4e6, output_tokens: 1e6 }]),
      { priceBook },
    );
    const report = reconcile({
      estimate,
      costs: [
        {
          start_time: DAY,
          results: [
            line('gpt-4o-2024-08-06, input', 'p1', 10, 4e6),
            line('gpt-4o-2024-08-06, output', 'p1', 10, 1e6),
          ],
        },
      ],
      now: NOW,
    });
    expectIdentity(report);
    const input = report.groups.find((group) => group.key === 'gpt-4o, input');
    expect(input?.causes).toEqual([
      {
        cause: 'unpriced_usage',
        amount: 10_000_000,
        detail: `4,000,000 input_tokens: ${MODEL_UNKNOWN}; 1,000,000 output_tokens: ${MODEL_UNKNOWN}`,
      },
    ]);
    expect(report.totals.causes).toMatchObject([{ cause: 'unpriced_usage', amount: 20_000_000 }]);
    expect(report.totals.unexplained).toBe(0);
  });

  test('a negotiated discount is measured on the bill quantity; the rest is the quantity gap', () => {
    // 1M gpt-4.1 input tokens at $2 list; the bill counts 0.9M and charges 80 % of list for them.
    const estimate = estimateCost(
      completions([{ model: 'gpt-4.1-2025-04-14', project_id: 'p1', input_tokens: 1e6 }]),
      { priceBook },
    );
    const report = reconcile({
      estimate,
      costs: [
        {
          start_time: DAY,
          results: [
            line('gpt-4.1-2025-04-14, input', 'p1', 0.9 * 2 * 0.8, 900_000),
            line('free usage credit', 'p1', -0.5, 250_000),
          ],
        },
      ],
      now: NOW,
    });
    expectIdentity(report);
    const input = report.groups.find((group) => group.key === 'gpt-4.1, input');
    expect(input).toMatchObject({
      variance: -560_000,
      causes: [
        {
          cause: 'discount',
          amount: -360_000,
          detail: 'billed at 80.0% of the estimated unit price',
        },
      ],
      unexplained: -200_000,
    });
    const credit = report.groups.find((group) => group.key === 'free usage credit');
    expect(credit?.causes).toEqual([
      { cause: 'free_usage', amount: -500_000, detail: 'free usage credit' },
    ]);
  });

  test('the identity holds on random usage and bills', () => {
    const models = ['gpt-4o-2024-08-06', 'gpt-4.1-2025-04-14', 'gpt-4o-mini-2024-07-18', null];
    const result = fc.record({
      model: fc.constantFrom(...models),
      project_id: fc.constantFrom('p1', 'p2', null),
      service_tier: fc.constantFrom('default', 'scale', 'priority', 'flex'),
      batch: fc.boolean(),
      input_tokens: fc.integer({ min: 0, max: 5e7 }),
      output_tokens: fc.integer({ min: 0, max: 5e6 }),
    });
    const billLine = fc.record({
      item: fc.constantFrom(
        'gpt-4o-2024-08-06, input',
        'gpt-4o-2024-08-06, output',
        'gpt-4.1-2025-04-14, batch input',
        'gpt-4o-mini-2024-07-18, priority output',
        'scale tier units',
        'free usage credit',
        'ft-gpt-4o-mini-2024-07-18, training',
      ),
      project: fc.constantFrom('p1', 'p2', null),
      value: fc.integer({ min: -5_000_000, max: 500_000_000 }).map((micros) => micros / 1e6),
      quantity: fc.option(fc.integer({ min: 0, max: 5e7 }), { nil: undefined }),
    });
    const day = fc.integer({ min: 0, max: 2 }).map((offset) => DAY + offset * 86_400);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(day, result), { maxLength: 12 }),
        fc.array(fc.tuple(day, billLine), { maxLength: 12 }),
        fc.constantFrom(undefined, DAY + 86_400 + 60, NOW),
        fc.constantFrom(undefined, 'line_item' as const),
        (usage, bill, now, by) => {
          const estimate = estimateCost(
            usage.map(([start, row]) => completions([row], start)),
            { priceBook },
          );
          const costs = bill.map(([start, entry]) => ({
            start_time: start,
            results: [line(entry.item, entry.project, entry.value, entry.quantity)],
          }));
          expectIdentity(reconcile({ estimate, costs, now, by }));
        },
      ),
      { numRuns: 200 },
    );
  });
});
