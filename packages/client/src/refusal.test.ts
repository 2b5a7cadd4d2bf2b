import { describe, expect, test } from 'vitest';
import { APIError } from './errors';
import {
  describeNamesRefusal,
  detectRefusedGrouping,
  detectScopeRefusal,
  missingScopes,
} from './refusal';

function apiError(status: number, message: string, param: string | null = null) {
  return APIError.from({
    status,
    body: { error: { message, type: 'invalid_request_error', param, code: null } },
    headers: {},
    request: 'GET /organization/costs',
  });
}

describe('missingScopes', () => {
  test.each([
    ['Missing scopes: api.management.read.', ['api.management.read']],
    [
      'You have insufficient permissions for this operation. Missing scopes: api.management.read. Check that you have the correct role.',
      ['api.management.read'],
    ],
    [
      'Missing scopes: api.usage.read, api.management.read',
      ['api.usage.read', 'api.management.read'],
    ],
    [
      'missing scope api.management.read and api.usage.read',
      ['api.management.read', 'api.usage.read'],
    ],
    ['Forbidden', []],
    ['Missing scopes: none listed here', []],
  ])('%s', (message, scopes) => {
    expect(missingScopes(message)).toEqual(scopes);
  });
});

describe('detectScopeRefusal', () => {
  test('any 403 is a refusal, with the scopes its message names', () => {
    const refusal = detectScopeRefusal(apiError(403, 'Missing scopes: api.management.read.'));
    expect(refusal).toEqual({
      status: 403,
      scopes: ['api.management.read'],
      message: 'Missing scopes: api.management.read.',
    });
    expect(describeNamesRefusal(refusal as NonNullable<typeof refusal>)).toBe(
      'names unavailable: this key lacks api.management.read; showing ids',
    );
  });

  test('a 403 without a scope still explains itself', () => {
    const refusal = detectScopeRefusal(apiError(403, 'Forbidden'));
    expect(describeNamesRefusal(refusal as NonNullable<typeof refusal>)).toBe(
      'names unavailable: this key may not read projects and users (HTTP 403); showing ids',
    );
  });

  test('a 401 is a refusal only when it speaks of scopes or permissions', () => {
    expect(detectScopeRefusal(apiError(401, 'Missing scopes: api.management.read'))).toBeDefined();
    expect(detectScopeRefusal(apiError(401, 'insufficient permissions'))).toBeDefined();
    expect(detectScopeRefusal(apiError(401, 'Incorrect API key provided'))).toBeUndefined();
  });

  test('other errors are not refusals', () => {
    expect(detectScopeRefusal(apiError(400, 'Missing scopes: x.y'))).toBeUndefined();
    expect(detectScopeRefusal(apiError(500, 'oops'))).toBeUndefined();
    expect(detectScopeRefusal(new Error('Missing scopes: x.y'))).toBeUndefined();
  });
});

describe('detectRefusedGrouping', () => {
  test.each([
    [
      'the one field the message names',
      apiError(400, 'Invalid group_by: api_key_id'),
      ['project_id', 'api_key_id'],
      ['api_key_id'],
    ],
    [
      'a refused combination keeps the oldest dimension',
      apiError(400, 'Grouping by user_id together with project_id is not supported.'),
      ['user_id', 'project_id'],
      ['user_id'],
    ],
    [
      'a param of group_by with a message naming the value',
      apiError(400, "Unknown value 'api_source'", 'group_by'),
      ['line_item', 'api_source'],
      ['api_source'],
    ],
    [
      'no field named: the likeliest refused one goes',
      apiError(400, 'Invalid group_by value for this organization.'),
      ['project_id', 'api_key_id', 'line_item'],
      ['api_key_id'],
    ],
    [
      'no field named and none known: the last one goes',
      apiError(400, 'This grouping is not supported', 'group_by[]'),
      ['project_id', 'line_item'],
      ['line_item'],
    ],
    [
      'names a field only as part of a longer word',
      apiError(400, 'user_id grouping cannot be combined with project_ids'),
      ['user_id'],
      ['user_id'],
    ],
  ])('%s', (_label, error, groupBy, fields) => {
    expect(detectRefusedGrouping(error, 'costs', groupBy)?.fields).toEqual(fields);
  });

  test('a usage endpoint drops api_source when nothing is named', () => {
    const error = apiError(400, 'Invalid group_by.');
    expect(detectRefusedGrouping(error, 'completions', ['model', 'api_source'])?.fields).toEqual([
      'api_source',
    ]);
  });

  test('is not a refusal without group_by, for another 400, or another status', () => {
    expect(detectRefusedGrouping(apiError(400, 'Invalid group_by'), 'costs', [])).toBeUndefined();
    expect(
      detectRefusedGrouping(
        apiError(400, 'start_time must be before end_time', 'start_time'),
        'costs',
        ['project_id'],
      ),
    ).toBeUndefined();
    expect(
      detectRefusedGrouping(apiError(403, 'Invalid group_by: api_key_id'), 'costs', ['api_key_id']),
    ).toBeUndefined();
  });
});
