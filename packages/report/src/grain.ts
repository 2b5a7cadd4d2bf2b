import type { Grain as EngineGrain } from '@usagekit/aggregate';
import { ReportQuestionError } from './errors';

/** The period grains of a report; `total` is one period spanning the window. */
export const REPORT_GRAINS = [
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'quarter',
  'year',
  'total',
] as const;

/** A period grain of a report. */
export type ReportGrain = (typeof REPORT_GRAINS)[number];

/**
 * Checks a grain.
 *
 * @param grain The value given.
 * @param field The question field, for the error.
 *
 * @returns The grain.
 *
 * @throws {ReportQuestionError} When it is not one of {@link REPORT_GRAINS}.
 */
export function assertReportGrain(grain: unknown, field = 'grain'): ReportGrain {
  if (typeof grain === 'string' && (REPORT_GRAINS as readonly string[]).includes(grain)) {
    return grain as ReportGrain;
  }
  throw new ReportQuestionError(
    `"${String(grain)}" is not a grain; allowed: ${REPORT_GRAINS.join(', ')}`,
    field,
  );
}

/**
 * The engine's name of a grain.
 *
 * @param grain The report grain.
 *
 * @returns The roll-up grain (`total` is the engine's `all`).
 */
export function engineGrain(grain: ReportGrain): EngineGrain {
  return grain === 'total' ? 'all' : grain;
}
