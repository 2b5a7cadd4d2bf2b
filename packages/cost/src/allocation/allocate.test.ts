import { describe, expect, test } from 'vitest';
import { largestRemainder } from '../largest-remainder';
import { allocate } from './allocate';

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

describe('largestRemainder', () => {
  test('parts sum to the amount, leftovers to the largest remainders, ties to the earlier index', () => {
    expect(largestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(largestRemainder(-10, [1, 1, 1])).toEqual([-4, -3, -3]);
    expect(largestRemainder(100, [0.5, 0.25, 0.25])).toEqual([50, 25, 25]);
    expect(largestRemainder(7, [0, 2])).toEqual([0, 7]);
  });

  test('refuses weights without a positive one', () => {
    expect(() => largestRemainder(1, [0, 0])).toThrow(RangeError);
  });
});

describe('allocate strategies for unowned amounts', () => {
  const amounts = [
    { amountMicros: 300, projectId: 'p1' },
    { amountMicros: 10, projectId: null },
  ];
  const owners = [{ team: 'search', projects: ['p1'] }];

  test('fixed shares and one team', () => {
    const fixed = allocate({
      amounts,
      rules: { owners, unowned: { strategy: 'fixed', shares: { a: 1, b: 3 } } },
    });
    expect(Object.fromEntries(fixed.byTeam)).toEqual({ search: 300, a: 3, b: 7 });
    const team = allocate({
      amounts,
      rules: { owners, unowned: { strategy: 'team', team: 'ops' } },
    });
    expect(Object.fromEntries(team.byTeam)).toEqual({ search: 300, ops: 10 });
  });

  test('usage share with no owned usage falls back to the unallocated team, saying so', () => {
    const result = allocate({
      amounts: [{ amountMicros: 10, projectId: null }],
      rules: { owners, unowned: { strategy: 'usage_share' } },
    });
    expect(result.allocations).toEqual([
      { team: 'unallocated', amountMicros: 10, rule: 'unowned:no_usage_to_share', amountIndex: 0 },
    ]);
  });
});
