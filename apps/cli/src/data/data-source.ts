import type { UsageClient, UsageClientEventHandler } from '@usagekit/client';
import { parseNonNegativeInteger } from '../args/positive-integer';
import { CliError } from '../cli-error';
import type { CommandContext } from '../commands/command-context';
import type { UsagekitConfig } from '../config/config-schema';
import { ExitCode } from '../exit-codes';
import { createDemoApi, DEMO_ORGANIZATION_LABEL } from './demo-api';

/** One organization to read, with its client. */
export interface OrganizationClient {
  /** The label in reports (`organization` column). */
  readonly label: string;
  readonly client: UsageClient;
}

/** Where the data comes from. */
export interface DataSources {
  /** Whether this is the embedded demo organization. */
  readonly demo: boolean;
  readonly organizations: readonly OrganizationClient[];
  /** The admin keys in use, redacted from anything printed. */
  readonly secrets: readonly string[];
}

/** How the clients are built. */
export interface DataSourceOptions {
  /** Receives each client's events, with the organization's label. */
  readonly onEvent: (label: string) => UsageClientEventHandler;
  /** Requests in flight per organization. @default 6 */
  readonly concurrency?: number | undefined;
}

/** Retries per request by default: a command line run should ride out a bad minute of the API. */
const DEFAULT_RETRIES = 5;

function checkBaseUrl(text: string, origin: string): string {
  try {
    const url = new URL(text);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol');
    if (url.username !== '' || url.password !== '') {
      throw new CliError(
        `${origin}: credentials in the URL are not allowed; use the key's environment variable`,
      );
    }
    return text;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      `${origin}: "${text}" is not an http(s) URL such as https://api.openai.com/v1`,
    );
  }
}

/**
 * Decides where data comes from, in this order: `--demo`; the organizations of the config file
 * (each key read from the environment variable it names; `--org` picks some); `OPENAI_ADMIN_KEY`
 * (with `--base-url` or `OPENAI_BASE_URL`); otherwise the embedded demo organization.
 *
 * @param context The command context (flags and environment).
 * @param config The config file.
 * @param options Event hook and concurrency.
 *
 * @returns The organizations to read.
 */
export async function resolveDataSources(
  context: CommandContext,
  config: UsagekitConfig,
  options: DataSourceOptions,
): Promise<DataSources> {
  const { values, env } = context;
  const { createUsageClient } = await import('@usagekit/client');
  const concurrency = options.concurrency ?? 6;
  const maxRetries =
    typeof values.retries === 'string'
      ? (parseNonNegativeInteger(values.retries, '--retries', 10) ?? DEFAULT_RETRIES)
      : DEFAULT_RETRIES;
  const flagBaseUrl =
    typeof values['base-url'] === 'string'
      ? checkBaseUrl(values['base-url'], '--base-url')
      : undefined;
  const configured = config.organizations ?? [];
  const wanted =
    typeof values.org === 'string'
      ? values.org
          .split(',')
          .map((name) => name.trim())
          .filter((name) => name !== '')
      : undefined;
  if (values.demo !== true && (configured.length > 0 || wanted !== undefined)) {
    if (wanted !== undefined) {
      for (const name of wanted) {
        if (!configured.some((organization) => organization.name === name)) {
          const known = configured.map((organization) => organization.name).join(', ') || '(none)';
          throw new CliError(
            `--org: no organization "${name}" in the config; configured: ${known}`,
          );
        }
      }
    }
    const chosen = configured.filter(
      (organization) => wanted === undefined || wanted.includes(organization.name),
    );
    const secrets: string[] = [];
    const organizations = chosen.map((organization) => {
      const key = env[organization.keyEnv];
      if (key === undefined || key === '') {
        throw new CliError(
          `organization "${organization.name}": the environment variable ${organization.keyEnv} (named by keyEnv in the config) is not set`,
          ExitCode.config,
          `export ${organization.keyEnv}=<that organization's admin key>`,
        );
      }
      secrets.push(key);
      const baseURL = flagBaseUrl ?? organization.baseURL ?? env.OPENAI_BASE_URL;
      return {
        label: organization.name,
        client: createUsageClient({
          adminKey: key,
          ...(baseURL === undefined ? {} : { baseURL: checkBaseUrl(baseURL, 'baseURL') }),
          concurrency,
          maxRetries,
          onEvent: options.onEvent(organization.name),
        }),
      };
    });
    return { demo: false, organizations, secrets };
  }
  const key = env.OPENAI_ADMIN_KEY;
  if (values.demo !== true && key !== undefined && key !== '') {
    const baseURL = flagBaseUrl ?? env.OPENAI_BASE_URL;
    const label = env.OPENAI_ORG_NAME ?? 'organization';
    return {
      demo: false,
      organizations: [
        {
          label,
          client: createUsageClient({
            adminKey: key,
            ...(baseURL === undefined || baseURL === ''
              ? {}
              : { baseURL: checkBaseUrl(baseURL, 'OPENAI_BASE_URL') }),
            concurrency,
            maxRetries,
            onEvent: options.onEvent(label),
          }),
        },
      ],
      secrets: [key],
    };
  }
  const demo = await createDemoApi(context.nowMs);
  return {
    demo: true,
    organizations: [
      {
        label: DEMO_ORGANIZATION_LABEL,
        client: createUsageClient({
          adminKey: demo.adminKey,
          baseURL: demo.baseURL,
          fetch: demo.fetch,
          concurrency: 8,
          onEvent: options.onEvent(DEMO_ORGANIZATION_LABEL),
        }),
      },
    ],
    secrets: [demo.adminKey],
  };
}
