import { type BucketWidth, USAGE_BUCKET_WIDTHS } from '@usagekit/schemas';
import { ReportQuestionError } from './errors';
import type { ReportGrain } from './grain';
import type { ReportWindow } from './window';
import { zoneOffsetSeconds } from './zoned-time';

/** The longest window each bucket width may fetch in one report. @unit days */
export const MAX_WINDOW_DAYS: Readonly<Record<BucketWidth, number>> = Object.freeze({
  '1m': 3,
  '1h': 92,
  '1d': 366,
});

/** The bucket width a report fetches, and why when it is not the obvious one. */
export interface WidthChoice {
  readonly bucketWidth: BucketWidth;
  /** A notice to show, when the choice costs exactness. */
  readonly notice?: string | undefined;
}

const DAY = 86_400;

/**
 * Whether the zone's days are UTC days over the whole window (offset 0 at every day's start),
 * and the window's edges are UTC midnights: then daily buckets cut exactly.
 */
function zoneDaysAreUtcDays(window: ReportWindow, checkZone: boolean): boolean {
  if (window.start % DAY !== 0 || window.end % DAY !== 0) return false;
  if (!checkZone) return true;
  for (let instant = window.start; instant <= window.end; instant += DAY) {
    if (zoneOffsetSeconds(instant, window.timeZone) !== 0) return false;
  }
  return true;
}

/**
 * Chooses the bucket width to fetch: the explicit one when given; `1m` for minute grain and
 * `1h` for hour grain; `1d` when the zone's days are UTC days over the window (or the grain is
 * `total` and the window's edges are UTC midnights); otherwise `1h`, so days are cut exactly in
 * the zone. Checks the window's length against {@link MAX_WINDOW_DAYS}.
 *
 * @param grain The grain.
 * @param window The window.
 * @param explicit The width asked for, if any.
 *
 * @returns The width.
 *
 * @throws {ReportQuestionError} When the width is unknown, finer than the grain allows, or the
 *   window is too long for it.
 */
export function chooseBucketWidth(
  grain: ReportGrain,
  window: ReportWindow,
  explicit?: string | undefined,
): WidthChoice {
  const days = (window.end - window.start) / DAY;
  let choice: WidthChoice;
  if (explicit !== undefined) {
    if (!Object.hasOwn(USAGE_BUCKET_WIDTHS, explicit)) {
      throw new ReportQuestionError(
        `"${explicit}" is not a bucket width; allowed: ${Object.keys(USAGE_BUCKET_WIDTHS).join(', ')}`,
        'bucketWidth',
      );
    }
    const width = explicit as BucketWidth;
    if ((grain === 'minute' && width !== '1m') || (grain === 'hour' && width === '1d')) {
      throw new ReportQuestionError(
        `${width} buckets cannot be cut into ${grain}s; use ${grain === 'minute' ? '1m' : '1m or 1h'}`,
        'bucketWidth',
      );
    }
    choice = { bucketWidth: width };
  } else if (grain === 'minute') {
    choice = { bucketWidth: '1m' };
  } else if (grain === 'hour') {
    choice = { bucketWidth: '1h' };
  } else if (zoneDaysAreUtcDays(window, grain !== 'total')) {
    choice = { bucketWidth: '1d' };
  } else if (days <= MAX_WINDOW_DAYS['1h']) {
    choice = { bucketWidth: '1h' };
  } else {
    choice = {
      bucketWidth: '1d',
      notice: `daily buckets are UTC days: a window over ${MAX_WINDOW_DAYS['1h']} days cannot be fetched hourly, so periods in ${window.timeZone} are cut at UTC midnight`,
    };
  }
  const maximum = MAX_WINDOW_DAYS[choice.bucketWidth];
  if (days > maximum) {
    throw new ReportQuestionError(
      `a window of ${Math.ceil(days)} days is too long for ${choice.bucketWidth} buckets; at most ${maximum} days (1m: ${MAX_WINDOW_DAYS['1m']}, 1h: ${MAX_WINDOW_DAYS['1h']}, 1d: ${MAX_WINDOW_DAYS['1d']})`,
      'window',
    );
  }
  return choice;
}
