import { RollupQueryError } from './errors';

/** Offsets are looked up once per quarter hour (every zone's transitions since 1970 fall on one). */
const OFFSET_STEP_SECONDS = 900;
const SECONDS_PER_DAY = 86_400;

/** UTC offsets of one IANA time zone, computed with `Intl.DateTimeFormat` and cached. */
export interface ZoneClock {
  /** The IANA name, as given. */
  readonly timeZone: string;
  /** Whether the zone is UTC (offset always 0). */
  readonly isUtc: boolean;
  /**
   * The zone's offset from UTC at an instant.
   *
   * @param instant Unix seconds.
   *
   * @returns Local time minus UTC. @unit seconds
   */
  offsetAt(instant: number): number;
}

const clocks = new Map<string, ZoneClock>();

function createZoneClock(timeZone: string): ZoneClock {
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new RollupQueryError(
      `"${timeZone}" is not an IANA time zone this runtime knows (for example "UTC", "Europe/Berlin", "America/New_York")`,
      'timeZone',
    );
  }
  const resolved = formatter.resolvedOptions().timeZone;
  const isUtc = resolved === 'UTC' || resolved === 'Etc/UTC' || resolved === 'Etc/GMT';
  const cache = new Map<number, number>();
  const compute = (instant: number): number => {
    const parts = formatter.formatToParts(new Date(instant * 1000));
    const field = (type: Intl.DateTimeFormatPartTypes) =>
      Number(parts.find((part) => part.type === type)?.value ?? 0);
    const local =
      Date.UTC(
        field('year'),
        field('month') - 1,
        field('day'),
        field('hour'),
        field('minute'),
        field('second'),
      ) / 1000;
    return local - instant;
  };
  return {
    timeZone,
    isUtc,
    offsetAt(instant: number): number {
      if (isUtc) return 0;
      const step = Math.floor(instant / OFFSET_STEP_SECONDS);
      let offset = cache.get(step);
      if (offset === undefined) {
        offset = compute(step * OFFSET_STEP_SECONDS);
        cache.set(step, offset);
      }
      return offset;
    },
  };
}

/**
 * Returns the (cached) clock of an IANA time zone.
 *
 * @param timeZone The zone, for example `Europe/Berlin`.
 *
 * @returns Its clock.
 */
export function zoneClock(timeZone: string): ZoneClock {
  let clock = clocks.get(timeZone);
  if (clock === undefined) {
    clock = createZoneClock(timeZone);
    clocks.set(timeZone, clock);
  }
  return clock;
}

/**
 * Converts a local wall-clock time to the instant it happens. A time skipped by a forward
 * daylight-saving jump maps to the reading with the earlier offset (for a day that starts in
 * the gap, the instant of the jump); a repeated time maps to one of its two readings.
 *
 * @param clock The zone.
 * @param local Local time as seconds since 1970-01-01T00:00 local.
 *
 * @returns Unix seconds.
 */
function localToInstant(clock: ZoneClock, local: number): number {
  if (clock.isUtc) return local;
  const firstGuess = local - clock.offsetAt(local);
  const offset = clock.offsetAt(firstGuess);
  const candidate = local - offset;
  if (clock.offsetAt(candidate) === offset) return candidate;
  // Skipped by a forward jump: the later reading, which is the jump's instant for a gap's start.
  return Math.max(firstGuess, candidate);
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
 *
 * @param year The year.
 * @param month The month, 1-12.
 * @param day The day, 1-31.
 *
 * @returns Days since the epoch.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const shifted = month <= 2 ? year - 1 : year;
  const era = Math.floor(shifted / 400);
  const yearOfEra = shifted - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * The proleptic Gregorian date of a day number.
 *
 * @param days Days since 1970-01-01.
 *
 * @returns `[year, month 1-12, day 1-31]`.
 */
export function civilFromDays(days: number): [number, number, number] {
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/**
 * The local calendar day (days since 1970-01-01 local) an instant falls on.
 *
 * @param clock The zone.
 * @param instant Unix seconds.
 *
 * @returns The local day number.
 */
export function localDay(clock: ZoneClock, instant: number): number {
  return Math.floor((instant + clock.offsetAt(instant)) / SECONDS_PER_DAY);
}

/**
 * The instant a local day starts (its first existing second, usually local midnight).
 *
 * @param clock The zone.
 * @param day Days since 1970-01-01 local.
 *
 * @returns Unix seconds.
 */
export function startOfLocalDay(clock: ZoneClock, day: number): number {
  return localToInstant(clock, day * SECONDS_PER_DAY);
}

/**
 * Writes an instant as local ISO 8601 time in a zone with its offset, for messages that people
 * read (`2026-11-01T08:00:00+09:00`).
 *
 * @param clock The zone's clock.
 * @param instant Unix seconds.
 *
 * @returns The local date, time and offset.
 */
export function localIsoTime(clock: ZoneClock, instant: number): string {
  const offset = clock.offsetAt(instant);
  const local = new Date((instant + offset) * 1000).toISOString().slice(0, 19);
  const minutes = Math.abs(offset) / 60;
  const two = (value: number) => String(Math.floor(value)).padStart(2, '0');
  return `${local}${offset < 0 ? '-' : '+'}${two(minutes / 60)}:${two(minutes % 60)}`;
}
