import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What a run of the real command produced. */
export interface CommandRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const cliPath = fileURLToPath(new URL('../cli.ts', import.meta.url));
// tsx's ESM loader by absolute path, so the command can run from any working directory.
const tsxLoader = join(
  dirname(createRequire(import.meta.url).resolve('tsx/package.json')),
  'dist',
  'loader.mjs',
);
const packageDirectory = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs `usagekit` as a subprocess from source (`node --conditions=@usagekit/source --import tsx
 * src/cli.ts`), with only the environment given (plus PATH), so no build is needed.
 *
 * @param args The arguments.
 * @param env Environment variables.
 * @param cwd The working directory. @default the package directory
 *
 * @returns Exit code and output.
 */
export function runCommand(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  cwd = packageDirectory,
): Promise<CommandRun> {
  return runNode(
    ['--conditions=@usagekit/source', '--import', pathToFileURL(tsxLoader).href, cliPath, ...args],
    env,
    cwd,
  );
}

/**
 * Runs Node with arguments and only the environment given (plus PATH and NO_COLOR), collecting
 * its output.
 *
 * @param nodeArguments Node's arguments: options, the script and its arguments.
 * @param env Environment variables.
 * @param cwd The working directory. @default the package directory
 *
 * @returns Exit code and output.
 */
export function runNode(
  nodeArguments: readonly string[],
  env: Readonly<Record<string, string>> = {},
  cwd = packageDirectory,
): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, nodeArguments, {
      cwd,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
