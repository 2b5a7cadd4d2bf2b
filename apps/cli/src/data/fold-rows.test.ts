import { describe, expect, test } from 'vitest';
import { foldRows, keepTopGroups, totalsRow } from './fold-rows';
import type { GroupRow } from './group-row';

function row(
  day: number,
  project: string,
  model: string,
  tokens: number,
  micros?: number,
  unpriced?: boolean,
): GroupRow {
  return {
    periodStart: day * 86_400,
    periodEnd: (day + 1) * 86_400,
    dimensions: new Map([
      ['project_id', project],
      ['model', model],
    ]),
    metrics: new Map([['input_tokens', tokens]]),
    estimatedMicros: micros,
    unpriced,
  };
}

const rows = [
  row(0, 'a', 'gpt-4o', 10, 100),
  row(0, 'a', 'o3', 5, 50, true),
  row(0, 'b', 'gpt-4o', 7, 70),
  row(1, 'a', 'gpt-4o', 1, 10),
  row(1, 'c', 'gpt-4o', 2, 20),
];

describe('foldRows', () => {
  test('sums metrics and costs exactly and keeps unpriced flags', () => {
    const folded = foldRows(rows, ['project_id']);
    expect(folded).toHaveLength(4);
    const first = folded[0];
    expect(first?.metrics.get('input_tokens')).toBe(15);
    expect(first?.estimatedMicros).toBe(150);
    expect(first?.unpriced).toBe(true);
    expect(first?.dimensions.has('model')).toBe(false);
  });
});

describe('keepTopGroups', () => {
  test('folds the rest into one other row per period without changing totals', () => {
    const folded = foldRows(rows, ['project_id']);
    const top = keepTopGroups(
      folded,
      ['project_id'],
      1,
      (item) => item.metrics.get('input_tokens') ?? 0,
    );
    expect(top.filter((item) => item.other === true)).toHaveLength(2);
    expect(totalsRow(top, ['project_id']).metrics.get('input_tokens')).toBe(25);
    expect(totalsRow(top, ['project_id']).estimatedMicros).toBe(250);
  });
});
