import { describe, expect, test } from 'vitest';
import { attachCosts } from './attach-costs';
import type { GroupRow } from './group-row';

const day = 86_400;

function row(
  start: number,
  end: number,
  project: string,
  micros?: number,
  unpriced = false,
): GroupRow {
  return {
    periodStart: start,
    periodEnd: end,
    dimensions: new Map([['project_id', project]]),
    metrics: new Map(micros === undefined ? [['input_tokens', 10]] : []),
    ...(micros === undefined ? {} : { estimatedMicros: micros, unpriced }),
  };
}

describe('attachCosts', () => {
  test('puts each fine cost into the period containing its start, keeping every cost', () => {
    const weekly = [row(0, 7 * day, 'a'), row(7 * day, 14 * day, 'a'), row(0, 7 * day, 'b')];
    const daily = [
      row(0, day, 'a', 100),
      row(6 * day, 7 * day, 'a', 50, true),
      row(8 * day, 9 * day, 'a', 7),
      row(day, 2 * day, 'c', 3),
    ];
    const result = attachCosts(weekly, daily, ['project_id']);
    expect(result.map((item) => item.estimatedMicros)).toEqual([150, 7, 0, 3]);
    expect(result[0]?.unpriced).toBe(true);
    expect(result[3]?.dimensions.get('project_id')).toBe('c');
    expect(result[3]?.periodStart).toBe(0);
  });

  test('puts every cost into the single period of a whole-range report', () => {
    const total: GroupRow = {
      periodStart: null,
      periodEnd: null,
      dimensions: new Map([['project_id', 'a']]),
      metrics: new Map(),
    };
    const result = attachCosts(
      [total],
      [row(0, day, 'a', 1), row(day, 2 * day, 'a', 2)],
      ['project_id'],
    );
    expect(result[0]?.estimatedMicros).toBe(3);
  });
});
