import { CliError } from '../cli-error';

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

function offsetFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = offsetFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      timeZoneName: 'longOffset',
      year: 'numeric',
    });
    offsetFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Checks an IANA time zone name and returns its canonical spelling.
 *
 * @param timeZone The name given by the user (`Europe/Berlin`, `UTC`).
 * @param field The flag or config field it came from, for the message.
 *
 * @returns The canonical zone name.
 */
export function parseTimeZone(timeZone: string, field = '--tz'): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    throw new CliError(
      `${field}: unknown time zone "${timeZone}"; use an IANA name such as UTC, Europe/Berlin or America/New_York`,
    );
  }
}

/**
 * The offset of a zone from UTC at an instant.
 *
 * @param epochMs The instant. @unit milliseconds since the Unix epoch
 * @param timeZone An IANA zone name.
 *
 * @returns The offset. @unit minutes (east of UTC is positive)
 */
export function zoneOffsetMinutes(epochMs: number, timeZone: string): number {
  const part = offsetFormatter(timeZone)
    .formatToParts(new Date(epochMs))
    .find((candidate) => candidate.type === 'timeZoneName');
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(part?.value ?? '');
  if (match === null) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? '0');
  return match[1] === '-' ? -minutes : minutes;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/**
 * Formats an instant as ISO 8601 local time in a zone, with the zone's offset
 * (`2025-03-01T00:00:00+01:00`, or `Z` for UTC).
 *
 * @param epochSeconds The instant. @unit seconds since the Unix epoch
 * @param timeZone An IANA zone name.
 *
 * @returns The ISO 8601 string.
 */
export function formatIsoInZone(epochSeconds: number, timeZone: string): string {
  const epochMs = epochSeconds * 1000;
  const offset = zoneOffsetMinutes(epochMs, timeZone);
  const local = new Date(epochMs + offset * 60_000);
  const date = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  if (offset === 0) return `${date}T${time}Z`;
  const sign = offset < 0 ? '-' : '+';
  const absolute = Math.abs(offset);
  return `${date}T${time}${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

/**
 * Converts a local wall-clock time in a zone to an instant.
 *
 * @param year Full year.
 * @param month Month, 1-12.
 * @param day Day of month.
 * @param timeZone An IANA zone name.
 * @param secondsOfDay Seconds after local midnight. @default 0
 *
 * @returns The instant. @unit seconds since the Unix epoch
 */
export function zonedTimeToEpochSeconds(
  year: number,
  month: number,
  day: number,
  timeZone: string,
  secondsOfDay = 0,
): number {
  const wallMs = Date.UTC(year, month - 1, day) + secondsOfDay * 1000;
  let guess = wallMs - zoneOffsetMinutes(wallMs, timeZone) * 60_000;
  guess = wallMs - zoneOffsetMinutes(guess, timeZone) * 60_000;
  return Math.floor(guess / 1000);
}

/**
 * The local calendar date of an instant in a zone.
 *
 * @param epochSeconds The instant. @unit seconds since the Unix epoch
 * @param timeZone An IANA zone name.
 *
 * @returns Year, month (1-12) and day.
 */
export function zonedDate(
  epochSeconds: number,
  timeZone: string,
): { year: number; month: number; day: number } {
  const epochMs = epochSeconds * 1000;
  const local = new Date(epochMs + zoneOffsetMinutes(epochMs, timeZone) * 60_000);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}
