import { ExitCode, type ExitCodeValue } from './exit-codes';

/**
 * An error the command reports to the user as one clear message with an exit code, without a
 * stack trace. Messages never contain the admin key.
 */
export class CliError extends Error {
  override name = 'CliError';
  /** The exit code the process ends with. */
  readonly exitCode: ExitCodeValue;
  /** An optional hint printed below the message (what to do next). */
  readonly hint: string | undefined;

  /**
   * @param message What went wrong, naming the flag or field and what is allowed.
   * @param exitCode The exit code. @default ExitCode.usage
   * @param hint What to do next.
   * @param cause The underlying error.
   */
  constructor(
    message: string,
    exitCode: ExitCodeValue = ExitCode.usage,
    hint?: string,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.exitCode = exitCode;
    this.hint = hint;
  }
}
