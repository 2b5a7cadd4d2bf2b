import type { OutputRedactor } from '../redact';

/** Where a command writes and what it knows about the terminal. */
export interface CommandIo {
  /** Machine-readable output and tables go here. */
  readonly stdout: NodeJS.WritableStream;
  /** Progress, warnings and errors go here. */
  readonly stderr: NodeJS.WritableStream;
  /** Whether stdout is a terminal (tables get colour only then). */
  readonly stdoutIsTTY: boolean;
  /** Whether stderr is a terminal (progress is shown only then). */
  readonly stderrIsTTY: boolean;
  /** Terminal width; infinite when stdout is not a terminal (nothing is cut). @unit columns */
  readonly columns: number;
}

/** The parsed option values of a command. */
export type OptionValues = Record<string, string | boolean | string[] | undefined>;

/** Everything a command needs to run, injected so tests can drive it. */
export interface CommandContext {
  /** The parsed options. */
  readonly values: OptionValues;
  /** Positional arguments after the command name. */
  readonly positionals: readonly string[];
  /** The environment (keys are read from here, never from argv). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Removes the keys in use from everything written: `io` is already redacted, export files use
   * it. Starts with the environment's keys; the data source adds each key it reads.
   */
  readonly redactor: OutputRedactor;
  /** The working directory (config file and relative output paths). */
  readonly cwd: string;
  /** Output streams. */
  readonly io: CommandIo;
  /** The current time. @unit milliseconds since the Unix epoch */
  readonly nowMs: number;
  /**
   * Runs `cleanup` once the command has finished, whatever its outcome (closing a store the
   * command opened). Absent when a test drives a command without the runner.
   */
  readonly defer?: ((cleanup: () => Promise<void>) => void) | undefined;
}

/** A command's implementation, loaded lazily. */
export interface CommandModule {
  /**
   * Runs the command.
   *
   * @param context Options, environment and streams.
   *
   * @returns The exit code.
   */
  run(context: CommandContext): Promise<number>;
}
