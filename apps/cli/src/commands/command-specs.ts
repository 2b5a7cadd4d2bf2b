import { storeReadOptions } from '../data/store-read-options';
import { syncOptions } from '../sync/sync-options';
import type { CommandModule } from './command-context';

/** One flag of a command, in `node:util` `parseArgs` form plus help text. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  /** The placeholder in help (`<days>`). */
  readonly valueName?: string;
  /** One line of help. */
  readonly description: string;
}

/** A command: its help and a lazy loader for its implementation. */
export interface CommandSpec {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** A paragraph for `usagekit <command> --help`. */
  readonly description: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Example invocations (never with a key). */
  readonly examples: readonly string[];
  /** Imports the implementation (heavy modules load only for the command that runs). */
  readonly load: () => Promise<CommandModule>;
}

const outputOptions = {
  json: { type: 'boolean', description: 'print JSON (stable field names, see README)' },
  csv: { type: 'boolean', description: 'print CSV (formula-safe cells)' },
  compact: { type: 'boolean', description: 'narrow table layout (automatic under 100 columns)' },
  'no-color': {
    type: 'boolean',
    description: 'no colour (also NO_COLOR=1; colour is only used on a TTY)',
  },
  quiet: { type: 'boolean', short: 'q', description: 'no progress or warnings on stderr' },
} as const satisfies Record<string, OptionSpec>;

const sourceOptions = {
  config: {
    type: 'string',
    valueName: 'file',
    description: 'config file (default ./usagekit.config.json)',
  },
  'base-url': {
    type: 'string',
    valueName: 'url',
    description: 'API base URL (default OPENAI_BASE_URL, else https://api.openai.com/v1)',
  },
  org: {
    type: 'string',
    valueName: 'names',
    description: 'only these organizations of the config file (comma-separated)',
  },
  demo: {
    type: 'boolean',
    description: 'use the embedded demo organization even when a key is set',
  },
  retries: {
    type: 'string',
    valueName: 'n',
    description: 'retries per request on 429, 5xx and network errors (default 5)',
  },
  timeout: {
    type: 'string',
    valueName: 'seconds',
    description:
      'give up after this many seconds in all, retries included: a whole number from 1 to 86400 (default: no limit, 60 s per request)',
  },
  'allow-insecure-base-url': {
    type: 'boolean',
    description:
      'allow a plain-http base URL on another machine (the key would cross the network unencrypted; http on 127.0.0.1 or localhost needs no flag)',
  },
} as const satisfies Record<string, OptionSpec>;

const rangeOptions = {
  since: {
    type: 'string',
    valueName: 'when',
    description:
      'start, inclusive: 2025-03-01, 2025-03-01T08:00Z, 30d, 4w, 36h, today, month (default 30d)',
  },
  until: {
    type: 'string',
    valueName: 'when',
    description: 'end, exclusive (same forms; default now)',
  },
  tz: {
    type: 'string',
    valueName: 'zone',
    description: 'IANA time zone for dates and periods (default: config timeZone, else UTC)',
  },
} as const satisfies Record<string, OptionSpec>;

const groupingOptions = {
  by: {
    type: 'string',
    valueName: 'dims',
    description:
      'group by: project, user, key, model, batch, tier, endpoint, ... (comma-separated)',
  },
  grain: {
    type: 'string',
    valueName: 'grain',
    description: 'period: hour, day, week, month or total (default day)',
  },
  top: {
    type: 'string',
    valueName: 'n',
    description: 'keep the top N groups, fold the rest into "other"',
  },
} as const satisfies Record<string, OptionSpec>;

const endpointOption = {
  endpoint: {
    type: 'string',
    valueName: 'names',
    description:
      'usage endpoints: completions, embeddings, images, ... (comma-separated; default all)',
  },
} as const satisfies Record<string, OptionSpec>;

/** Every command, in help order. */
export const commandSpecs: readonly CommandSpec[] = [
  {
    name: 'report',
    summary: 'usage and estimated cost by period and any dimensions',
    description:
      'Fetches usage from every chosen endpoint and rolls it up by period and dimensions, with estimated cost. Names replace ids where the directory knows them.',
    options: {
      ...rangeOptions,
      ...groupingOptions,
      ...endpointOption,
      breakdown: {
        type: 'boolean',
        description: 'one row per model under each period (like ccusage --breakdown)',
      },
      'bucket-width': {
        type: 'string',
        valueName: 'width',
        description: 'fetch width 1m, 1h or 1d (default: chosen from grain and zone)',
      },
      ...sourceOptions,
      ...storeReadOptions,
      ...outputOptions,
    },
    examples: [
      'usagekit report',
      'usagekit report --since 2025-03-01 --until 2025-04-01 --by project,model --grain week',
      'usagekit report --by user --top 10 --grain total --json',
      'usagekit report --grain hour --since 48h --tz Europe/Berlin --endpoint completions',
    ],
    load: () => import('./report-command'),
  },
  {
    name: 'costs',
    summary: 'actual spend from the Costs API by day, project and line item',
    description: 'Reads the bill (the Costs API) and rolls it up. Amounts are exact decimals.',
    options: {
      ...rangeOptions,
      by: {
        type: 'string',
        valueName: 'dims',
        description: 'group by: project, line_item, key, user (default project,line_item)',
      },
      grain: groupingOptions.grain,
      top: groupingOptions.top,
      ...sourceOptions,
      ...storeReadOptions,
      ...outputOptions,
    },
    examples: ['usagekit costs', 'usagekit costs --since month --by project --csv'],
    load: () => import('./costs-command'),
  },
  {
    name: 'reconcile',
    summary: 'estimate against the bill: variance per group and why',
    description:
      'Prices the usage, joins it with the Costs API by day and project, and explains each variance (missing price, batch or tier handling, org-level charges, rounding).',
    options: {
      ...rangeOptions,
      by: {
        type: 'string',
        valueName: 'dims',
        description: 'join on: project (default), line_item',
      },
      ...sourceOptions,
      ...storeReadOptions,
      ...outputOptions,
    },
    examples: [
      'usagekit reconcile --since month',
      'usagekit reconcile --since 2025-03-01 --until 2025-04-01 --json',
    ],
    load: () => import('./reconcile-command'),
  },
  {
    name: 'forecast',
    summary: 'month-end spend projected from the month so far',
    description:
      'Projects spend to the end of the current month (with a range), from the Costs API.',
    options: {
      by: { type: 'string', valueName: 'dims', description: 'also per project (project)' },
      tz: rangeOptions.tz,
      ...sourceOptions,
      ...storeReadOptions,
      ...outputOptions,
    },
    examples: ['usagekit forecast', 'usagekit forecast --by project --json'],
    load: () => import('./forecast-command'),
  },
  {
    name: 'budget',
    summary: 'budgets from the config file with status; exit code 6 when one is over',
    description:
      'Checks each budget of the config file against month-to-date spend and the month-end projection. Exits with 6 when any budget is over, so cron and CI can alert.',
    options: {
      tz: rangeOptions.tz,
      ...sourceOptions,
      ...storeReadOptions,
      ...outputOptions,
    },
    examples: ['usagekit budget', 'usagekit budget --json || notify-team'],
    load: () => import('./budget-command'),
  },
  {
    name: 'export',
    summary: 'everything fetched, one row per bucket, endpoint and group (CSV or JSON Lines)',
    description:
      'Writes raw buckets of every chosen endpoint (and the Costs API), grouped by every dimension, names attached. Files are written atomically.',
    options: {
      ...rangeOptions,
      ...endpointOption,
      by: {
        type: 'string',
        valueName: 'dims',
        description: 'group by these dimensions only (default: every dimension)',
      },
      'bucket-width': {
        type: 'string',
        valueName: 'width',
        description: 'fetch width 1m, 1h or 1d (default 1d)',
      },
      format: {
        type: 'string',
        valueName: 'format',
        description: 'csv or jsonl (default: from --output extension, else jsonl)',
      },
      output: {
        type: 'string',
        short: 'o',
        valueName: 'file',
        description: 'write to this file (default stdout)',
      },
      ...sourceOptions,
      ...storeReadOptions,
      quiet: outputOptions.quiet,
    },
    examples: [
      'usagekit export --since 90d -o usage.csv',
      'usagekit export --endpoint completions,costs --format jsonl | jq .',
    ],
    load: () => import('./export-command'),
  },
  {
    name: 'sync',
    summary: 'keep local history: pull usage and costs into a DuckDB (or ClickHouse) store',
    description:
      'Pulls every usage endpoint (hourly, grouped by every dimension) and the Costs API (daily, by project and line item) of every organization into the store. The first sync backfills 90 days (--since up to 730); later ones re-read from the last complete bucket minus the lookback and replace those buckets. Only whole buckets are stored; an interrupted sync resumes where it stopped.',
    options: {
      ...syncOptions,
      ...sourceOptions,
      json: outputOptions.json,
      quiet: outputOptions.quiet,
    },
    examples: [
      'usagekit sync',
      'usagekit sync --since 365d --store ./usage.duckdb',
      'usagekit sync --store clickhouse://localhost:8123/usagekit --lookback 72',
    ],
    load: () => import('./sync-command'),
  },
  {
    name: 'mock',
    summary: 'serve the simulated API on 127.0.0.1 for the SDK or curl',
    description:
      "Starts the demo organization's simulated Usage and Costs API. Point OPENAI_BASE_URL at the printed URL. Stop with Ctrl-C.",
    options: {
      port: { type: 'string', valueName: 'port', description: 'port (default: a free one)' },
      host: { type: 'string', valueName: 'host', description: 'interface (default 127.0.0.1)' },
      'key-file': {
        type: 'string',
        valueName: 'file',
        description: 'write the demo admin key to this file (mode 0600)',
      },
      faults: {
        type: 'string',
        valueName: 'share',
        description: 'answer this share of requests with a fault, e.g. 0.2',
      },
      'latency-ms': {
        type: 'string',
        valueName: 'ms',
        description: 'add this latency to every answer',
      },
      json: outputOptions.json,
    },
    examples: ['usagekit mock --port 8787 --key-file .demo-key'],
    load: () => import('./mock-command'),
  },
  {
    name: 'demo',
    summary: 'a tour of the embedded demo organization (no key needed)',
    description:
      "Prints the demo organization's last 30 days: usage by project and model, estimated against billed cost, and the month-end forecast.",
    options: {
      tz: rangeOptions.tz,
      ...outputOptions,
    },
    examples: ['usagekit demo', 'usagekit demo --json'],
    load: () => import('./demo-command'),
  },
];

/**
 * Looks up a command by name.
 *
 * @param name The command name.
 *
 * @returns The command, or undefined.
 */
export function findCommand(name: string): CommandSpec | undefined {
  return commandSpecs.find((spec) => spec.name === name);
}
