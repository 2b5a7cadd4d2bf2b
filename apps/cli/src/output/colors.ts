/** Text styles; each is the identity when colour is off. */
export interface Colors {
  readonly enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
}

function style(enabled: boolean, open: number, close: number): (text: string) => string {
  return enabled ? (text) => `\u001b[${open}m${text}\u001b[${close}m` : (text) => text;
}

/**
 * Whether to colour output: only on a TTY, never with `NO_COLOR` (any non-empty value),
 * `--no-color` or `TERM=dumb`.
 *
 * @param isTTY Whether the stream is a terminal.
 * @param env The environment.
 * @param noColorFlag Whether `--no-color` was given.
 *
 * @returns Whether to colour.
 */
export function shouldColor(
  isTTY: boolean,
  env: Readonly<Record<string, string | undefined>>,
  noColorFlag: boolean,
): boolean {
  if (!isTTY || noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return env.TERM !== 'dumb';
}

/**
 * Creates the text styles.
 *
 * @param enabled Whether to emit ANSI colour codes.
 *
 * @returns The styles.
 */
export function createColors(enabled: boolean): Colors {
  return {
    enabled,
    bold: style(enabled, 1, 22),
    dim: style(enabled, 2, 22),
    red: style(enabled, 31, 39),
    yellow: style(enabled, 33, 39),
    green: style(enabled, 32, 39),
    cyan: style(enabled, 36, 39),
  };
}
