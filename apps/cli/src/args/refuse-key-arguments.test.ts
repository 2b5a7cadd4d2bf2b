import { describe, expect, test } from 'vitest';
import { refuseKeyArguments } from './refuse-key-arguments';

describe('refuseKeyArguments', () => {
  test.each([
    [['report', '--key', 'abc']],
    [['report', '--api-key=abc']],
    [['report', '--admin-key', 'abc']],
    [['report', 'sk-admin-0123456789abcdef']],
    [['report', '--base-url=https://x', '--since=sk-proj-abcdefgh']],
  ])('refuses %j without repeating the key', (argv) => {
    let message = '';
    try {
      refuseKeyArguments(argv);
    } catch (error) {
      message = `${(error as Error).message} ${(error as { hint: string }).hint}`;
    }
    expect(message).toMatch(/OPENAI_ADMIN_KEY/);
    expect(message).not.toMatch(/abc|0123456789|abcdefgh/);
  });

  test('accepts ordinary arguments', () => {
    expect(() =>
      refuseKeyArguments(['mock', '--key-file', '.demo-key', '--by', 'key']),
    ).not.toThrow();
  });
});
