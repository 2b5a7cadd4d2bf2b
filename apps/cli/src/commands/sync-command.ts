import { type EndpointName, endpointNames, isEndpointName } from '@usagekit/schemas';
import { parsePositiveInteger } from '../args/positive-integer';
import { parseInstant } from '../args/time-range';
import { CliError } from '../cli-error';
import { ExitCode } from '../exit-codes';
import { openStoreOf } from '../sync/open-store';
import { syncOrganizations } from '../sync/sync-organizations';
import { API_LOOKBACK_DAYS, DEFAULT_LOOKBACK_HOURS } from '../sync/sync-plan';
import type { CommandContext } from './command-context';
import { openDataSession } from './data-session';

function parseSyncEndpoints(text: string | undefined): EndpointName[] | undefined {
  if (text === undefined || text.trim() === '' || text.trim() === 'all') return undefined;
  const chosen = new Set<EndpointName>();
  for (const raw of text.split(',')) {
    const name = raw.trim().toLowerCase().replace(/-/g, '_');
    if (name === '') continue;
    if (!isEndpointName(name)) {
      throw new CliError(
        `--endpoint: unknown endpoint "${raw.trim()}"; allowed: ${endpointNames.join(', ')} (or all)`,
      );
    }
    chosen.add(name);
  }
  return endpointNames.filter((name) => chosen.has(name));
}

/**
 * Reads `--since` for a sync: any form `--since` takes elsewhere, refused when it is in the future
 * or beyond the API's lookback (about two years), before any request is sent.
 */
function parseSince(text: string | undefined, nowSeconds: number, timeZone: string) {
  if (text === undefined) return undefined;
  const since = parseInstant(text, '--since', nowSeconds, timeZone);
  if (since >= nowSeconds) {
    throw new CliError('--since: the start is in the future; a sync reads history before now');
  }
  if (nowSeconds - since > API_LOOKBACK_DAYS * 86_400) {
    throw new CliError(
      `--since: "${text}" is ${Math.ceil((nowSeconds - since) / 86_400)} days ago; the API keeps at most ${API_LOOKBACK_DAYS} days (reporting_lookback_exceeded beyond)`,
      ExitCode.usage,
      `use --since ${API_LOOKBACK_DAYS}d or later`,
    );
  }
  return since;
}

function formatTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(':00.000Z', 'Z');
}

/**
 * Runs `usagekit sync`: pulls every usage endpoint (hourly, grouped by every dimension) and the
 * Costs API (daily, by project and line item) of every organization into the store, incrementally.
 *
 * @param context The command context.
 *
 * @returns The exit code.
 */
export async function run(context: CommandContext): Promise<number> {
  const { values, io } = context;
  const lookbackHours =
    parsePositiveInteger(values.lookback as string | undefined, '--lookback', 24 * 365) ??
    DEFAULT_LOOKBACK_HOURS;
  const endpoints = parseSyncEndpoints(values.endpoint as string | undefined);
  const session = await openDataSession(context);
  const sinceSeconds = parseSince(
    values.since as string | undefined,
    session.nowSeconds,
    session.timeZone,
  );
  const { store, where } = await openStoreOf(context);
  const startedAt = Date.now();
  const quiet = values.quiet === true;
  try {
    const summaries = await syncOrganizations({
      store,
      organizations: session.sources.organizations,
      nowSeconds: session.nowSeconds,
      sinceSeconds,
      lookbackHours,
      endpoints,
    }).finally(() => session.reporter.finish());
    const buckets = summaries.reduce((sum, item) => sum + item.buckets, 0);
    const rows = summaries.reduce((sum, item) => sum + item.rows, 0);
    const seconds = (Date.now() - startedAt) / 1000;
    if (values.json === true) {
      io.stdout.write(
        `${JSON.stringify(
          {
            store: where,
            demo: session.sources.demo,
            series: summaries.map((item) => ({
              organization: item.organization,
              endpoint: item.endpoint,
              bucket_width: item.bucketWidth,
              start: item.window === null ? null : formatTime(item.window.startTime),
              end: item.window === null ? null : formatTime(item.window.endTime),
              buckets: item.buckets,
              rows: item.rows,
            })),
            totals: { buckets, rows },
          },
          null,
          2,
        )}\n`,
      );
    } else {
      for (const item of summaries) {
        const window =
          item.window === null
            ? 'up to date'
            : `${formatTime(item.window.startTime)} .. ${formatTime(item.window.endTime)}`;
        io.stdout.write(
          `${item.organization}  ${item.endpoint} (${item.bucketWidth})  ${window}  ${item.buckets} buckets, ${item.rows} rows\n`,
        );
      }
    }
    if (!quiet) {
      io.stderr.write(
        `synced ${rows} rows in ${buckets} buckets into ${where} in ${seconds.toFixed(1)} s${session.sources.demo ? ' (DEMO DATA)' : ''}\n`,
      );
    }
    return ExitCode.ok;
  } finally {
    await store.close();
  }
}
