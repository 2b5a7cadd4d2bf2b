import { describe, expect, test } from 'vitest';
import { shouldColor } from './colors';

describe('shouldColor', () => {
  test.each([
    [true, {}, false, true],
    [false, {}, false, false],
    [true, { NO_COLOR: '1' }, false, false],
    [true, { NO_COLOR: '' }, false, true],
    [true, {}, true, false],
    [true, { TERM: 'dumb' }, false, false],
  ])('tty=%s env=%j flag=%s → %s', (isTTY, env, flag, expected) => {
    expect(shouldColor(isTTY, env, flag)).toBe(expected);
  });
});
