import type { OptionSpec } from '../commands/command-specs';

const dashNumber = /^-\d/;

/**
 * Joins a flag that takes a value with a following value that is a negative number (`--top -3`
 * becomes `--top=-3`). The argument parser would otherwise stop at "argument is ambiguous";
 * joined, the value reaches the flag's own check, which refuses it in one line that names the
 * flag and what is allowed.
 *
 * @param argv The command's arguments.
 * @param options The command's flags.
 *
 * @returns The arguments, with such values joined to their flag.
 */
export function joinDashNumberValues(
  argv: readonly string[],
  options: Readonly<Record<string, OptionSpec>>,
): string[] {
  const takesValue = new Set<string>();
  for (const [name, option] of Object.entries(options))
    if (option.type === 'string') takesValue.add(`--${name}`);
  const joined: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] as string;
    const next = argv[index + 1];
    if (takesValue.has(argument) && next !== undefined && dashNumber.test(next)) {
      joined.push(`${argument}=${next}`);
      index += 1;
    } else {
      joined.push(argument);
    }
    if (argument === '--') {
      joined.push(...argv.slice(index + 1));
      break;
    }
  }
  return joined;
}
