import { CliError } from './cli-error';
import { ExitCode, type ExitCodeValue } from './exit-codes';

/** A failure as the user sees it. */
export interface DescribedError {
  readonly message: string;
  readonly hint: string | undefined;
  readonly exitCode: ExitCodeValue;
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  return typeof error.status === 'number' ? error.status : undefined;
}

/** Errors that only wrap the real one (an organization's read, a sibling failure). */
const WRAPPERS = new Set(['OrganizationReadError']);

function innermost(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5; depth += 1) {
    if (!(current instanceof Error) || !WRAPPERS.has(current.name) || current.cause === undefined)
      return current;
    current = current.cause;
  }
  return current;
}

const CHECK_BASE_URL = 'check that OPENAI_BASE_URL / --base-url points at the OpenAI API';

/** The client's bounds: the API (or what answers in its place) went past a limit. */
const BOUND_HINTS: Readonly<Record<string, string>> = {
  DeadlineExceededError:
    'the API did not finish within --timeout; try again later, or allow more seconds with --timeout',
  ResponseTooLargeError: `the answer was larger than usagekit reads; ${CHECK_BASE_URL}`,
  CursorLoopError: `the API kept announcing more pages; ${CHECK_BASE_URL}`,
  PageLimitError: `the API kept announcing more pages; ${CHECK_BASE_URL}`,
  RedirectError: `the API redirected elsewhere, which usagekit does not follow with the key; ${CHECK_BASE_URL}`,
};

function classify(error: unknown): Omit<DescribedError, 'message'> & { message?: string } {
  if (error instanceof CliError) return { exitCode: error.exitCode, hint: error.hint };
  const inner = innermost(error);
  if (inner !== error) return classify(inner);
  const name = errorName(error);
  const status = statusOf(error);
  const boundHint = BOUND_HINTS[name];
  if (boundHint !== undefined) return { exitCode: ExitCode.api, hint: boundHint };
  if (name === 'AuthenticationError' || status === 401) {
    return {
      exitCode: ExitCode.auth,
      hint: 'the API refused the key (401): check OPENAI_ADMIN_KEY (or the variable your config names) and OPENAI_BASE_URL',
    };
  }
  if (name === 'PermissionDeniedError' || status === 403) {
    return {
      exitCode: ExitCode.auth,
      hint: 'the usage and costs endpoints need an organization ADMIN key (sk-admin-...), created by an owner at https://platform.openai.com/settings/organization/admin-keys; project and service-account keys cannot read them',
    };
  }
  if (name === 'InvalidParamsError' || status === 400) {
    return { exitCode: ExitCode.usage, hint: undefined };
  }
  if (name === 'APIConnectionError' || name === 'APIConnectionTimeoutError') {
    return {
      exitCode: ExitCode.api,
      hint: 'could not reach the API: check the network, OPENAI_BASE_URL / --base-url, or try again',
    };
  }
  if (
    name === 'ResponseValidationError' ||
    status !== undefined ||
    (/Error$/.test(name) && name.startsWith('API'))
  ) {
    return { exitCode: ExitCode.api, hint: 'the API kept failing after retries; try again later' };
  }
  return {
    exitCode: ExitCode.internal,
    hint: 'this is a bug in usagekit; please report it with the command you ran (without any key)',
  };
}

/**
 * Turns any thrown value into a message, a hint and an exit code. Keys are removed where the
 * message is written (the output streams of `runCli`).
 *
 * @param error The thrown value.
 *
 * @returns What to print and the exit code.
 */
export function describeError(error: unknown): DescribedError {
  const classified = classify(error);
  const raw = error instanceof Error ? error.message : String(error);
  const prefix =
    classified.exitCode === ExitCode.internal && error instanceof Error ? `${error.name}: ` : '';
  return { message: `${prefix}${raw}`, hint: classified.hint, exitCode: classified.exitCode };
}
