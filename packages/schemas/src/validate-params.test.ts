import { describe, expect, test } from 'vitest';
import { InvalidParamsError, type ParamsIssue } from './errors';
import type { Filter } from './filter';
import { type EndpointName, endpointNames, getEndpoint } from './registry';
import { assertParams, validateParams } from './validate-params';

const START = 1_730_419_200;

function issuesOf(name: EndpointName, params: unknown): ParamsIssue[] {
  const outcome = validateParams(name, params);
  return outcome.success ? [] : [...outcome.issues];
}

function validValue(filter: Filter): unknown {
  if (filter.kind === 'flag') return true;
  if (filter.kind === 'enum') return [...filter.values];
  return ['id_1', 'id_2'];
}

const allFilters = new Map<string, Filter>(
  endpointNames.flatMap((name) => Object.entries(getEndpoint(name).filters)),
);
const allDimensions = new Set(endpointNames.flatMap((name) => getEndpoint(name).dimensions));

describe('limits from the spec', () => {
  test('usage widths allow 31 daily, 168 hourly and 1440 minute buckets per page', () => {
    for (const name of endpointNames.filter((name) => name !== 'costs')) {
      const widths = getEndpoint(name).bucketWidths as Record<string, { maxLimit: number }>;
      expect(Object.keys(widths)).toEqual(['1m', '1h', '1d']);
      expect([widths['1d']?.maxLimit, widths['1h']?.maxLimit, widths['1m']?.maxLimit]).toEqual([
        31, 168, 1440,
      ]);
    }
  });

  test('costs allows only 1d, with 1 to 180 buckets per page', () => {
    expect(getEndpoint('costs').bucketWidths).toEqual({
      '1d': { defaultLimit: 7, maxLimit: 180, minLimit: 1, seconds: 86_400 },
    });
  });
});

describe.each(endpointNames)('%s parameters', (name) => {
  const endpoint = getEndpoint(name);
  const widths = Object.entries(endpoint.bucketWidths) as [
    string,
    { minLimit: number; maxLimit: number },
  ][];

  test('accepts start_time alone and returns the parameters unchanged', () => {
    expect(validateParams(name, { start_time: START })).toEqual({
      success: true,
      output: { start_time: START },
    });
  });

  test('requires start_time', () => {
    expect(issuesOf(name, { end_time: START })).toEqual([
      {
        param: 'start_time',
        value: undefined,
        message: 'start_time is required (Unix seconds, inclusive)',
      },
    ]);
  });

  test.each([
    [START * 1000, 'start_time must be Unix seconds, not milliseconds; got 1730419200000'],
    [START + 0.5, 'start_time must be Unix seconds as an integer; got 1730419200.5'],
    ['1730419200', 'start_time must be Unix seconds as an integer; got "1730419200"'],
    [-1, 'start_time must not be negative; got -1'],
  ])('rejects start_time %j', (value, message) => {
    expect(issuesOf(name, { start_time: value })).toEqual([
      { param: 'start_time', value, message },
    ]);
  });

  test('rejects end_time in milliseconds', () => {
    expect(issuesOf(name, { start_time: START, end_time: START * 1000 })[0]?.message).toBe(
      'end_time must be Unix seconds, not milliseconds; got 1730419200000',
    );
  });

  test.each([START, START - 60])('rejects end_time %i, not after start_time', (end) => {
    expect(issuesOf(name, { start_time: START, end_time: end })).toEqual([
      {
        param: 'end_time',
        value: end,
        message: `end_time must be after start_time; got start_time ${START} and end_time ${end}`,
      },
    ]);
  });

  test('accepts end_time after start_time', () => {
    expect(issuesOf(name, { start_time: START, end_time: START + 1 })).toEqual([]);
  });

  test('accepts each allowed bucket_width with its smallest and largest limit', () => {
    for (const [width, limits] of widths) {
      for (const limit of [limits.minLimit, limits.maxLimit]) {
        expect(issuesOf(name, { start_time: START, bucket_width: width, limit })).toEqual([]);
      }
    }
  });

  test('rejects a limit outside its width’s bounds, naming the bounds', () => {
    for (const [width, limits] of widths) {
      for (const limit of [limits.minLimit - 1, limits.maxLimit + 1]) {
        expect(issuesOf(name, { start_time: START, bucket_width: width, limit })).toEqual([
          {
            param: 'limit',
            value: limit,
            message: `limit ${limit} is out of range for ${name} at bucket_width ${width}; allowed: ${limits.minLimit} to ${limits.maxLimit}`,
          },
        ]);
      }
    }
  });

  test('checks limit against the default width when none is given', () => {
    const limits = (endpoint.bucketWidths as Record<string, { maxLimit: number }>)[
      endpoint.defaultBucketWidth
    ];
    const limit = (limits?.maxLimit ?? 0) + 1;
    expect(issuesOf(name, { start_time: START, limit })[0]?.message).toContain(
      `at bucket_width ${endpoint.defaultBucketWidth}`,
    );
  });

  test('rejects a limit that is not an integer', () => {
    expect(issuesOf(name, { start_time: START, limit: 2.5 })).toEqual([
      { param: 'limit', value: 2.5, message: 'limit must be an integer; got 2.5' },
    ]);
  });

  test('rejects bucket widths it does not allow, naming those it does', () => {
    const allowed = widths.map(([width]) => width);
    for (const width of ['1m', '1h', '1d', '1w', '']) {
      if (allowed.includes(width)) continue;
      expect(issuesOf(name, { start_time: START, bucket_width: width })).toEqual([
        {
          param: 'bucket_width',
          value: width,
          message: `bucket_width "${width}" is not allowed for ${name}; allowed: ${allowed.join(', ')}`,
        },
      ]);
    }
  });

  test('accepts group_by with every dimension at once', () => {
    expect(issuesOf(name, { start_time: START, group_by: [...endpoint.dimensions] })).toEqual([]);
  });

  test('rejects group_by values of other endpoints, naming the allowed ones', () => {
    const foreign = [...allDimensions].filter(
      (dimension) => !(endpoint.dimensions as readonly string[]).includes(dimension),
    );
    for (const dimension of [...foreign, 'organization_id']) {
      const group_by = [endpoint.dimensions[0], dimension];
      expect(issuesOf(name, { start_time: START, group_by })).toEqual([
        {
          param: 'group_by',
          value: group_by,
          message: `group_by value "${dimension}" is not allowed for ${name}; allowed: ${endpoint.dimensions.join(', ')}`,
        },
      ]);
    }
  });

  test('rejects group_by that is not an array', () => {
    expect(issuesOf(name, { start_time: START, group_by: 'project_id' })[0]).toMatchObject({
      param: 'group_by',
      message: 'group_by must be an array; got "project_id"',
    });
  });

  test('accepts every one of its filters', () => {
    const params: Record<string, unknown> = { start_time: START };
    for (const [param, filter] of Object.entries(endpoint.filters)) {
      params[param] = validValue(filter as Filter);
    }
    expect(issuesOf(name, params)).toEqual([]);
  });

  test('rejects filters of other endpoints, naming the accepted parameters', () => {
    const own = Object.keys(endpoint.filters);
    const accepted = [
      'start_time',
      'end_time',
      'bucket_width',
      'limit',
      'page',
      'group_by',
      ...own,
    ];
    for (const [param, filter] of allFilters) {
      if (own.includes(param)) continue;
      const value = validValue(filter);
      expect(issuesOf(name, { start_time: START, [param]: value })).toEqual([
        {
          param,
          value,
          message: `${name} does not accept the parameter "${param}"; accepted: ${accepted.join(', ')}`,
        },
      ]);
    }
  });

  test('rejects id filters that do not hold non-empty strings', () => {
    for (const [param, filter] of Object.entries(endpoint.filters)) {
      if ((filter as Filter).kind !== 'ids') continue;
      expect(issuesOf(name, { start_time: START, [param]: 'proj_1' })[0]?.message).toBe(
        `${param} must be an array of strings; got "proj_1"`,
      );
      expect(issuesOf(name, { start_time: START, [param]: [7] })[0]?.message).toBe(
        `${param} must hold strings; got 7`,
      );
      expect(issuesOf(name, { start_time: START, [param]: [''] })[0]?.message).toBe(
        `${param} must not hold an empty string`,
      );
    }
  });
});

describe('enum and flag filters', () => {
  test.each([
    ['images', 'sizes', '1792x1024', '256x256, 512x512, 1024x1024, 1792x1792, 1024x1792'],
    ['images', 'sources', 'image.upscale', 'image.generation, image.edit, image.variation'],
    ['web_search_calls', 'context_levels', 'maximum', 'low, medium, high'],
  ] as const)('%s rejects %s value %s, naming the allowed values', (name, param, bad, allowed) => {
    const value = [bad];
    expect(issuesOf(name, { start_time: START, [param]: value })).toEqual([
      {
        param,
        value,
        message: `${param} value "${bad}" is not allowed for ${name}; allowed: ${allowed}`,
      },
    ]);
  });

  test.each(['completions', 'decisions'] as const)('%s batch must be a boolean', (name) => {
    expect(issuesOf(name, { start_time: START, batch: false })).toEqual([]);
    expect(issuesOf(name, { start_time: START, batch: 'true' })).toEqual([
      { param: 'batch', value: 'true', message: 'batch must be true or false; got "true"' },
    ]);
  });
});

describe('several problems at once', () => {
  test('reports each parameter’s problem, not just the first', () => {
    const issues = issuesOf('costs', {
      start_time: START,
      end_time: START - 1,
      limit: 181,
      group_by: ['model'],
      models: ['gpt-4o'],
    });
    expect(issues.map((issue) => issue.param).sort()).toEqual([
      'end_time',
      'group_by',
      'limit',
      'models',
    ]);
  });

  test('a body that is not an object is named as such', () => {
    expect(issuesOf('costs', null)).toEqual([
      {
        param: '',
        value: null,
        message: 'costs parameters must be an object with at least start_time; got null',
      },
    ]);
  });
});

describe('assertParams', () => {
  test('returns valid parameters', () => {
    const params = { start_time: START, bucket_width: '1h', limit: 168, group_by: ['model'] };
    expect(assertParams('completions', params)).toEqual(params);
  });

  test('throws InvalidParamsError carrying every issue and naming each in its message', () => {
    let thrown: unknown;
    try {
      assertParams('vector_stores', { start_time: START, models: ['gpt-4o'], limit: 32 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidParamsError);
    const error = thrown as InvalidParamsError;
    expect(error.name).toBe('InvalidParamsError');
    expect(error.endpoint).toBe('vector_stores');
    expect(error.issues.map((issue) => issue.param)).toEqual(['models', 'limit']);
    expect(error.message).toBe(
      'Invalid vector_stores parameters: vector_stores does not accept the parameter "models"; accepted: start_time, end_time, bucket_width, limit, page, group_by, project_ids; limit 32 is out of range for vector_stores at bucket_width 1d; allowed: 1 to 31',
    );
  });
});
