import { ReportQuestionError } from './errors';
import {
  type CivilDate,
  canonicalTimeZone,
  civilDateOf,
  formatCivilDate,
  zonedInstant,
} from './zoned-time';

/**
 * A window named relative to now, in the report's zone: `Nd` the last N days and `Nw` the last
 * N weeks (whole days, today included), `Nh` the last N hours (this hour included), `today`,
 * `month` (month to date), `last-month`, `quarter` (quarter to date), `year` (year to date).
 * Every relative window ends at the end of the current day (hour for `Nh`), so the period in
 * progress is included and marked partial.
 */
export type RelativeWindow =
  | `${number}d`
  | `${number}w`
  | `${number}h`
  | 'today'
  | 'month'
  | 'last-month'
  | 'quarter'
  | 'year';

/**
 * One edge of an absolute window: a date (`2026-11-01`, midnight in the zone), a date and time
 * (`2026-11-01T12:00` in the zone, or with `Z` / an offset), Unix seconds, `now`, or the start
 * of a relative window (`30d`, `today`, `month`...).
 */
export type WindowEdge = string | number;

/** An absolute window: `since` inclusive, `until` exclusive (default: the end of today). */
export interface AbsoluteWindow {
  readonly since: WindowEdge;
  readonly until?: WindowEdge | undefined;
}

/** What {@link resolveWindow} accepts. */
export type WindowSpec = RelativeWindow | AbsoluteWindow;

/** A resolved window: half-open instants, and the clock and zone it was read with. */
export interface ReportWindow {
  /** Inclusive. @unit Unix seconds */
  readonly start: number;
  /** Exclusive; may be after `now` (the period in progress). @unit Unix seconds */
  readonly end: number;
  /** The instant the window was resolved at; data after it does not exist yet. @unit Unix seconds */
  readonly now: number;
  /** The IANA zone days, weeks and months are read in. */
  readonly timeZone: string;
  /** A human label: `last 30 days`, `month to date`, `2026-11-01 to 2026-12-01`. */
  readonly label: string;
}

/** How a window is read. */
export interface ResolveWindowOptions {
  /** The current instant. @unit Unix seconds @default the clock */
  readonly now?: number | undefined;
  /** The IANA zone of days and dates. @default 'UTC' */
  readonly timeZone?: string | undefined;
}

/** What window edges accept, for help and error messages. */
export const WINDOW_FORMATS =
  'a date (2026-11-01, midnight in the zone), a date and time (2026-11-01T12:00, 2026-11-01T12:00Z), Unix seconds, "now", or a relative window (7d, 30d, 90d, 4w, 36h, today, month, last-month, quarter, year)';

const HOUR = 3600;

interface Span {
  readonly start: number;
  readonly end: number;
  readonly label: string;
}

function addDays(date: CivilDate, days: number): CivilDate {
  return { year: date.year, month: date.month, day: date.day + days };
}

function relativeSpan(text: string, now: number, timeZone: string): Span | undefined {
  const today = civilDateOf(now, timeZone);
  const endOfToday = zonedInstant(addDays(today, 1), timeZone);
  const count = /^(\d+)([dwh])$/.exec(text);
  if (count !== null) {
    const amount = Number(count[1]);
    if (!Number.isSafeInteger(amount) || amount < 1) return undefined;
    if (count[2] === 'h') {
      const end = Math.floor(now / HOUR) * HOUR + HOUR;
      return { start: end - amount * HOUR, end, label: `last ${amount} hours` };
    }
    const days = count[2] === 'w' ? amount * 7 : amount;
    return {
      start: zonedInstant(addDays(today, 1 - days), timeZone),
      end: endOfToday,
      label: count[2] === 'w' ? `last ${amount} weeks` : `last ${amount} days`,
    };
  }
  const monthStart = { year: today.year, month: today.month, day: 1 };
  switch (text) {
    case 'today':
      return { start: zonedInstant(today, timeZone), end: endOfToday, label: 'today' };
    case 'month':
      return { start: zonedInstant(monthStart, timeZone), end: endOfToday, label: 'month to date' };
    case 'last-month':
      return {
        start: zonedInstant({ ...monthStart, month: today.month - 1 }, timeZone),
        end: zonedInstant(monthStart, timeZone),
        label: 'last month',
      };
    case 'quarter':
      return {
        start: zonedInstant(
          { ...monthStart, month: today.month - ((today.month - 1) % 3) },
          timeZone,
        ),
        end: endOfToday,
        label: 'quarter to date',
      };
    case 'year':
      return {
        start: zonedInstant({ year: today.year, month: 1, day: 1 }, timeZone),
        end: endOfToday,
        label: 'year to date',
      };
    default:
      return undefined;
  }
}

function validDate(year: number, month: number, day: number): boolean {
  const check = new Date(Date.UTC(year, month - 1, day));
  return check.getUTCMonth() === month - 1 && check.getUTCDate() === day;
}

/**
 * Reads one edge of an absolute window.
 *
 * @param edge The edge.
 * @param field The question field, for errors.
 * @param now The current instant. @unit Unix seconds
 * @param timeZone The zone dates are read in.
 *
 * @returns The instant. @unit Unix seconds
 */
function instantOf(edge: WindowEdge, field: string, now: number, timeZone: string): number {
  if (typeof edge === 'number') {
    if (Number.isFinite(edge)) return Math.floor(edge);
    throw new ReportQuestionError(`${edge} is not an instant; use ${WINDOW_FORMATS}`, field);
  }
  const text = edge.trim().toLowerCase();
  if (text === 'now') return now;
  if (/^\d{9,11}$/.test(text)) return Number(text);
  const relative = relativeSpan(text, now, timeZone);
  if (relative !== undefined) return relative.start;
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (date !== null) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    if (!validDate(year, month, day)) {
      throw new ReportQuestionError(`"${edge}" is not a calendar date`, field);
    }
    return zonedInstant({ year, month, day }, timeZone);
  }
  const dateTime =
    /^(\d{4})-(\d{2})-(\d{2})t(\d{2}):(\d{2})(?::(\d{2}))?(z|[+-]\d{2}:\d{2})?$/.exec(text);
  if (dateTime !== null) {
    const [, year, month, day, hour, minute, second, offset] = dateTime;
    if (validDate(Number(year), Number(month), Number(day))) {
      if (offset === undefined) {
        const seconds = Number(hour) * 3600 + Number(minute) * 60 + Number(second ?? '0');
        return zonedInstant(
          { year: Number(year), month: Number(month), day: Number(day) },
          timeZone,
          seconds,
        );
      }
      const parsed = Date.parse(edge.trim().toUpperCase());
      if (!Number.isNaN(parsed)) return Math.floor(parsed / 1000);
    }
  }
  throw new ReportQuestionError(`cannot read "${edge}"; use ${WINDOW_FORMATS}`, field);
}

/**
 * Reads one window edge on its own (a sync's `--since`, for example) the way
 * {@link resolveWindow} reads `since` and `until`.
 *
 * @param edge The edge.
 * @param options The current instant and the zone.
 * @param field The question field named in errors. @default 'window.since'
 *
 * @returns The instant. @unit Unix seconds
 *
 * @throws {ReportQuestionError} When the edge cannot be read or the zone is unknown.
 */
export function resolveWindowEdge(
  edge: WindowEdge,
  options: ResolveWindowOptions = {},
  field = 'window.since',
): number {
  const now = Math.floor(options.now ?? Date.now() / 1000);
  return instantOf(edge, field, now, zoneOf(options.timeZone));
}

function zoneOf(timeZone: string | undefined): string {
  const canonical = canonicalTimeZone(timeZone ?? 'UTC');
  if (canonical === undefined) {
    throw new ReportQuestionError(
      `unknown time zone "${timeZone}"; use an IANA name such as UTC, Europe/Berlin or America/New_York`,
      'timeZone',
    );
  }
  return canonical;
}

function edgeLabel(instant: number, timeZone: string): string {
  const date = civilDateOf(instant, timeZone);
  const text = formatCivilDate(date);
  return zonedInstant(date, timeZone) === instant
    ? text
    : new Date(instant * 1000).toISOString().replace('.000', '');
}

/**
 * Resolves a window: the one definition every command and the dashboard use. Relative windows
 * are whole days in the zone ending at the end of today (`Nh`: whole hours ending at the end of
 * this hour); absolute windows are read in the zone, `until` defaulting to the end of today.
 *
 * @param spec A relative window or `{ since, until }`.
 * @param options The current instant and the zone.
 *
 * @returns The window.
 *
 * @throws {ReportQuestionError} When an edge cannot be read, the zone is unknown, or the window
 *   is empty or starts after now.
 */
export function resolveWindow(spec: WindowSpec, options: ResolveWindowOptions = {}): ReportWindow {
  const now = Math.floor(options.now ?? Date.now() / 1000);
  const timeZone = zoneOf(options.timeZone);
  let span: Span;
  if (typeof spec === 'string') {
    const relative = relativeSpan(spec.trim().toLowerCase(), now, timeZone);
    if (relative === undefined) {
      throw new ReportQuestionError(
        `"${spec}" is not a window; use 7d, 30d, 90d, 4w, 36h, today, month, last-month, quarter, year, or { since, until }`,
        'window',
      );
    }
    span = relative;
  } else {
    const start = instantOf(spec.since, 'window.since', now, timeZone);
    const end =
      spec.until === undefined
        ? zonedInstant(addDays(civilDateOf(now, timeZone), 1), timeZone)
        : instantOf(spec.until, 'window.until', now, timeZone);
    span = {
      start,
      end,
      label: `${edgeLabel(start, timeZone)} to ${edgeLabel(end, timeZone)}`,
    };
  }
  if (span.start >= now) {
    throw new ReportQuestionError(
      'the window starts in the future; it must begin before now',
      'window.since',
    );
  }
  if (span.start >= span.end) {
    throw new ReportQuestionError(
      'since must be before until (the window is start inclusive, end exclusive)',
      'window.until',
    );
  }
  return Object.freeze({ ...span, now, timeZone });
}

/**
 * Whether a period is partial: cut by the window's edges, or not over at the window's `now`.
 *
 * @param periodStart The period's start. @unit Unix seconds
 * @param periodEnd The period's end (exclusive). @unit Unix seconds
 * @param window The window.
 *
 * @returns True when the period does not hold its whole span of finished data.
 */
export function isPartialPeriod(
  periodStart: number,
  periodEnd: number,
  window: ReportWindow,
): boolean {
  return periodStart < window.start || periodEnd > window.end || periodEnd > window.now;
}
