import { type CommandSpec, commandSpecs } from './commands/command-specs';
import { ExitCode } from './exit-codes';

/**
 * The top-level help: commands, data sources and exit codes.
 *
 * @param version The package version.
 *
 * @returns The help text.
 */
export function renderMainHelp(version: string): string {
  const width = Math.max(...commandSpecs.map((spec) => spec.name.length));
  const commands = commandSpecs.map((spec) => `  ${spec.name.padEnd(width)}  ${spec.summary}`);
  return [
    `usagekit ${version}: who used what on OpenAI, what it cost, and what next month will cost`,
    '',
    'Usage: usagekit <command> [options]',
    '',
    'Commands:',
    ...commands,
    '',
    'Data source:',
    '  OPENAI_ADMIN_KEY   admin key of a real organization (never pass a key as a flag)',
    '  OPENAI_BASE_URL    API base URL (or --base-url)',
    '  usagekit.config.json  several organizations, each naming the variable that holds its key',
    '  USAGEKIT_STORE     where usagekit sync keeps history (or --store; a DuckDB file or clickhouse:// URL)',
    '  (no key)           the embedded demo organization; every output says it is demo data',
    '',
    'Exit codes:',
    `  ${ExitCode.ok} ok · ${ExitCode.internal} internal error · ${ExitCode.usage} bad usage · ${ExitCode.config} bad config · ${ExitCode.auth} key refused (401/403)`,
    `  ${ExitCode.api} API unreachable or failing · ${ExitCode.budgetOver} a budget is over (usagekit budget)`,
    '',
    'Run "usagekit <command> --help" for the options of a command.',
    '',
  ].join('\n');
}

/**
 * The help of one command: description, options and examples.
 *
 * @param spec The command.
 *
 * @returns The help text.
 */
export function renderCommandHelp(spec: CommandSpec): string {
  const entries = Object.entries(spec.options).map(([name, option]) => {
    const flag = `${option.short === undefined ? '    ' : `-${option.short}, `}--${name}${option.valueName === undefined ? '' : ` <${option.valueName}>`}`;
    return [flag, option.description] as const;
  });
  entries.push(['-h, --help', 'show this help']);
  const width = Math.max(...entries.map(([flag]) => flag.length));
  return [
    `Usage: usagekit ${spec.name} [options]`,
    '',
    spec.description,
    '',
    'Options:',
    ...entries.map(([flag, description]) => `  ${flag.padEnd(width)}  ${description}`),
    '',
    'Examples:',
    ...spec.examples.map((example) => `  ${example}`),
    '',
  ].join('\n');
}
