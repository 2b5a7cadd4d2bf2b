import { describe, expect, test } from 'vitest';
import { checkBaseURL, isLoopbackURL } from './base-url';
import { UsageClientError } from './errors';

describe('isLoopbackURL', () => {
  test.each([
    ['http://localhost:8080/v1', true],
    ['http://LOCALHOST/v1', true],
    ['http://127.0.0.1:3000', true],
    ['http://127.255.10.2', true],
    ['http://127.1/', true],
    ['http://0x7f.0.0.1/', true],
    ['http://[::1]:4000/v1', true],
    ['http://[0:0:0:0:0:0:0:1]/', true],
    ['http://[::ffff:127.0.0.1]/', true],
    ['http://127.attacker.example/', false],
    ['http://127.0.0.1.attacker.example/', false],
    ['http://localhost.attacker.example/', false],
    ['http://128.0.0.1/', false],
    ['http://[::2]/', false],
    ['http://10.0.0.1/', false],
    ['not a url', false],
  ])('%s is loopback: %s', (url, expected) => {
    expect(isLoopbackURL(url)).toBe(expected);
  });
});

describe('checkBaseURL', () => {
  test('accepts https anywhere and http on loopback, returning the origin', () => {
    expect(checkBaseURL('https://api.openai.com/v1', false)).toBe('https://api.openai.com');
    expect(checkBaseURL('http://127.0.0.1:9000/v1', false)).toBe('http://127.0.0.1:9000');
  });

  test('refuses remote http unless allowed', () => {
    expect(() => checkBaseURL('http://proxy.example/v1', false)).toThrow(/allowInsecureBaseURL/);
    expect(() => checkBaseURL('http://127.attacker.example/v1', false)).toThrow(UsageClientError);
    expect(checkBaseURL('http://proxy.example/v1', true)).toBe('http://proxy.example');
  });

  test('refuses other schemes, credentials and relative URLs', () => {
    expect(() => checkBaseURL('ftp://example.com', true)).toThrow(/https/);
    expect(() => checkBaseURL('https://user:pass@example.com', false)).toThrow(/credentials/);
    expect(() => checkBaseURL('/v1', false)).toThrow(/absolute/);
  });
});
