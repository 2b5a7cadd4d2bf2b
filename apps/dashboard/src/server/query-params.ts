import { endpointNames, endpoints } from '@usagekit/schemas';
import * as v from 'valibot';
import {
  GRAINS,
  GROUPINGS,
  HEADLINE_METRICS,
  RANGE_PRESETS,
  VIEWS,
} from '../shared/dashboard-query';
import { LOOKBACK_DAYS, rangeDays } from './range-bounds';

/** Every metric a chart can show: the headline metrics and each registry metric. */
export const METRIC_NAMES: readonly string[] = [
  ...HEADLINE_METRICS,
  ...new Set(
    endpointNames.flatMap((name) =>
      endpoints[name].kind === 'usage' ? endpoints[name].metrics.map((metric) => metric.name) : [],
    ),
  ),
];

/** The longest range an hourly chart covers (744 points, the most a chart can show apart). */
const MAX_HOURLY_DAYS = 31;

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function isCalendarDate(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === value;
}

function oneOf<const TValues extends readonly string[]>(name: string, values: TValues) {
  return v.picklist(
    values,
    (issue) => `${name} must be one of ${values.join(', ')}; got "${String(issue.input)}"`,
  );
}

/** Untrusted text naming an id or a model: printable, bounded. */
function untrustedName(name: string) {
  return v.pipe(
    v.string(),
    v.minLength(1, `${name} must not be empty`),
    v.maxLength(200, `${name} must be at most 200 characters`),
    // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
    v.regex(/^[^\u0000-\u001f\u007f]+$/, `${name} must not contain control characters`),
  );
}

const dateSchema = (name: string) =>
  v.pipe(
    v.string(),
    v.check(isCalendarDate, (issue) => `${name} must be a date YYYY-MM-DD; got "${issue.input}"`),
  );

/** The query string every API route accepts; each field is optional and has a default. */
export const DashboardQuerySchema = v.pipe(
  v.strictObject(
    {
      view: v.optional(oneOf('view', VIEWS), 'overview'),
      range: v.optional(oneOf('range', RANGE_PRESETS), '30d'),
      from: v.optional(dateSchema('from')),
      to: v.optional(dateSchema('to')),
      org: v.optional(untrustedName('org')),
      project: v.optional(untrustedName('project')),
      model: v.optional(untrustedName('model')),
      by: v.optional(oneOf('by', GROUPINGS), 'model'),
      grain: v.optional(oneOf('grain', GRAINS), 'day'),
      tz: v.optional(
        v.pipe(
          v.string(),
          v.maxLength(64, 'tz must be at most 64 characters'),
          v.check(isTimeZone, (issue) => `tz must be an IANA time zone; got "${issue.input}"`),
        ),
        'UTC',
      ),
      metric: v.optional(oneOf('metric', METRIC_NAMES as [string, ...string[]]), 'spend'),
      endpoint: v.optional(oneOf('endpoint', endpointNames)),
      top: v.optional(
        v.pipe(
          v.string(),
          v.regex(/^\d{1,2}$/, 'top must be a whole number from 1 to 20'),
          v.transform(Number),
          v.minValue(1, 'top must be a whole number from 1 to 20'),
          v.maxValue(20, 'top must be a whole number from 1 to 20'),
        ),
        '8',
      ),
      table: v.optional(
        v.pipe(
          v.string(),
          v.regex(/^[a-z0-9-]{1,64}$/, 'table must be a table id like top-projects'),
        ),
      ),
    },
    (issue) =>
      `unknown parameter "${String(issue.path?.[0]?.key ?? issue.received)}"; allowed: view, range, from, to, org, project, model, by, grain, tz, metric, endpoint, top, table`,
  ),
  v.check(
    (query) => query.range !== 'custom' || (query.from !== undefined && query.to !== undefined),
    'range=custom needs both from and to (YYYY-MM-DD)',
  ),
  v.check(
    (query) => query.from === undefined || query.to === undefined || query.from <= query.to,
    'from must not be after to',
  ),
  v.check(
    // With the hourly bound below, no answer holds more than 744 periods (31 days of hours).
    (query) => !(rangeDays(query.range, query.from, query.to) > LOOKBACK_DAYS + 1),
    (issue) =>
      `a range covers at most ${LOOKBACK_DAYS + 1} days: the API answers about two years back; got ${Math.round(rangeDays(issue.input.range, issue.input.from, issue.input.to))} days`,
  ),
  v.check(
    (query) =>
      query.grain !== 'hour' || !(rangeDays(query.range, query.from, query.to) > MAX_HOURLY_DAYS),
    `grain=hour is available for ranges up to ${MAX_HOURLY_DAYS} days (7d, 30d, mtd or a custom range); use day or coarser for longer ranges`,
  ),
);

/** A validated dashboard query. */
export type DashboardQuery = v.InferOutput<typeof DashboardQuerySchema>;

/** The result of {@link parseDashboardQuery}. */
export type QueryParse =
  | { readonly success: true; readonly query: DashboardQuery }
  | { readonly success: false; readonly message: string };

/**
 * Validates a request's query string. A parameter given twice is an error, not a silent pick.
 *
 * @param search The URL's search params.
 *
 * @returns The query with defaults, or a message naming each bad parameter.
 */
export function parseDashboardQuery(search: URLSearchParams): QueryParse {
  const input: Record<string, string> = Object.create(null);
  for (const [key, value] of search) {
    if (Object.hasOwn(input, key)) {
      return { success: false, message: `parameter "${key}" was given more than once` };
    }
    input[key] = value;
  }
  const result = v.safeParse(DashboardQuerySchema, { ...input });
  if (result.success) return { success: true, query: result.output };
  return { success: false, message: result.issues.map((issue) => issue.message).join('; ') };
}
