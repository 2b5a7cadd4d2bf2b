import * as v from 'valibot';
import { expect, test } from 'vitest';
import { ApiErrorBodySchema } from './api-error';

test('parses the error body of a 429, with null param and code', () => {
  const body = {
    error: { message: 'Rate limit reached', type: 'rate_limit_exceeded', param: null, code: null },
  };
  expect(v.parse(ApiErrorBodySchema, body)).toEqual(body);
});

test('accepts a string code and keeps undocumented fields', () => {
  const body = {
    error: {
      message: 'Bad start_time',
      type: 'invalid_request_error',
      param: 'start_time',
      code: 'invalid_value',
      hint: 'x',
    },
  };
  expect(v.parse(ApiErrorBodySchema, body)).toEqual(body);
});

test('rejects a body without a message', () => {
  const outcome = v.safeParse(ApiErrorBodySchema, { error: { type: 'server_error' } });
  expect(outcome.issues?.map((issue) => v.getDotPath(issue))).toEqual(['error.message']);
});
