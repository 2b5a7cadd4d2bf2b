import { describe, expect, test } from 'vitest';
import {
  createSecretRedactor,
  REDACTED_SECRET,
  redactSecret,
  redactSecrets,
} from './redact-secret';

const KEY = 'sk-admin-Ab3/x+Yz_9-QkL0pR7sT';

function jsonEscapeEvery(text: string, upper: boolean): string {
  return [...text]
    .map((character) => {
      const hex = character.charCodeAt(0).toString(16).padStart(4, '0');
      return `\\u${upper ? hex.toUpperCase() : hex}`;
    })
    .join('');
}

function percentEncodeEvery(text: string, upper: boolean): string {
  return [...new TextEncoder().encode(text)]
    .map((byte) => {
      const hex = byte.toString(16).padStart(2, '0');
      return `%${upper ? hex.toUpperCase() : hex}`;
    })
    .join('');
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function base64Around(secret: string, before: string, after: string): string {
  return base64(new TextEncoder().encode(`${before}${secret}${after}`));
}

describe('redactSecret', () => {
  test.each([
    ['literal', KEY],
    ['JSON-escaped, lower-case hex', jsonEscapeEvery(KEY, false)],
    ['JSON-escaped, upper-case hex', jsonEscapeEvery(KEY, true)],
    ['one JSON escape', `\\u0073${KEY.slice(1)}`],
    ['escaped slash', KEY.replace('/', '\\/')],
    [
      'a mix of escapes, hex cases and literals',
      `\\u0073k\\u002Dadmin${jsonEscapeEvery('-Ab', true)}3\\/x+${jsonEscapeEvery('Yz', false)}${KEY.slice(17)}`,
    ],
    ['percent-encoded, upper case', percentEncodeEvery(KEY, true)],
    ['percent-encoded, lower case', percentEncodeEvery(KEY, false)],
    ['encodeURIComponent', encodeURIComponent(KEY)],
    ['percent and literal mixed', `sk%2dadmin%2DAb3%2fx%2BYz_9-QkL0pR7sT`],
    ['base64', base64Around(KEY, '', '')],
    ['base64 after one byte', base64Around(KEY, 'x', '')],
    ['base64 after two bytes', base64Around(KEY, 'xy', 'z')],
    ['base64 of a Basic credential', base64Around(KEY, 'user:', '')],
    ['base64url', base64Around(KEY, 'ab', '!').replaceAll('+', '-').replaceAll('/', '_')],
    ['base64 percent-encoded', encodeURIComponent(base64Around(KEY, '{"k":"', '"}'))],
  ])('removes the key %s', (_label, encoded) => {
    const text = `before ${encoded} after`;
    const redacted = redactSecret(text, KEY);
    expect(redacted).toContain(REDACTED_SECRET);
    expect(redacted.startsWith('before ')).toBe(true);
    expect(redacted).not.toContain(KEY);
    expect(redacted).not.toContain(encoded);
    // Nothing of the key's middle survives in any encoding.
    expect(redacted.replaceAll(REDACTED_SECRET, '')).not.toMatch(/admin|QkL0|u0051|%51|a0wwcF/i);
  });

  test('removes every occurrence and keeps the rest of the text', () => {
    expect(redactSecret(`a ${KEY} b ${KEY} c`, KEY)).toBe(
      `a ${REDACTED_SECRET} b ${REDACTED_SECRET} c`,
    );
  });

  test('leaves text without the key unchanged, and an empty secret removes nothing', () => {
    const text = 'sk-admin-other {"ok":true} \\u0041 %41 QUJD';
    expect(redactSecret(text, KEY)).toBe(text);
    expect(redactSecret(text, '')).toBe(text);
  });

  test('handles secrets with characters that are special in JSON and regular expressions', () => {
    const secret = 'a"b\\c.*(d) é😀';
    const encoded = JSON.stringify(secret).slice(1, -1);
    expect(redactSecret(`x${encoded}y`, secret)).toBe(`x${REDACTED_SECRET}y`);
    expect(redactSecret(`x${encodeURIComponent(secret)}y`, secret)).toBe(`x${REDACTED_SECRET}y`);
    expect(redactSecret(`x${secret}y`, secret)).toBe(`x${REDACTED_SECRET}y`);
  });
});

describe('redactSecrets and createSecretRedactor', () => {
  test('remove each of several secrets', () => {
    const other = 'sk-admin-second-key-value';
    const text = `${KEY} and ${encodeURIComponent(other)}`;
    expect(redactSecrets(text, [KEY, other])).toBe(`${REDACTED_SECRET} and ${REDACTED_SECRET}`);
    const redact = createSecretRedactor(new Set([KEY, other, '']));
    expect(redact(text)).toBe(`${REDACTED_SECRET} and ${REDACTED_SECRET}`);
  });

  test('with no secrets returns the text as it is', () => {
    expect(createSecretRedactor([])('anything')).toBe('anything');
  });
});
