import { describe, expect, test } from 'vitest';
import { runLimited } from './run-limited';

describe('runLimited', () => {
  test('never runs more than the limit at once and keeps item order', async () => {
    let running = 0;
    let most = 0;
    const outcomes = await runLimited([5, 1, 3, 2, 4], 2, async (item) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, item));
      running -= 1;
      return item * 10;
    });
    expect(most).toBe(2);
    expect(outcomes.map((outcome) => outcome.status === 'fulfilled' && outcome.value)).toEqual([
      50, 10, 30, 20, 40,
    ]);
  });

  test('a failed task is handed back and the others still run', async () => {
    const outcomes = await runLimited(['a', 'b', 'c'], 1, async (item) => {
      if (item === 'b') throw new Error('refused');
      return item;
    });
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
  });
});
