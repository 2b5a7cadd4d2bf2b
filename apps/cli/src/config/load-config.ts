import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as v from 'valibot';
import { parseTimeZone } from '../args/time-zone';
import { CliError } from '../cli-error';
import { ExitCode } from '../exit-codes';
import {
  BudgetConfigSchema,
  OrganizationConfigSchema,
  type UsagekitConfig,
  UsagekitConfigSchema,
} from './config-schema';

/** The file name looked up in the working directory. */
export const CONFIG_FILE_NAME = 'usagekit.config.json';

/** A loaded config and where it came from. */
export interface LoadedConfig {
  readonly config: UsagekitConfig;
  /** The file it came from, or undefined when none was found (defaults apply). */
  readonly path: string | undefined;
}

function issuePath(issue: v.BaseIssue<unknown>): string {
  const keys = (issue.path ?? []).map((item) => String(item.key));
  return keys.length === 0 ? '(top level)' : keys.join('.');
}

/**
 * Validates a parsed config object, with one message per problem naming the field.
 *
 * @param input The parsed JSON.
 * @param path The file, for the message.
 *
 * @returns The config.
 */
export function validateConfig(input: unknown, path: string): UsagekitConfig {
  const result = v.safeParse(UsagekitConfigSchema, input);
  if (!result.success) {
    const lines = result.issues.map((issue) => {
      const field = issuePath(issue);
      const message =
        issue.type === 'strict_object' && issue.input !== undefined
          ? `unknown field (allowed: ${allowedFieldsHint(issue)})`
          : issue.message;
      return `  ${field}: ${message}`;
    });
    throw new CliError(
      `invalid config ${path}:\n${lines.join('\n')}`,
      ExitCode.config,
      'the JSON Schema usagekit.config.schema.json lists every field',
    );
  }
  const config = result.output;
  if (config.timeZone !== undefined) parseTimeZone(config.timeZone, `${path}: timeZone`);
  const names = new Set<string>();
  for (const organization of config.organizations ?? []) {
    if (names.has(organization.name)) {
      throw new CliError(
        `invalid config ${path}:\n  organizations: the name "${organization.name}" appears twice`,
        ExitCode.config,
      );
    }
    names.add(organization.name);
  }
  return config;
}

function allowedFieldsHint(issue: v.BaseIssue<unknown>): string {
  const parentKeys = (issue.path ?? []).slice(0, -1).map((item) => String(item.key));
  const schema =
    parentKeys[0] === 'organizations'
      ? OrganizationConfigSchema
      : parentKeys[0] === 'budgets'
        ? BudgetConfigSchema
        : UsagekitConfigSchema;
  return Object.keys(schema.entries).join(', ');
}

/**
 * Loads the config: `--config` if given (it must exist), else `usagekit.config.json` in the
 * working directory if present, else an empty config.
 *
 * @param cwd The working directory.
 * @param explicitPath The `--config` value.
 *
 * @returns The config and its path.
 */
export async function loadConfig(
  cwd: string,
  explicitPath: string | undefined,
): Promise<LoadedConfig> {
  const path = resolve(cwd, explicitPath ?? CONFIG_FILE_NAME);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (explicitPath === undefined && code === 'ENOENT') return { config: {}, path: undefined };
    throw new CliError(`cannot read config ${path} (${code ?? 'error'})`, ExitCode.config);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliError(
      `config ${path} is not valid JSON: ${(error as Error).message}`,
      ExitCode.config,
    );
  }
  return { config: validateConfig(parsed, path), path };
}
