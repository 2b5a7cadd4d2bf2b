import type {
  RequestOptions,
  UsageClient,
  UsageClientEventHandler,
  UsageClientOptions,
} from '@usagekit/client';
import { parseNonNegativeInteger, parsePositiveInteger } from '../args/positive-integer';
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
  /**
   * Options for each call: with `--timeout`, the time left of it (the run's deadline spans every
   * call, the names and each endpoint alike); otherwise none.
   */
  readonly callOptions: () => RequestOptions;
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

/** The client's own time limit of one request, kept when `--timeout` allows more. @unit milliseconds */
const REQUEST_TIMEOUT_MS = 60_000;

/** The longest `--timeout`: one day. @unit seconds */
const MAX_TIMEOUT_SECONDS = 86_400;

/** Client options every organization shares, read from the flags before any request. */
function sharedClientOptions(context: CommandContext) {
  const { values } = context;
  const maxRetries =
    typeof values.retries === 'string'
      ? (parseNonNegativeInteger(values.retries, '--retries', 10) ?? DEFAULT_RETRIES)
      : DEFAULT_RETRIES;
  const timeoutSeconds = parsePositiveInteger(
    typeof values.timeout === 'string' ? values.timeout : undefined,
    '--timeout',
    MAX_TIMEOUT_SECONDS,
  );
  if (timeoutSeconds === undefined) return { client: { maxRetries }, callOptions: () => ({}) };
  const timeoutMs = timeoutSeconds * 1000;
  const deadlineAt = Date.now() + timeoutMs;
  return {
    client: {
      maxRetries,
      deadlineMs: timeoutMs,
      timeoutMs: Math.min(REQUEST_TIMEOUT_MS, timeoutMs),
    },
    callOptions: (): RequestOptions => ({ deadlineMs: Math.max(1, deadlineAt - Date.now()) }),
  };
}

/** How to ask for a plain-http base URL on another machine, besides the flag. */
const ALLOW_INSECURE_VARIABLE = 'USAGEKIT_ALLOW_INSECURE_BASE_URL';

/**
 * The client refuses a base URL when it is created, before any request (not http(s), credentials
 * in it, plain http to another machine): said again naming where the URL came from.
 */
function baseUrlError(error: unknown, origin: string, baseURL: string | undefined): unknown {
  if (!(error instanceof Error) || !/baseURL/.test(error.message)) return error;
  const plainHttp = baseURL?.toLowerCase().startsWith('http:') === true;
  return new CliError(
    `${origin}: ${error.message}`,
    ExitCode.usage,
    plainHttp
      ? `use https; if plain http to another machine is really intended (a trusted proxy), pass --allow-insecure-base-url or set ${ALLOW_INSECURE_VARIABLE}=1`
      : 'a base URL looks like https://api.openai.com/v1; the key goes in its environment variable, never in the URL',
    error,
  );
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
  const shared = sharedClientOptions(context);
  const allowInsecure =
    values['allow-insecure-base-url'] === true || env[ALLOW_INSECURE_VARIABLE] === '1';
  const flagBaseUrl = typeof values['base-url'] === 'string' ? values['base-url'] : undefined;
  const createClient = (clientOptions: UsageClientOptions, baseUrlOrigin: string) => {
    try {
      return createUsageClient({ ...clientOptions, allowInsecureBaseURL: allowInsecure });
    } catch (error) {
      throw baseUrlError(error, baseUrlOrigin, clientOptions.baseURL);
    }
  };
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
    const organizations = chosen.map((organization) => {
      const key = env[organization.keyEnv];
      if (key === undefined || key === '') {
        throw new CliError(
          `organization "${organization.name}": the environment variable ${organization.keyEnv} (named by keyEnv in the config) is not set`,
          ExitCode.config,
          `export ${organization.keyEnv}=<that organization's admin key>`,
        );
      }
      context.redactor.add(key);
      const baseURL = flagBaseUrl ?? organization.baseURL ?? env.OPENAI_BASE_URL;
      return {
        label: organization.name,
        client: createClient(
          {
            adminKey: key,
            ...(baseURL === undefined ? {} : { baseURL }),
            concurrency,
            ...shared.client,
            onEvent: options.onEvent(organization.name),
          },
          flagBaseUrl === undefined ? `organization "${organization.name}": baseURL` : '--base-url',
        ),
      };
    });
    return { demo: false, organizations, callOptions: shared.callOptions };
  }
  const key = env.OPENAI_ADMIN_KEY;
  if (values.demo !== true && key !== undefined && key !== '') {
    context.redactor.add(key);
    const baseURL = flagBaseUrl ?? env.OPENAI_BASE_URL;
    const label = env.OPENAI_ORG_NAME ?? 'organization';
    return {
      demo: false,
      organizations: [
        {
          label,
          client: createClient(
            {
              adminKey: key,
              ...(baseURL === undefined || baseURL === '' ? {} : { baseURL }),
              concurrency,
              ...shared.client,
              onEvent: options.onEvent(label),
            },
            flagBaseUrl === undefined ? 'OPENAI_BASE_URL' : '--base-url',
          ),
        },
      ],
      callOptions: shared.callOptions,
    };
  }
  const demo = await createDemoApi(context.nowMs);
  context.redactor.add(demo.adminKey);
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
    callOptions: () => ({}),
  };
}
