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
export function parsePositiveInteger(text: string | undefined, flag: string, maximum: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < 1 || value > maximum) {
    throw new CliError(`${flag}: "${text}" is not allowed; use a whole number from 1 to ${maximum}`);
  }
  return value;
}
