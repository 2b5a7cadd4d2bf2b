import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { ExitCode } from './exit-codes';
import { runCli } from './run-cli';

async function run(argv: string[], env: Record<string, string> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => {
    out += chunk;
  });
  stderr.on('data', (chunk) => {
    err += chunk;
  });
  const code = await runCli(argv, {
    env,
    cwd: process.cwd(),
    io: { stdout, stderr, stdoutIsTTY: false, stderrIsTTY: false, columns: 120 },
    nowMs: Date.parse('2025-03-15T12:00:00Z'),
  });
  return { code, stdout: out, stderr: err };
}

describe('runCli', () => {
  test('prints the command list and exit codes with --help', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(ExitCode.ok);
    for (const command of [
      'report',
      'costs',
      'reconcile',
      'forecast',
      'budget',
      'export',
      'mock',
      'demo',
    ]) {
      expect(result.stdout).toContain(`  ${command}`);
    }
    expect(result.stdout).toMatch(/6 a budget is over/);
  });

  test('prints a command help with its flags and examples', async () => {
    const result = await run(['report', '--help']);
    expect(result.code).toBe(ExitCode.ok);
    expect(result.stdout).toMatch(/--since <when>/);
    expect(result.stdout).toMatch(/Examples:\n\s+usagekit report/);
    expect(result.stdout).not.toMatch(/sk-/);
  });

  test('prints the version', async () => {
    expect((await run(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  test('exits 2 on no command, an unknown command, an unknown flag or a stray argument', async () => {
    expect((await run([])).code).toBe(ExitCode.usage);
    const unknown = await run(['raport']);
    expect(unknown.code).toBe(ExitCode.usage);
    expect(unknown.stderr).toMatch(/unknown command "raport"/);
    const flag = await run(['costs', '--colour']);
    expect(flag.code).toBe(ExitCode.usage);
    expect(flag.stderr).toMatch(/Unknown option '--colour'/);
    expect(flag.stderr).toMatch(/usagekit costs --help/);
    expect((await run(['costs', 'extra'])).stderr).toMatch(/unexpected argument "extra"/);
  });

  test('refuses --json with --csv before fetching', async () => {
    const result = await run(['report', '--json', '--csv']);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toMatch(/--json and --csv cannot be used together/);
  });

  test('never echoes a key from the environment in an error', async () => {
    const key = 'sk-admin-0123456789abcdef0123';
    const result = await run(['report', '--base-url', `https://user:${key}@example.com`], {
      OPENAI_ADMIN_KEY: key,
    });
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).not.toContain('0123456789abcdef');
  });

  test('refuses a plain-http base URL on another machine before any request, unless allowed', async () => {
    const env = { OPENAI_ADMIN_KEY: 'sk-admin-0123456789abcdef0123' };
    for (const url of ['http://api.example.com/v1', 'http://127.attacker.example/v1']) {
      const result = await run(['costs', '--base-url', url], env);
      expect(result.code, result.stderr).toBe(ExitCode.usage);
      expect(result.stderr).toMatch(/^usagekit: --base-url: .*https/);
      expect(result.stderr).toMatch(/--allow-insecure-base-url/);
    }
    const fromEnvironment = await run(['costs'], { ...env, OPENAI_BASE_URL: 'http://10.1.2.3/v1' });
    expect(fromEnvironment.stderr).toMatch(/^usagekit: OPENAI_BASE_URL: /);
  });

  test('refuses a bad --timeout naming the flag and the allowed values', async () => {
    const result = await run(['costs', '--timeout', 'soon'], {
      OPENAI_ADMIN_KEY: 'sk-admin-0123456789abcdef0123',
    });
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toMatch(
      /--timeout: "soon" is not allowed; use a whole number from 1 to 86400/,
    );
  });

  test('refuses a negative, zero or fractional --top in one line before any request', async () => {
    // A closed local port: any request would end with exit code 5, not 2.
    const env = {
      OPENAI_ADMIN_KEY: 'sk-admin-0123456789abcdef0123',
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
    };
    for (const top of ['-3', '0', '1.5']) {
      for (const argv of [
        ['report', '--by', 'model', '--top', top],
        ['report', '--by', 'model', `--top=${top}`],
      ]) {
        const result = await run(argv, env);
        expect(result.code, result.stderr).toBe(ExitCode.usage);
        expect(result.stderr).toBe(
          `usagekit: --top: "${top}" is not allowed; use a whole number from 1 to 10000\n`,
        );
      }
    }
  });
});
