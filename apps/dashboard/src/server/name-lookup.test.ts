import { describe, expect, test } from 'vitest';
import { snapshotNames } from './name-lookup';

describe('snapshotNames', () => {
  test('keeps the names of the given ids and leaves the others unknown', () => {
    let lookups = 0;
    const names = snapshotNames(
      {
        name: (_kind, id) => {
          lookups += 1;
          return { id, name: `name of ${id}`, known: true };
        },
      },
      new Map([['project', ['proj_1']]]),
      true,
    );
    expect(names.name('project', 'proj_1')).toEqual({
      id: 'proj_1',
      name: 'name of proj_1',
      known: true,
    });
    expect(names.name('user', 'proj_1')).toEqual({ id: 'proj_1', name: null, known: false });
    expect(lookups).toBe(1);
    expect(names.available).toBe(true);
  });
});
