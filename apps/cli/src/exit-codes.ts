/**
 * The process exit codes of the `usagekit` command. Each failure class has its own code so that
 * cron jobs and CI can tell "the budget is over" from "the API was down".
 */
export const ExitCode = {
  /** Success. */
  ok: 0,
  /** An unexpected internal error (a bug): please report it. */
  internal: 1,
  /** Bad command line: unknown command or flag, invalid value, invalid range, key passed as a flag. */
  usage: 2,
  /** The config file is missing, unreadable, not JSON or fails validation. */
  config: 3,
  /** The API refused the key: 401 (wrong or missing key) or 403 (not an admin key). */
  auth: 4,
  /** The API was unreachable, timed out, or kept answering with errors after retries. */
  api: 5,
  /** `usagekit budget`: at least one budget is over. */
  budgetOver: 6,
} as const;

/** One of the exit codes. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
