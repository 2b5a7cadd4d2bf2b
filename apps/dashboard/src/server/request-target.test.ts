import { describe, expect, test } from 'vitest';
import { parseRequestTarget } from './request-target';

describe('parseRequestTarget', () => {
  test('splits the path from the query', () => {
    const target = parseRequestTarget('/api/top?range=7d&by=project');
    expect(target?.path).toBe('/api/top');
    expect(Object.fromEntries(target?.search ?? [])).toEqual({ range: '7d', by: 'project' });
  });

  test.each([['//'], ['//evil.example/x'], ['*'], ['http://127.0.0.1/'], ['127.0.0.1:80'], ['']])(
    'refuses %j',
    (target) => {
      expect(parseRequestTarget(target)).toBeNull();
    },
  );

  test.each([['/%'], ['/%00'], ['/?%'], ['/?a=%zz&&=&b'], [`/${'a'.repeat(65_536)}`]])(
    'keeps odd but servable target %#',
    (target) => {
      expect(parseRequestTarget(target)?.path.startsWith('/')).toBe(true);
    },
  );
});
