import { assertReportGrain, type ReportGrain } from '@usagekit/report';
import { reportFlagError } from '../data/report-flag-error';

/** A period grain of `--grain`. */
export type Grain = ReportGrain;

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
  try {
    return assertReportGrain(text.trim().toLowerCase());
  } catch (error) {
    throw reportFlagError(error);
  }
}
