import type { RangePreset } from '../shared/dashboard-query';

/**
 * How far back the Usage and Costs APIs answer: windows older than about two years are refused
 * with 400 `reporting_lookback_exceeded`. No range may reach further back, or span more.
 */
export const LOOKBACK_DAYS = 730;

const DAY_MILLISECONDS = 86_400_000;

/** The longest span of each preset, in days (a custom range is measured). */
const PRESET_DAYS: Readonly<Record<Exclude<RangePreset, 'custom'>, number>> = {
  '7d': 7,
  '30d': 30,
  '90d': 90,
  '365d': 365,
  mtd: 31,
  qtd: 92,
  ytd: 366,
};

/**
 * The days a range covers: a preset's longest span, or a custom range's days with `to` included.
 *
 * @param range The preset.
 * @param from First day of a custom range (YYYY-MM-DD).
 * @param to Last day of a custom range (YYYY-MM-DD).
 *
 * @returns The days, at most.
 */
export function rangeDays(range: RangePreset, from?: string | undefined, to?: string | undefined) {
  if (range !== 'custom') return PRESET_DAYS[range];
  return (Date.parse(to ?? '') - Date.parse(from ?? '')) / DAY_MILLISECONDS + 1;
}

/**
 * Checks that a custom range lies within what the API can answer, counted from the data's "now":
 * no earlier than {@link LOOKBACK_DAYS} before today, and no later than today.
 *
 * @param from First day (YYYY-MM-DD).
 * @param to Last day (YYYY-MM-DD), included.
 * @param now The data's "now". @unit Unix seconds
 *
 * @returns Why the range is refused, or null when it can be answered.
 */
export function rangeOutsideLookback(from: string, to: string, now: number): string | null {
  const today = Math.floor((now * 1000) / DAY_MILLISECONDS) * DAY_MILLISECONDS;
  const earliest = today - LOOKBACK_DAYS * DAY_MILLISECONDS;
  const day = (milliseconds: number) => new Date(milliseconds).toISOString().slice(0, 10);
  if (Date.parse(from) < earliest) {
    return `from ${from} is older than the API answers (about two years, ${LOOKBACK_DAYS} days); use ${day(earliest)} or later`;
  }
  if (Date.parse(to) > today) {
    return `to ${to} is in the future; use ${day(today)} or earlier`;
  }
  return null;
}
