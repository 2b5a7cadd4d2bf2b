import { describe, expect, test } from 'vitest';
import type { DailySpend } from '../forecast/forecast';
import { type Budget, evaluateBudgets } from './budgets';

/** Spend of `amount` micro-units on every day from `first` through `last`. */
function flat(first: string, last: string, amount: number): DailySpend[] {
  const points: DailySpend[] = [];
  for (let time = Date.parse(first); time <= Date.parse(last); time += 86_400_000) {
    points.push({ date: new Date(time).toISOString().slice(0, 10), amountMicros: amount });
  }
  return points;
}

const TEN = 10_000_000;
/** 28 days of $10 a day through 2025-08-03: every weekday seen, no spread. */
const history = flat('2025-07-07', '2025-08-03', TEN);

function statusOf(budget: Partial<Budget>, now = '2025-08-04', series = history) {
  const [status] = evaluateBudgets(
    [
      {
        id: 'b',
        scope: 'organization',
        amountMicros: 0,
        periodStart: '2025-08-01',
        periodEnd: '2025-08-03',
        ...budget,
      },
    ],
    new Map([['organization', series]]),
    { now },
  );
  if (status === undefined) throw new Error('no status');
  return status;
}

describe('evaluateBudgets', () => {
  test('is over once spend reaches the amount exactly, and names the day it did', () => {
    const status = statusOf({ amountMicros: 3 * TEN });
    expect(status).toMatchObject({ status: 'over', spentMicros: 3 * TEN, usedRatio: 1 });
    expect(status.runsOutOn).toBe('2025-08-03');
  });

  test('is not over one micro-unit below spend reaching the amount', () => {
    const status = statusOf({ amountMicros: 3 * TEN + 1 });
    expect(status.status).toBe('on_track');
    expect(status.runsOutOn).not.toBe('2025-08-03');
  });

  test('is at risk when the projection reaches atRiskRatio of the amount exactly', () => {
    // Projected 30 (the period is over); 0.75 × 40 = 30.
    expect(statusOf({ amountMicros: 4 * TEN, atRiskRatio: 0.75 }).status).toBe('at_risk');
    // 0.75 × 40.000002 = 30.0000015, just above the projection.
    expect(statusOf({ amountMicros: 4 * TEN + 2, atRiskRatio: 0.75 }).status).toBe('on_track');
  });

  test('projects the run-out day at the current pace when not yet over', () => {
    const status = statusOf(
      { amountMicros: 5 * TEN, periodStart: '2025-08-01', periodEnd: '2025-08-31' },
      '2025-08-01T00:00:00Z',
      flat('2025-07-04', '2025-07-31', TEN),
    );
    expect(status.status).toBe('at_risk');
    expect(status.spentMicros).toBe(0);
    // $10 a day from 2025-08-01: $50 is reached on the fifth day.
    expect(status.runsOutOn).toBe('2025-08-05');
  });

  test('judges on the high end of the range with useHighEstimate', () => {
    const noisy = flat('2025-07-04', '2025-07-31', TEN).map((point, index) => ({
      ...point,
      amountMicros: index % 2 === 0 ? 5_000_000 : 15_000_000,
    }));
    const budget: Budget = {
      id: 'b',
      scope: 'organization',
      amountMicros: 320 * 1_000_000,
      periodStart: '2025-08-01',
      periodEnd: '2025-08-31',
    };
    const spend = new Map([['organization', noisy]]);
    const [expected] = evaluateBudgets([budget], spend, { now: '2025-08-01T00:00:00Z' });
    const [high] = evaluateBudgets([budget], spend, {
      now: '2025-08-01T00:00:00Z',
      useHighEstimate: true,
    });
    expect(expected?.forecast.total.expected).toBeLessThan(budget.amountMicros);
    expect(expected?.forecast.total.high).toBeGreaterThanOrEqual(budget.amountMicros);
    expect(expected?.status).toBe('on_track');
    expect(high?.status).toBe('at_risk');
  });
});
