import { describe, expect, test } from 'vitest';
import { createOutputRedactor, environmentSecrets } from './redact';

const KEY = 'sk-admin-0123456789abcdefXYZ';
const LATER = 'org-key-later-0123456789';

describe('createOutputRedactor', () => {
  test('removes the keys in every encoding, and keys added later', async () => {
    const redactor = await createOutputRedactor([KEY]);
    const escaped = KEY.replace('s', '\\u0073').replace('a', '\\u0061');
    const percent = [...KEY]
      .map((character) => `%${character.charCodeAt(0).toString(16)}`)
      .join('');
    const base64 = Buffer.from(KEY).toString('base64');
    const text = redactor.redact(`${KEY} ${escaped} ${percent} ${base64} ${LATER}`);
    expect(text).not.toContain('0123456789abcdef');
    expect(text).not.toContain(escaped);
    expect(text).not.toContain(percent);
    expect(text).not.toContain(base64.slice(2, -2));
    expect(text).toContain(LATER);
    redactor.add(LATER);
    expect(redactor.redact(LATER)).not.toContain(LATER);
  });

  test('ignores values too short to be keys', async () => {
    const redactor = await createOutputRedactor([]);
    redactor.add('abc');
    expect(redactor.redact('abc')).toBe('abc');
  });
});

describe('environmentSecrets', () => {
  test('collects variables named like keys, tokens and secrets', () => {
    expect(
      environmentSecrets({
        OPENAI_ADMIN_KEY: KEY,
        GITHUB_TOKEN: 'ghp_0123456789',
        CLIENT_SECRET: 'shh-0123456789',
        HOME: '/home/someone',
        SHORT_KEY: 'ab',
      }),
    ).toEqual([KEY, 'ghp_0123456789', 'shh-0123456789']);
  });
});
