import { expect, test } from 'vitest';
import { DriftCollector } from './drift';

test('keeps one entry per kind and key, with the first path and the summed count', () => {
  const drift = new DriftCollector();
  drift.add('unknown_field', 'organization_id', 'data[0].results[0].organization_id');
  drift.add('absent_field', 'organization_id', 'data[].results[].organization_id', 3);
  drift.add('unknown_field', 'organization_id', 'data[4].results[2].organization_id', 2);
  drift.add('unknown_field', '__proto__', '__proto__');
  expect(drift.entries()).toEqual([
    {
      kind: 'unknown_field',
      key: 'organization_id',
      path: 'data[0].results[0].organization_id',
      count: 3,
    },
    {
      kind: 'absent_field',
      key: 'organization_id',
      path: 'data[].results[].organization_id',
      count: 3,
    },
    { kind: 'unknown_field', key: '__proto__', path: '__proto__', count: 1 },
  ]);
});
