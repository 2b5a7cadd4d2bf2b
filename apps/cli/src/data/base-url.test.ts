import { describe, expect, test } from 'vitest';
import { checkBaseUrl, isLoopbackUrl } from './base-url';

describe('checkBaseUrl', () => {
  test('accepts https anywhere and plain http on this machine', () => {
    for (const url of [
      'https://api.openai.com/v1',
      'http://127.0.0.1:8787/v1',
      'http://127.1.2.3/v1',
      'http://localhost:8787/v1',
      'http://[::1]:8787/v1',
    ]) {
      expect(checkBaseUrl(url, '--base-url', false)).toBe(url);
    }
  });

  test('refuses plain http to another machine unless allowed, naming the flag', () => {
    for (const url of ['http://api.example.com/v1', 'http://127.attacker.example/v1']) {
      expect(() => checkBaseUrl(url, '--base-url', false)).toThrow(/--base-url: .*plain http/);
      expect(checkBaseUrl(url, '--base-url', true)).toBe(url);
    }
    try {
      checkBaseUrl('http://10.0.0.1/v1', 'OPENAI_BASE_URL', false);
    } catch (error) {
      expect((error as { hint: string }).hint).toMatch(/--allow-insecure-base-url/);
    }
  });

  test('refuses other protocols, garbage and credentials', () => {
    expect(() => checkBaseUrl('ftp://example.com', '--base-url', true)).toThrow(/not an http/);
    expect(() => checkBaseUrl('not a url', '--base-url', true)).toThrow(/not an http/);
    expect(() => checkBaseUrl('https://user:pw@example.com', '--base-url', true)).toThrow(
      /credentials/,
    );
  });
});

describe('isLoopbackUrl', () => {
  test('reads the parsed address, not a prefix', () => {
    expect(isLoopbackUrl(new URL('http://127.0.0.1'))).toBe(true);
    expect(isLoopbackUrl(new URL('http://0x7f.1'))).toBe(true);
    expect(isLoopbackUrl(new URL('http://127.example.com'))).toBe(false);
    expect(isLoopbackUrl(new URL('http://localhost.example.com'))).toBe(false);
  });
});
