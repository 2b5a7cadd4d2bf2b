import { describe, expect, test } from 'vitest';
import { decodeQuery, encodeQuery } from './query-string';
import { validateParams } from './validate-params';

describe('encodeQuery', () => {
  test('writes arrays as key[]=value, booleans as true/false and skips null and undefined', () => {
    expect(
      encodeQuery({
        start_time: 1_730_419_200,
        group_by: ['model', 'project_id'],
        batch: false,
        end_time: undefined,
        page: null,
      }),
    ).toBe('start_time=1730419200&group_by%5B%5D=model&group_by%5B%5D=project_id&batch=false');
  });

  test('percent-encodes values such as cursors and line items', () => {
    const query = encodeQuery({
      page: 'page_AAAAAGdGxdEiJdKOAAAAAGcqsYA=',
      line_items: ['gpt-6-astra, input_tokens'],
    });
    expect(query).toBe(
      'page=page_AAAAAGdGxdEiJdKOAAAAAGcqsYA%3D&line_items%5B%5D=gpt-6-astra%2C+input_tokens',
    );
    expect(new URLSearchParams(query).getAll('line_items[]')).toEqual([
      'gpt-6-astra, input_tokens',
    ]);
  });

  test('an empty array sends nothing', () => {
    expect(encodeQuery({ start_time: 1, project_ids: [] })).toBe('start_time=1');
  });
});

describe('decodeQuery', () => {
  test('accepts key[]=value and repeated key=value for arrays, and mixes of both', () => {
    expect(
      decodeQuery('completions', 'group_by[]=model&group_by=project_id&models=gpt-4o&start_time=5'),
    ).toEqual({ group_by: ['model', 'project_id'], models: ['gpt-4o'], start_time: 5 });
  });

  test('accepts a leading question mark and URLSearchParams', () => {
    const search = new URLSearchParams({ start_time: '5', limit: '31' });
    expect(decodeQuery('embeddings', `?${search}`)).toEqual({ start_time: 5, limit: 31 });
    expect(decodeQuery('embeddings', search)).toEqual({ start_time: 5, limit: 31 });
  });

  test('converts integers and flags the endpoint expects, and leaves the rest as text', () => {
    expect(
      decodeQuery('completions', 'start_time=1.5&end_time=abc&limit=7&batch=true&page=42'),
    ).toEqual({ start_time: '1.5', end_time: 'abc', limit: 7, batch: true, page: '42' });
    expect(decodeQuery('completions', 'batch=yes')).toEqual({ batch: 'yes' });
    // `batch` is a flag only where the endpoint has that filter.
    expect(decodeQuery('embeddings', 'batch=true')).toEqual({ batch: 'true' });
  });

  test('turns a repeated scalar into an array, so validation rejects it', () => {
    const params = decodeQuery('costs', 'start_time=1&start_time=2&start_time=3');
    expect(params).toEqual({ start_time: [1, 2, 3] });
    const outcome = validateParams('costs', params);
    expect(outcome.success ? [] : outcome.issues.map((issue) => issue.param)).toEqual([
      'start_time',
    ]);
  });

  test('keeps __proto__-style keys as plain own data, never as a prototype', () => {
    const params = decodeQuery(
      'costs',
      '__proto__=polluted&constructor=x&__proto__[]=y&start_time=1&toString=z',
    );
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    expect(Object.hasOwn(params, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(params)).toEqual(['__proto__', 'constructor', 'start_time', 'toString']);
    const outcome = validateParams('costs', params);
    expect(outcome.success ? [] : outcome.issues.map((issue) => issue.param)).toEqual([
      '__proto__',
    ]);
  });
});

describe('round trip', () => {
  test.each([
    ['completions', { start_time: 1, end_time: 2, group_by: ['model', 'batch'], batch: false }],
    ['images', { start_time: 10, sizes: ['256x256', '1024x1792'], sources: ['image.edit'] }],
    [
      'web_search_calls',
      { start_time: 10, bucket_width: '1m', limit: 1440, context_levels: ['low'] },
    ],
    ['costs', { start_time: 10, line_items: ['a, b', 'c=d&e'], page: 'page_x/+=', limit: 180 }],
    [
      'vector_stores',
      { start_time: 10, project_ids: ['proj_1', 'proj_2'], group_by: ['project_id'] },
    ],
  ] as const)(
    '%s parameters survive encodeQuery then decodeQuery and stay valid',
    (name, params) => {
      const decoded = decodeQuery(name, encodeQuery(params));
      expect(decoded).toEqual(params);
      expect(validateParams(name, decoded).success).toBe(true);
    },
  );

  test('a query the cookbook sends (repeated keys) decodes to what encodeQuery writes', () => {
    const fromCookbook = decodeQuery(
      'costs',
      'start_time=5&group_by=line_item&group_by=project_id',
    );
    expect(encodeQuery(fromCookbook as Record<string, string | number | string[]>)).toBe(
      'start_time=5&group_by%5B%5D=line_item&group_by%5B%5D=project_id',
    );
  });
});
