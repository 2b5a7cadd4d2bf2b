import { describe, expect, test } from 'vitest';
import { createTurnQueue } from './turn-queue';

describe('createTurnQueue', () => {
  test('runs jobs in order, one per turn, so callbacks due meanwhile run in between', async () => {
    const queue = createTurnQueue();
    const order: string[] = [];
    const first = queue(() => {
      order.push('job 1');
      setTimeout(() => order.push('timer set by job 1'), 0);
      return 1;
    });
    const second = queue(() => {
      order.push('job 2');
      return 2;
    });
    expect(order).toEqual([]);
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(order).toEqual(['job 1', 'timer set by job 1', 'job 2']);
  });

  test('a job that throws rejects its own promise and the next job still runs', async () => {
    const queue = createTurnQueue();
    const failure = new Error('bad page');
    const failed = queue(() => {
      throw failure;
    });
    const next = queue(() => 'next');
    await expect(failed).rejects.toBe(failure);
    await expect(next).resolves.toBe('next');
  });
});
