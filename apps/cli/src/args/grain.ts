import { type BucketWidth, USAGE_BUCKET_WIDTHS } from '@usagekit/schemas';
import { CliError } from '../cli-error';
import type { TimeRange } from './time-range';

/** The period grains of `--grain`. */
export const GRAINS = ['hour', 'day', 'week', 'month', 'total'] as const;

/** A period grain. */
export type Grain = (typeof GRAINS)[number];

/**
 * Reads `--grain`.
 *
 * @param text The flag value.
 * @param fallback The grain when the flag is absent.
 *
 * @returns The grain.
 */
export function parseGrain(text: string | undefined, fallback: Grain = 'day'): Grain {
  if (text === undefined) return fallback;
  const grain = text.trim().toLowerCase();
  if (!(GRAINS as readonly string[]).includes(grain)) {
    throw new CliError(`--grain: "${text}" is not a grain; allowed: ${GRAINS.join(', ')}`);
  }
  return grain as Grain;
}

/** The longest range each bucket width may fetch in one run. @unit days */
export const MAX_RANGE_DAYS: Readonly<Record<BucketWidth, number>> = {
  '1m': 3,
  '1h': 92,
  '1d': 366,
};

/** How much data is fetched, and why. */
export interface WidthChoice {
  readonly bucketWidth: BucketWidth;
  /** Why this width, when it was chosen automatically for the zone. */
  readonly reason?: string | undefined;
}

/**
 * Chooses the bucket width to fetch: `--bucket-width` if given; hourly for an hourly grain;
 * hourly when periods are cut in a zone other than UTC and the range allows it (daily buckets
 * are UTC days and cannot be re-cut); daily otherwise. Checks the range against the width.
 *
 * @param options The grain, zone, range and explicit width.
 *
 * @returns The width.
 */
export function chooseBucketWidth(options: {
  readonly grain: Grain;
  readonly timeZone: string;
  readonly range: TimeRange;
  readonly explicit?: string | undefined;
}): WidthChoice {
  const days = (options.range.endTime - options.range.startTime) / 86_400;
  let choice: WidthChoice;
  if (options.explicit !== undefined) {
    if (!Object.hasOwn(USAGE_BUCKET_WIDTHS, options.explicit)) {
      throw new CliError(
        `--bucket-width: "${options.explicit}" is not allowed; use ${Object.keys(USAGE_BUCKET_WIDTHS).join(', ')}`,
      );
    }
    choice = { bucketWidth: options.explicit as BucketWidth };
  } else if (options.grain === 'hour') {
    choice = { bucketWidth: '1h' };
  } else if (options.timeZone !== 'UTC' && options.grain !== 'total' && days <= 31) {
    choice = {
      bucketWidth: '1h',
      reason: `hourly buckets fetched so that days are cut exactly in ${options.timeZone}`,
    };
  } else {
    choice = { bucketWidth: '1d' };
  }
  const maximum = MAX_RANGE_DAYS[choice.bucketWidth];
  if (days > maximum) {
    throw new CliError(
      `a range of ${Math.ceil(days)} days is too long for ${choice.bucketWidth} buckets; at most ${maximum} days are allowed (1m: ${MAX_RANGE_DAYS['1m']}, 1h: ${MAX_RANGE_DAYS['1h']}, 1d: ${MAX_RANGE_DAYS['1d']})`,
      undefined,
      'narrow --since/--until or use a coarser --grain',
    );
  }
  return choice;
}
