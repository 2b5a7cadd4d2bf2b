import { getEndpoint, usageEndpointNames } from '@usagekit/schemas';
import { describe, expect, it } from 'vitest';
import { chunkWindow, planSyncWindow, syncSeries } from './sync-plan';

const HOUR = 3600;
const DAY = 86_400;
const NOW = Date.parse('2025-03-15T12:30:00Z') / 1000;
const HOUR_END = Date.parse('2025-03-15T12:00:00Z') / 1000;

describe('syncSeries', () => {
  it('keeps usage hourly by every registry dimension and costs daily by project and line item', () => {
    const series = syncSeries();
    expect(series).toHaveLength(usageEndpointNames.length + 1);
    for (const item of series) {
      if (item.endpoint === 'costs') {
        expect(item).toEqual({
          endpoint: 'costs',
          bucketWidth: '1d',
          groupBy: ['project_id', 'line_item'],
        });
      } else {
        expect(item.bucketWidth).toBe('1h');
        expect(item.groupBy).toEqual(getEndpoint(item.endpoint).dimensions);
      }
    }
  });
});

describe('planSyncWindow', () => {
  const base = { bucketWidth: '1h' as const, nowSeconds: NOW, lookbackHours: 48 };

  it('backfills 90 days (or --since) into an empty store, ending at the last whole bucket', () => {
    expect(planSyncWindow({ ...base, coverage: [] })).toEqual({
      startTime: Math.floor((NOW - 90 * DAY) / HOUR) * HOUR,
      endTime: HOUR_END,
    });
    expect(planSyncWindow({ ...base, coverage: [], sinceSeconds: HOUR_END - 100 })).toEqual({
      startTime: HOUR_END - HOUR,
      endTime: HOUR_END,
    });
  });

  it('re-reads the lookback before the last complete bucket held', () => {
    const coverage = [{ startTime: HOUR_END - 10 * DAY, endTime: HOUR_END - 5 * HOUR }];
    expect(planSyncWindow({ ...base, coverage })).toEqual({
      startTime: HOUR_END - 5 * HOUR - 48 * HOUR,
      endTime: HOUR_END,
    });
    expect(planSyncWindow({ ...base, lookbackHours: 1, coverage })).toEqual({
      startTime: HOUR_END - 6 * HOUR,
      endTime: HOUR_END,
    });
    // --since later than the history held changes nothing; earlier backfills from there.
    expect(planSyncWindow({ ...base, coverage, sinceSeconds: HOUR_END - DAY })?.startTime).toBe(
      HOUR_END - 53 * HOUR,
    );
    expect(
      planSyncWindow({ ...base, coverage, sinceSeconds: HOUR_END - 20 * DAY })?.startTime,
    ).toBe(HOUR_END - 20 * DAY);
  });

  it('ends costs at the start of today and never starts beyond the API lookback', () => {
    const day = planSyncWindow({
      bucketWidth: '1d',
      nowSeconds: NOW,
      lookbackHours: 48,
      coverage: [],
      sinceSeconds: NOW - 800 * DAY,
    });
    expect(day?.endTime).toBe(Date.parse('2025-03-15T00:00:00Z') / 1000);
    expect(NOW - (day?.startTime ?? 0)).toBeLessThanOrEqual(730 * DAY);
  });

  it('has nothing to read when the store is ahead of the clock', () => {
    expect(
      planSyncWindow({
        ...base,
        lookbackHours: 0,
        coverage: [{ startTime: 0, endTime: HOUR_END }],
      }),
    ).toBeUndefined();
  });
});

describe('chunkWindow', () => {
  it('cuts hours into 168-bucket chunks and days into 31-bucket chunks, in order', () => {
    expect(chunkWindow({ startTime: 0, endTime: 200 * HOUR }, '1h')).toEqual([
      { startTime: 0, endTime: 168 * HOUR },
      { startTime: 168 * HOUR, endTime: 200 * HOUR },
    ]);
    expect(chunkWindow({ startTime: 0, endTime: 90 * DAY }, '1d')).toHaveLength(3);
  });
});
