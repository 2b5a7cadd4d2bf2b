/** Seconds in one UTC day. */
export const SECONDS_PER_DAY = 86_400;
/** Minutes in one UTC day. */
export const MINUTES_PER_DAY = 1_440;
/** Seconds in one minute. */
export const SECONDS_PER_MINUTE = 60;

/**
 * Converts a `now` option (a `Date`, or milliseconds since the epoch like `Date.now()`) to Unix
 * seconds.
 *
 * @param now The time, or `undefined` for the current time rounded down to the minute.
 *
 * @returns Unix seconds.
 */
export function toUnixSeconds(now: Date | number | undefined): number {
  if (now === undefined) {
    const seconds = Math.floor(Date.now() / 1000);
    return seconds - (seconds % SECONDS_PER_MINUTE);
  }
  const milliseconds = now instanceof Date ? now.getTime() : now;
  if (!Number.isFinite(milliseconds)) {
    throw new RangeError(`now must be a valid Date or milliseconds since the epoch; got ${now}`);
  }
  return Math.floor(milliseconds / 1000);
}

/**
 * The Unix day (days since 1970-01-01 UTC) containing a time.
 *
 * @param unixSeconds The time. @unit Unix seconds
 *
 * @returns The day index.
 */
export function dayOf(unixSeconds: number): number {
  return Math.floor(unixSeconds / SECONDS_PER_DAY);
}
