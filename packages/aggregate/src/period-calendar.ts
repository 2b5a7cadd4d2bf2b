import { RollupQueryError } from './errors';
import {
  civilFromDays,
  daysFromCivil,
  localDay,
  startOfLocalDay,
  type ZoneClock,
  zoneClock,
} from './zoned-time';

/** A time grain of a roll-up. `all` is one period spanning the whole selection. */
export type Grain = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year' | 'all';

/** Every grain, finest first. */
const GRAINS: readonly Grain[] = [
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'quarter',
  'year',
  'all',
];

/** First day of a week: 0 Sunday, 1 Monday (ISO), ... 6 Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/**
 * Periods of one grain in one zone. A period is identified by a key: the start instant for
 * minutes and hours (absolute lengths, so a repeated daylight-saving hour is its own period),
 * and the local day number of the first day for days and longer (calendar lengths, so a
 * daylight-saving day has 23 or 25 hours).
 */
export interface PeriodCalendar {
  readonly grain: Exclude<Grain, 'all'>;
  readonly clock: ZoneClock;
  readonly weekStartsOn: Weekday;
  /**
   * @param instant Unix seconds.
   * @returns The key of the period holding the instant.
   */
  keyOf(instant: number): number;
  /**
   * @param key A period key.
   * @returns The Unix seconds the period starts.
   */
  startOf(key: number): number;
  /**
   * @param key A period key.
   * @returns The key of the next period.
   */
  nextKey(key: number): number;
}

/**
 * Builds the calendar of a grain in a zone.
 *
 * @param grain The grain (not `all`).
 * @param timeZone An IANA zone.
 * @param weekStartsOn First day of a week.
 *
 * @returns The calendar.
 */
export function createPeriodCalendar(
  grain: Exclude<Grain, 'all'>,
  timeZone: string,
  weekStartsOn: Weekday,
): PeriodCalendar {
  const clock = zoneClock(timeZone);
  if (grain === 'minute' || grain === 'hour') {
    const unit = grain === 'minute' ? 60 : 3600;
    return {
      grain,
      clock,
      weekStartsOn,
      keyOf: (instant) => {
        const local = instant + clock.offsetAt(instant);
        return instant - (((local % unit) + unit) % unit);
      },
      startOf: (key) => key,
      nextKey(key) {
        return this.keyOf(key + unit);
      },
    };
  }
  const firstDay = (day: number): number => {
    switch (grain) {
      case 'day':
        return day;
      case 'week':
        // 1970-01-01 was a Thursday (weekday 4).
        return day - ((((day + 4 - weekStartsOn) % 7) + 7) % 7);
      default: {
        const [year, month] = civilFromDays(day);
        if (grain === 'month') return daysFromCivil(year, month, 1);
        if (grain === 'quarter') return daysFromCivil(year, month - ((month - 1) % 3), 1);
        return daysFromCivil(year, 1, 1);
      }
    }
  };
  const nextFirstDay = (day: number): number => {
    if (grain === 'day') return day + 1;
    if (grain === 'week') return day + 7;
    const [year, month] = civilFromDays(day);
    const step = grain === 'month' ? 1 : grain === 'quarter' ? 3 : 12;
    const next = month - 1 + step;
    return daysFromCivil(year + Math.floor(next / 12), (next % 12) + 1, 1);
  };
  return {
    grain,
    clock,
    weekStartsOn,
    keyOf: (instant) => firstDay(localDay(clock, instant)),
    startOf: (key) => startOfLocalDay(clock, key),
    nextKey: nextFirstDay,
  };
}

/**
 * Checks a grain.
 *
 * @param grain The value to check.
 *
 * @returns The grain.
 */
export function assertGrain(grain: unknown): Grain {
  if (typeof grain !== 'string' || !GRAINS.includes(grain as Grain)) {
    throw new RollupQueryError(
      `unknown grain "${String(grain)}"; allowed: ${GRAINS.join(', ')}`,
      'grain',
    );
  }
  return grain as Grain;
}

/**
 * Checks a first day of the week.
 *
 * @param day The value to check.
 *
 * @returns The weekday.
 */
export function assertWeekday(day: unknown): Weekday {
  if (typeof day !== 'number' || !Number.isInteger(day) || day < 0 || day > 6) {
    throw new RollupQueryError(
      `must be an integer from 0 (Sunday) to 6 (Saturday), 1 (Monday, ISO) by default; got ${String(day)}`,
      'weekStartsOn',
    );
  }
  return day as Weekday;
}
