/** Seconds in one day. */
export const DAY_SECONDS = 86_400;
/** Milliseconds in one day. */
const DAY_MS = DAY_SECONDS * 1000;

/**
 * Turns a timestamp into its UTC calendar day. Numbers below 10¹¹ are Unix seconds (what the API
 * returns), larger ones milliseconds; strings are ISO 8601 dates or date-times.
 *
 * @param time Unix seconds, Unix milliseconds, an ISO string or a Date.
 *
 * @returns The day as `YYYY-MM-DD`.
 */
export function utcDay(time: number | string | Date): string {
  if (typeof time === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(time)) return time;
  return new Date(toEpochMs(time)).toISOString().slice(0, 10);
}

/**
 * Converts a timestamp to Unix milliseconds with the rules of {@link utcDay}.
 *
 * @param time Unix seconds, Unix milliseconds, an ISO string or a Date.
 *
 * @returns Unix milliseconds.
 */
function toEpochMs(time: number | string | Date): number {
  let epochMs: number;
  if (typeof time === 'number') epochMs = time < 1e11 ? time * 1000 : time;
  else if (typeof time === 'string') epochMs = Date.parse(time);
  else epochMs = time.getTime();
  if (!Number.isFinite(epochMs)) throw new RangeError(`Invalid time: ${String(time)}`);
  return epochMs;
}

/**
 * The Unix milliseconds of a day's UTC midnight.
 *
 * @param day `YYYY-MM-DD`.
 *
 * @returns Unix milliseconds.
 */
export function dayStartMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/**
 * Adds whole days to a UTC day.
 *
 * @param day `YYYY-MM-DD`.
 * @param count Days to add (negative to go back).
 *
 * @returns The resulting day.
 */
export function addDays(day: string, count: number): string {
  return new Date(dayStartMs(day) + count * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The weekday of a UTC day, 0 = Sunday.
 *
 * @param day `YYYY-MM-DD`.
 *
 * @returns 0 to 6.
 */
export function weekdayOf(day: string): number {
  return new Date(dayStartMs(day)).getUTCDay();
}

/**
 * The UTC day of a day index.
 *
 * @param dayIndex Days since 1970-01-01.
 *
 * @returns `YYYY-MM-DD`.
 */
export function dayOfIndex(dayIndex: number): string {
  return new Date(dayIndex * DAY_MS).toISOString().slice(0, 10);
}
