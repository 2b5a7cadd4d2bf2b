import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** What a finished child process left behind. */
export interface CommandResult {
  /** The command line, for messages. */
  readonly commandLine: string;
  /** The exit code, or `null` when the process was killed by a signal. */
  readonly exitCode: number | null;
  /** Standard output, decoded as UTF-8. */
  readonly stdout: string;
  /** Standard error, decoded as UTF-8. */
  readonly stderr: string;
}

/** Options for {@link runCommand}. */
export interface RunCommandOptions {
  /** Working directory of the child. */
  readonly cwd: string;
  /** Extra environment variables, merged over the current environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Kill the child after this many milliseconds.
   * @default 600_000
   */
  readonly timeoutMs?: number;
}

/**
 * Runs a command without a shell and collects its output; never rejects on a non-zero exit.
 *
 * @param command The executable.
 * @param args Its arguments.
 * @param options Working directory, environment and time limit.
 * @returns The exit code and the collected output.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: RunCommandOptions,
): Promise<CommandResult> {
  const commandLine = [command, ...args].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdoutChunks: Buffer[] = [];
    const stderrChunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdoutChunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderrChunks.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({
        commandLine,
        exitCode,
        stdout: Buffer.concat(stdoutChunks).toString('utf8'),
        stderr: Buffer.concat(stderrChunks).toString('utf8'),
      });
    });
  });
}

/**
 * Formats a result for an assertion message: the command, where it ran, its exit code and the
 * tail of its output.
 *
 * @param result The finished command.
 * @param maxChars How much of the end of each stream to keep.
 * @returns A multi-line description.
 */
export function describeCommandResult(result: CommandResult, maxChars = 6000): string {
  const tail = (text: string) => (text.length > maxChars ? `…${text.slice(-maxChars)}` : text);
  return [
    `$ ${result.commandLine} (exit ${result.exitCode})`,
    `--- stdout\n${tail(result.stdout.trim())}`,
    `--- stderr\n${tail(result.stderr.trim())}`,
  ].join('\n');
}

/**
 * Runs a command and throws with its output when it does not exit 0.
 *
 * @param command The executable.
 * @param args Its arguments.
 * @param options Working directory, environment and time limit.
 * @returns The successful result.
 */
export async function runCommandOrThrow(
  command: string,
  args: readonly string[],
  options: RunCommandOptions,
): Promise<CommandResult> {
  const result = await runCommand(command, args, options);
  if (result.exitCode !== 0) {
    throw new Error(`command failed in ${options.cwd}\n${describeCommandResult(result)}`);
  }
  return result;
}

/** Environment for child processes that need `pnpm`, and how to remove its shim. */
export interface ToolEnvironment {
  /** Variables to merge into a child's environment. */
  readonly env: Readonly<Record<string, string>>;
  /** Deletes the shim folder. */
  dispose(): Promise<void>;
}

/**
 * Creates an environment whose `PATH` starts with a folder holding a `pnpm` shim that runs the
 * workspace's pinned pnpm through npx, so tools that shell out to `pnpm` (publint, pnpm pack)
 * work on a machine with only Node and npm. Telemetry is turned off: CI reaches only the
 * package registry.
 *
 * @param pnpmVersion The exact version from the root `packageManager` field.
 * @returns The environment and its cleanup.
 */
export async function createToolEnvironment(pnpmVersion: string): Promise<ToolEnvironment> {
  const shimFolder = await mkdtemp(join(tmpdir(), 'usagekit-pnpm-shim-'));
  const shimPath = join(shimFolder, 'pnpm');
  await writeFile(shimPath, `#!/bin/sh\nexec npx -y pnpm@${pnpmVersion} "$@"\n`);
  await chmod(shimPath, 0o755);
  return {
    env: {
      PATH: `${shimFolder}${delimiter}${process.env.PATH ?? ''}`,
      TURBO_TELEMETRY_DISABLED: '1',
      DO_NOT_TRACK: '1',
      npm_config_update_notifier: 'false',
    },
    dispose: () => rm(shimFolder, { recursive: true, force: true }),
  };
}
