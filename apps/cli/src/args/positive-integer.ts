import { CliError } from '../cli-error';

/**
 * Reads a positive integer flag (`--top`, `--port`).
 *
 * @param text The flag value, or undefined.
 * @param flag The flag name, for the message.
 * @param maximum The largest allowed value.
 *
 * @returns The number, or undefined when the flag is absent.
 */
export function parsePositiveInteger(
  text: string | undefined,
  flag: string,
  maximum: number,
): number | undefined {
  return parseIntegerFrom(text, flag, 1, maximum);
}

function parseIntegerFrom(
  text: string | undefined,
  flag: string,
  minimum: number,
  maximum: number,
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (
    !/^\d+$/.test(text.trim()) ||
    !Number.isSafeInteger(value) ||
    value < minimum ||
    value > maximum
  ) {
    throw new CliError(
      `${flag}: "${text}" is not allowed; use a whole number from ${minimum} to ${maximum}`,
    );
  }
  return value;
}

/**
 * Reads a whole-number flag that may be zero (`--retries`).
 *
 * @param text The flag value, or undefined.
 * @param flag The flag name, for the message.
 * @param maximum The largest allowed value.
 *
 * @returns The number, or undefined when the flag is absent.
 */
export function parseNonNegativeInteger(
  text: string | undefined,
  flag: string,
  maximum: number,
): number | undefined {
  return parseIntegerFrom(text, flag, 0, maximum);
}
