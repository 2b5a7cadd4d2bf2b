// Calendar arithmetic in an IANA zone with Intl only (no platform API), shared by windows and
// costs periods.

/** A calendar date. */
export interface CivilDate {
  readonly year: number;
  /** 1 to 12. */
  readonly month: number;
  /** 1 to 31. */
  readonly day: number;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partFormatters.get(timeZone);
  if (formatter === undefined) {
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
    partFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Checks an IANA zone name.
 *
 * @param timeZone The name.
 *
 * @returns The canonical spelling, or undefined when the zone is unknown.
 */
export function canonicalTimeZone(timeZone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/**
 * The wall-clock reading of an instant in a zone, as if it were UTC.
 *
 * @param instant Unix seconds.
 * @param timeZone An IANA zone.
 *
 * @returns Unix seconds of the same wall-clock time in UTC.
 */
function wallClockSeconds(instant: number, timeZone: string): number {
  const parts = partFormatter(timeZone).formatToParts(new Date(instant * 1000));
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? '0');
  return (
    Date.UTC(
      value('year'),
      value('month') - 1,
      value('day'),
      value('hour'),
      value('minute'),
      value('second'),
    ) / 1000
  );
}

/**
 * The offset of a zone from UTC at an instant.
 *
 * @param instant Unix seconds.
 * @param timeZone An IANA zone.
 *
 * @returns The offset, east of UTC positive. @unit seconds
 */
export function zoneOffsetSeconds(instant: number, timeZone: string): number {
  const whole = Math.floor(instant);
  return wallClockSeconds(whole, timeZone) - whole;
}

/**
 * The calendar date of an instant in a zone.
 *
 * @param instant Unix seconds.
 * @param timeZone An IANA zone.
 *
 * @returns The date.
 */
export function civilDateOf(instant: number, timeZone: string): CivilDate {
  const wall = new Date(wallClockSeconds(Math.floor(instant), timeZone) * 1000);
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/**
 * The instant of a wall-clock time in a zone. Month and day may overflow (month 13 is January
 * of the next year, day 0 the last day of the month before). A time skipped by a clock change
 * resolves to the instant after the gap.
 *
 * @param date The date (may overflow).
 * @param timeZone An IANA zone.
 * @param secondsOfDay The time of day. @unit seconds @default 0
 *
 * @returns Unix seconds.
 */
export function zonedInstant(date: CivilDate, timeZone: string, secondsOfDay = 0): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day) / 1000 + secondsOfDay;
  let instant = wall - zoneOffsetSeconds(wall, timeZone);
  instant = wall - zoneOffsetSeconds(instant, timeZone);
  // In a gap the wall time does not exist: both offsets around it are tried, the later wins.
  if (wallClockSeconds(instant, timeZone) !== wall) {
    instant = Math.max(instant, wall - zoneOffsetSeconds(instant + 86_400, timeZone));
  }
  return instant;
}

/**
 * Formats a date as `YYYY-MM-DD`.
 *
 * @param date The date.
 *
 * @returns The text.
 */
export function formatCivilDate(date: CivilDate): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${String(date.year).padStart(4, '0')}-${pad(date.month)}-${pad(date.day)}`;
}
