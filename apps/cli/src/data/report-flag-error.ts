import { ReportQuestionError } from '@usagekit/report';
import { CliError } from '../cli-error';

/** The flag each part of a report question comes from. */
const FLAGS: readonly (readonly [RegExp, string])[] = [
  [/^window\.since/, '--since'],
  [/^window\.until/, '--until'],
  [/^window/, '--since/--until'],
  [/^timeZone/, '--tz'],
  [/^grain/, '--grain'],
  [/^dimensions/, '--by'],
  [/^endpoints/, '--endpoint'],
  [/^top/, '--top'],
  [/^bucketWidth/, '--bucket-width'],
  [/^sources/, '--org'],
];

/**
 * Says a report-layer validation error with the flag it came from (`grain: ...` becomes
 * `--grain: ...`), as a usage error; other errors are returned unchanged.
 *
 * @param error What the report layer threw.
 *
 * @returns The error to throw.
 */
export function reportFlagError(error: unknown): unknown {
  if (!(error instanceof ReportQuestionError)) return error;
  const flag = FLAGS.find(([pattern]) => pattern.test(error.field))?.[1] ?? error.field;
  return new CliError(
    `${flag}: ${error.message.slice(error.field.length + 2)}`,
    undefined,
    undefined,
    error,
  );
}
