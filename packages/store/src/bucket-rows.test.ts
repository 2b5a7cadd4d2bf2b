import { endpointNames, getEndpoint } from '@usagekit/schemas';
import { describe, expect, it } from 'vitest';
import { mergeWindows, toRows } from './bucket-rows';
import { BUCKET_COLUMNS, DIMENSION_COLUMNS, METRIC_COLUMNS, RESULT_COLUMNS } from './columns';

describe('store columns', () => {
  it('has a typed column for every registry dimension and metric, and no name twice', () => {
    for (const name of endpointNames) {
      const endpoint = getEndpoint(name);
      for (const dimension of endpoint.dimensions) expect(DIMENSION_COLUMNS).toContain(dimension);
      for (const metric of endpoint.metrics) expect(METRIC_COLUMNS).toContain(metric.name);
    }
    const names = RESULT_COLUMNS.map((column) => column.name);
    expect(new Set(names).size).toBe(names.length);
    expect(BUCKET_COLUMNS.map((column) => column.name)).toContain('generation');
  });
});

describe('toRows', () => {
  it('splits results into typed columns, group keys in registry order, repeats numbered', () => {
    const { results, buckets } = toRows('costs', [
      {
        object: 'bucket',
        start_time: 0,
        end_time: 86_400,
        results: [
          {
            object: 'organization.costs.result',
            amount: { value: 0.5 },
            line_item: 'a',
            project_id: 'p',
          },
          {
            object: 'organization.costs.result',
            amount: { value: 0.25 },
            line_item: 'a',
            project_id: 'p',
          },
          { object: 'organization.costs.result', quantity: 3, line_item: 'b', project_id: null },
        ],
        surprise: true,
      },
    ]);
    expect(results.rowCount).toBe(3);
    expect(results.groupIndex).toEqual([0, 1, 0]);
    const dimensions = getEndpoint('costs').dimensions;
    expect(JSON.parse(results.groupKey[0] as string)).toEqual(
      dimensions.map((name) => ({ project_id: 'p', line_item: 'a' })[name as string] ?? null),
    );
    expect(results.metrics[METRIC_COLUMNS.indexOf('amount_value')]).toEqual([0.5, 0.25, null]);
    expect(results.metrics[METRIC_COLUMNS.indexOf('quantity')]).toEqual([null, null, 3]);
    expect(results.dimensions[DIMENSION_COLUMNS.indexOf('model')]).toEqual([null, null, null]);
    expect(buckets).toEqual([
      { startTime: 0, endTime: 86_400, resultCount: 3, extra: '{"surprise":true}' },
    ]);
  });
});

describe('mergeWindows', () => {
  it('merges overlapping and touching windows, in time order', () => {
    expect(
      mergeWindows([
        { startTime: 10, endTime: 20 },
        { startTime: 0, endTime: 5 },
        { startTime: 5, endTime: 8 },
        { startTime: 15, endTime: 30 },
        { startTime: 40, endTime: 50 },
      ]),
    ).toEqual([
      { startTime: 0, endTime: 8 },
      { startTime: 10, endTime: 30 },
      { startTime: 40, endTime: 50 },
    ]);
  });
});
