import { describe, expect, test } from 'vitest';
import { ACCESS_COOKIE_NAME, createAccessToken, presentedToken, tokensMatch } from './access-token';

describe('createAccessToken', () => {
  test('encodes 32 random bytes as base64url', () => {
    const token = createAccessToken((size) => new Uint8Array(size).fill(255));
    expect(token).toBe(`${'_'.repeat(42)}8`);
    expect(createAccessToken()).not.toBe(createAccessToken());
  });
});

describe('tokensMatch', () => {
  test('accepts only the exact token', () => {
    expect(tokensMatch('abc', 'abc')).toBe(true);
    expect(tokensMatch('abd', 'abc')).toBe(false);
    expect(tokensMatch('abcd', 'abc')).toBe(false);
    expect(tokensMatch(undefined, 'abc')).toBe(false);
  });
});

describe('presentedToken', () => {
  test('reads a bearer header first, then the cookie', () => {
    expect(presentedToken('Bearer one', `${ACCESS_COOKIE_NAME}=two`)).toBe('one');
    expect(presentedToken(undefined, `a=b; ${ACCESS_COOKIE_NAME}=two; c=d`)).toBe('two');
    expect(presentedToken('Basic x', 'a=b')).toBeUndefined();
  });
});
