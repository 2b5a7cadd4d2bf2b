import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { joinDashNumberValues } from './args/dash-number-values';
import { refuseKeyArguments } from './args/refuse-key-arguments';
import { CliError } from './cli-error';
import type { CommandContext, CommandIo } from './commands/command-context';
import { type CommandSpec, findCommand } from './commands/command-specs';
import { describeError } from './describe-error';
import { ExitCode } from './exit-codes';
import { renderCommandHelp, renderMainHelp } from './help';
import { createOutputRedactor, environmentSecrets, type OutputRedactor } from './redact';
import { createRedactingStream } from './redacting-stream';

/** The environment the command runs in; injected so tests can drive it in process. */
export interface RunCliEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly io: CommandIo;
  /** The current time. @unit milliseconds since the Unix epoch @default Date.now() */
  readonly nowMs?: number | undefined;
}

function packageVersion(): string {
  const manifest = createRequire(import.meta.url)('../package.json') as { version: string };
  return manifest.version;
}

function parseCommandArguments(spec: CommandSpec, argv: readonly string[]) {
  try {
    return parseArgs({
      args: joinDashNumberValues(argv, spec.options),
      options: { ...spec.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(
      `${spec.name}: ${message.replace(/\. To specify a positional argument.*$/s, '')}`,
      ExitCode.usage,
      `run "usagekit ${spec.name} --help" for the options`,
    );
  }
}

function redactedIo(io: CommandIo, redactor: OutputRedactor): CommandIo {
  return {
    ...io,
    stdout: createRedactingStream(io.stdout, redactor.redact),
    stderr: createRedactingStream(io.stderr, redactor.redact),
  };
}

/**
 * Runs the `usagekit` command line: dispatches to a command, prints help, and turns every
 * failure into one message on stderr and an exit code. Everything a command writes to stdout and
 * stderr has the keys in use removed.
 *
 * @param argv The arguments after the program name.
 * @param environment Environment, working directory and streams.
 *
 * @returns The exit code.
 */
export async function runCli(
  argv: readonly string[],
  environment: RunCliEnvironment,
): Promise<number> {
  // Until a command runs, output is help text and argv (which never holds a key).
  let io = environment.io;
  const cleanups: (() => Promise<void>)[] = [];
  try {
    refuseKeyArguments(argv);
    const [commandName, ...rest] = argv;
    if (
      commandName === undefined ||
      commandName === '--help' ||
      commandName === '-h' ||
      commandName === 'help'
    ) {
      const topic =
        commandName === 'help' && rest[0] !== undefined ? findCommand(rest[0]) : undefined;
      io.stdout.write(
        topic === undefined ? renderMainHelp(packageVersion()) : renderCommandHelp(topic),
      );
      return commandName === undefined ? ExitCode.usage : ExitCode.ok;
    }
    if (commandName === '--version' || commandName === '-v') {
      io.stdout.write(`${packageVersion()}\n`);
      return ExitCode.ok;
    }
    const spec = findCommand(commandName);
    if (spec === undefined) {
      throw new CliError(
        `unknown command "${commandName}"`,
        ExitCode.usage,
        'run "usagekit --help" for the list of commands',
      );
    }
    const parsed = parseCommandArguments(spec, rest);
    if (parsed.values.help === true) {
      io.stdout.write(renderCommandHelp(spec));
      return ExitCode.ok;
    }
    if (parsed.positionals.length > 0) {
      throw new CliError(
        `${spec.name}: unexpected argument "${parsed.positionals[0]}"`,
        ExitCode.usage,
        `run "usagekit ${spec.name} --help" for the options`,
      );
    }
    const redactor = await createOutputRedactor(environmentSecrets(environment.env));
    io = redactedIo(environment.io, redactor);
    const context: CommandContext = {
      values: parsed.values,
      positionals: parsed.positionals,
      env: environment.env,
      redactor,
      cwd: environment.cwd,
      io,
      nowMs: environment.nowMs ?? Date.now(),
      defer: (cleanup) => cleanups.push(cleanup),
    };
    const command = await spec.load();
    return await command.run(context);
  } catch (error) {
    const described = describeError(error);
    const { writeTerminalLines } = await import('./output/terminal-lines');
    writeTerminalLines(io.stderr, [
      `usagekit: ${described.message}`,
      ...(described.hint === undefined ? [] : [`  ${described.hint}`]),
    ]);
    return described.exitCode;
  } finally {
    for (const cleanup of cleanups.splice(0)) await cleanup().catch(() => undefined);
  }
}
