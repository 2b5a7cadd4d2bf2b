import { describe, expect, test } from 'vitest';
import { createRequestPool } from './pool';

function manualSleep() {
  const pending: { ms: number; resolve: () => void }[] = [];
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      pending.push({ ms, resolve });
    });
  return { sleep, pending };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createRequestPool', () => {
  test('never grants more slots than the concurrency, first come first served', async () => {
    const pool = createRequestPool({ concurrency: 2, now: () => 0, sleep: manualSleep().sleep });
    const order: number[] = [];
    const releases = Array.from({ length: 5 }, (_, index) =>
      pool.acquire().then((release) => {
        order.push(index);
        return release;
      }),
    );
    await tick();
    expect(order).toEqual([0, 1]);
    expect(pool.active).toBe(2);
    expect(pool.waiting).toBe(3);
    (await releases[0])?.();
    await tick();
    expect(order).toEqual([0, 1, 2]);
    expect(pool.active).toBe(2);
    for (const release of releases) (await release)();
    await tick();
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(pool.active).toBe(0);
  });

  test('waiting calls take turns, first come first served within a call', async () => {
    const pool = createRequestPool({ concurrency: 1, now: () => 0, sleep: manualSleep().sleep });
    const blocker = await pool.acquire();
    const backfill = {};
    const small = {};
    const order: string[] = [];
    const take = (label: string, call?: object) =>
      pool.acquire(undefined, false, call).then((slot) => {
        order.push(label);
        slot();
      });
    const taken = [
      take('backfill 1', backfill),
      take('backfill 2', backfill),
      take('backfill 3', backfill),
      take('small 1', small),
      take('small 2', small),
      take('single'),
    ];
    expect(pool.waiting).toBe(6);
    blocker();
    await Promise.all(taken);
    expect(order).toEqual([
      'backfill 1',
      'small 1',
      'single',
      'backfill 2',
      'small 2',
      'backfill 3',
    ]);
    expect(pool.waiting).toBe(0);
  });

  test('retries go before first attempts', async () => {
    const pool = createRequestPool({ concurrency: 1, now: () => 0, sleep: manualSleep().sleep });
    const release = await pool.acquire();
    const order: string[] = [];
    const first = pool.acquire().then((slot) => {
      order.push('first attempt');
      slot();
    });
    const retry = pool.acquire(undefined, true).then((slot) => {
      order.push('retry');
      slot();
    });
    release();
    await Promise.all([first, retry]);
    expect(order).toEqual(['retry', 'first attempt']);
  });

  test('a release called twice frees one slot', async () => {
    const pool = createRequestPool({ concurrency: 1, now: () => 0, sleep: manualSleep().sleep });
    const release = await pool.acquire();
    release();
    release();
    expect(pool.active).toBe(0);
  });

  test('an aborted wait leaves the queue with the signal reason', async () => {
    const pool = createRequestPool({ concurrency: 1, now: () => 0, sleep: manualSleep().sleep });
    const release = await pool.acquire();
    const controller = new AbortController();
    const waiting = pool.acquire(controller.signal);
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    release();
    expect(pool.active).toBe(0);
    expect(pool.waiting).toBe(0);
  });

  test('a 429 halves the concurrency and pauses every start until the wait has passed', async () => {
    let now = 1000;
    const { sleep, pending } = manualSleep();
    const cuts: [number, number][] = [];
    const pool = createRequestPool({
      concurrency: 8,
      now: () => now,
      sleep,
      onRateLimited: (concurrency, pauseMs) => cuts.push([concurrency, pauseMs]),
    });
    pool.rateLimited(500);
    pool.rateLimited(200);
    expect(pool.concurrency).toBe(4);
    expect(cuts).toEqual([
      [4, 500],
      [4, 500],
    ]);
    let granted = 0;
    const waiting = pool.acquire().then((release) => {
      granted++;
      return release;
    });
    await tick();
    expect(granted).toBe(0);
    expect(pending.map((entry) => entry.ms)).toEqual([500]);
    now = 1500;
    pending[0]?.resolve();
    (await waiting)();
    expect(granted).toBe(1);
    pool.rateLimited(100);
    expect(pool.concurrency).toBe(2);
  });

  test('successes raise the concurrency by one per full window, up to the maximum', () => {
    const pool = createRequestPool({ concurrency: 4, now: () => 0, sleep: manualSleep().sleep });
    pool.rateLimited(0);
    expect(pool.concurrency).toBe(2);
    pool.succeeded();
    expect(pool.concurrency).toBe(2);
    pool.succeeded();
    expect(pool.concurrency).toBe(3);
    for (let count = 0; count < 10; count++) pool.succeeded();
    expect(pool.concurrency).toBe(4);
  });

  test('a received answer frees its request place for the next request while it is processed', async () => {
    const pool = createRequestPool({ concurrency: 2, now: () => 0, sleep: manualSleep().sleep });
    const first = await pool.acquire();
    const second = await pool.acquire();
    let granted = false;
    const third = pool.acquire().then((slot) => {
      granted = true;
      return slot;
    });
    await tick();
    expect(granted).toBe(false);
    first.received();
    await tick();
    expect(granted).toBe(true);
    expect(pool.active).toBe(2);
    expect(pool.processing).toBe(1);
    first.received();
    expect(pool.processing).toBe(1);
    first();
    first();
    expect(pool.processing).toBe(0);
    expect(pool.active).toBe(2);
    first.received();
    expect(pool.active).toBe(2);
    second();
    (await third)();
    expect(pool.active).toBe(0);
  });

  test('answers being processed hold new requests back at twice the concurrency', async () => {
    const pool = createRequestPool({ concurrency: 1, now: () => 0, sleep: manualSleep().sleep });
    const first = await pool.acquire();
    first.received();
    const second = await pool.acquire();
    second.received();
    expect(pool.active).toBe(0);
    expect(pool.processing).toBe(2);
    let granted = false;
    const third = pool.acquire().then((slot) => {
      granted = true;
      return slot;
    });
    await tick();
    expect(granted).toBe(false);
    expect(pool.waiting).toBe(1);
    first();
    await tick();
    expect(granted).toBe(true);
    second();
    (await third)();
    expect(pool.processing).toBe(0);
    expect(pool.active).toBe(0);
  });
});
