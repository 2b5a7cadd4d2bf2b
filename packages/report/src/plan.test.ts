import { pricingDimensions } from '@usagekit/cost';
import { describe, expect, it } from 'vitest';
import { planReport } from './plan';

const NOW = Date.UTC(2026, 11, 4, 18, 30) / 1000;
const base = { window: { since: '2026-11-01', until: '2026-12-01' }, now: NOW } as const;

describe('planReport', () => {
  it('groups by the asked dimensions and what decides a price, per endpoint', () => {
    const plan = planReport({
      ...base,
      grain: 'day',
      dimensions: ['project_id'],
      endpoints: ['completions', 'vector_stores'],
    });
    const completions = plan.fetches.find((fetch) => fetch.endpoint === 'completions');
    expect(completions?.groupBy).toEqual(
      expect.arrayContaining(['project_id', ...pricingDimensions('completions')]),
    );
    expect(plan.fetches.find((fetch) => fetch.endpoint === 'vector_stores')?.groupBy).toEqual([
      'project_id',
    ]);
    expect(completions?.params).toMatchObject({
      start_time: plan.window.start,
      end_time: plan.window.end,
      bucket_width: '1d',
    });
  });

  it('fetches daily buckets only when the zone days are UTC days', () => {
    expect(planReport({ ...base, grain: 'day' }).bucketWidth).toBe('1d');
    expect(planReport({ ...base, grain: 'day', timeZone: 'Europe/Berlin' }).bucketWidth).toBe('1h');
    expect(planReport({ ...base, grain: 'hour' }).bucketWidth).toBe('1h');
    expect(
      planReport({ ...base, window: { since: '2026-12-01', until: '2026-12-02' }, grain: 'minute' })
        .bucketWidth,
    ).toBe('1m');
    expect(
      planReport({
        ...base,
        grain: 'total',
        timeZone: 'Europe/Berlin',
        window: { since: '2026-11-01T01:00', until: '2026-11-02T01:00' },
      }).bucketWidth,
    ).toBe('1d');
  });

  it('sends filters the endpoint has and leaves out endpoints without the dimension', () => {
    const plan = planReport({
      ...base,
      grain: 'total',
      endpoints: ['completions', 'vector_stores'],
      filters: { model: ['gpt-4o'] },
    });
    expect(plan.fetches.map((fetch) => fetch.endpoint)).toEqual(['completions']);
    expect(plan.fetches[0]?.params).toMatchObject({ models: ['gpt-4o'] });
    expect(plan.notices).toEqual([
      'vector_stores left out: filtered by model, which they do not report',
    ]);
  });

  it('validates before any request, naming the field and the allowed values', () => {
    expect(() => planReport({ ...base, grain: 'fortnight' as 'day' })).toThrow(
      'grain: "fortnight" is not a grain; allowed: minute, hour',
    );
    expect(() => planReport({ ...base, grain: 'day', dimensions: ['colour'] })).toThrow(
      'dimensions[0]: "colour" is not a dimension',
    );
    expect(() => planReport({ ...base, grain: 'day', endpoints: ['costs'] })).toThrow(
      'endpoints[0]: "costs" is not a usage endpoint',
    );
    expect(() => planReport({ ...base, grain: 'day', top: { n: -3 } })).toThrow(
      'top.n: -3 is not allowed',
    );
    expect(() => planReport({ ...base, grain: 'minute' })).toThrow(
      'window: a window of 30 days is too long for 1m buckets',
    );
    expect(() => planReport({ ...base, grain: 'hour', bucketWidth: '1d' })).toThrow(
      'bucketWidth: 1d buckets cannot be cut into hours',
    );
    expect(() =>
      planReport({ ...base, grain: 'total', endpoints: ['images'], filters: { size: ['huge'] } }),
    ).toThrow('filters.size[0]: "huge" is not allowed on images; allowed:');
  });
});
