import {
  CursorLoopError,
  DeadlineExceededError,
  OrganizationReadError,
  PageLimitError,
  ResponseTooLargeError,
} from '@usagekit/client';
import { describe, expect, test } from 'vitest';
import { describeError } from './describe-error';
import { ExitCode } from './exit-codes';

describe('describeError', () => {
  test('the client bounds are API failures with a hint, not bugs, also inside an organization read', () => {
    const errors = [
      new DeadlineExceededError('costs', 2000),
      new ResponseTooLargeError('GET /organization/costs', 1024),
      new CursorLoopError('costs', 'page_1', 3),
      new PageLimitError('costs', 4),
    ];
    for (const error of errors) {
      for (const thrown of [error, new OrganizationReadError('acme', error)]) {
        const described = describeError(thrown);
        expect(described.exitCode, error.name).toBe(ExitCode.api);
        expect(described.message).not.toMatch(/^\w+Error: /);
        expect(described.hint).toBeDefined();
      }
    }
    expect(describeError(new DeadlineExceededError('costs', 2000)).hint).toMatch(/--timeout/);
  });
});
