import { describe, expect, test } from 'vitest';
import { isLoopback, parseServerOptions } from './server-options';

describe('parseServerOptions', () => {
  test('defaults to 127.0.0.1 and a free port', () => {
    expect(parseServerOptions([])).toEqual({
      host: '127.0.0.1',
      port: 0,
      hostExplicit: false,
      help: false,
      skipBuild: false,
      verbose: false,
      budgetMicros: undefined,
    });
  });

  test('reads --port and --host in both spellings', () => {
    expect(parseServerOptions(['--port', '8080', '--host=0.0.0.0'])).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      hostExplicit: true,
    });
  });

  test('reads a budget in USD as exact micro-units', () => {
    expect(parseServerOptions(['--budget', '1234.5']).budgetMicros).toBe(1_234_500_000);
    expect(() => parseServerOptions(['--budget', '-5'])).toThrow(
      '--budget must be an amount in USD',
    );
  });

  test.each([
    [['--port', 'x'], '--port must be a whole number from 0 to 65535; got "x"'],
    [['--port'], '--port needs a value'],
    [['--colour'], 'Unknown option "--colour"'],
  ])('rejects %j', (argv, message) => {
    expect(() => parseServerOptions(argv)).toThrow(message);
  });

  test('refuses a key on the command line without echoing it', () => {
    const attempt = () => parseServerOptions(['sk-admin-secret']);
    expect(attempt).toThrow(/OPENAI_ADMIN_KEY/);
    expect(attempt).not.toThrow(/secret/);
  });
});

describe('isLoopback', () => {
  test.each([
    ['127.0.0.1', true],
    ['::1', true],
    ['0.0.0.0', false],
    ['192.168.1.2', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopback(host)).toBe(expected);
  });
});
