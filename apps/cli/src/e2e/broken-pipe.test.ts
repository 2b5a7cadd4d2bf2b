import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { ExitCode } from '../exit-codes';

const cliPath = fileURLToPath(new URL('../cli.ts', import.meta.url));
const tsxLoader = pathToFileURL(
  join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'loader.mjs'),
).href;

/** Runs the command and closes its stdout after the first chunk, as `| head -1` does. */
function runAndCloseStdout(
  args: readonly string[],
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@usagekit/source', '--import', tsxLoader, cliPath, ...args],
      {
        env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', USAGEKIT_NOW: '2025-03-15T12:00:00Z' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stdout.once('data', () => child.stdout.destroy());
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a reader that stops early (usagekit report | head -1)', () => {
  test('ends quietly with exit code 0', async () => {
    // Hourly rows by model: far more output than one pipe buffer holds.
    const run = await runAndCloseStdout([
      'report',
      '--grain',
      'hour',
      '--since',
      '7d',
      '--by',
      'model',
      '--json',
      '--quiet',
    ]);
    expect(run.stderr).not.toMatch(/EPIPE|Error/);
    expect(run.code).toBe(ExitCode.ok);
  });
});
