/**
 * Snaps a range to whole UTC days, the Costs API's unit: the start goes back to its UTC
 * midnight, the end forward to the next one (the current day is partial; callers say so).
 *
 * @param range The range. @unit seconds since the Unix epoch
 *
 * @returns The snapped range.
 */
export function snapToUtcDays(range: { startTime: number; endTime: number }): {
  startTime: number;
  endTime: number;
} {
  const day = 86_400;
  return {
    startTime: Math.floor(range.startTime / day) * day,
    endTime: Math.ceil(range.endTime / day) * day,
  };
}

/**
 * The UTC month around an instant, with enough history before it for a weekday pattern.
 *
 * @param nowSeconds The instant. @unit seconds since the Unix epoch
 * @param lookbackDays History wanted before the month starts. @default 28
 *
 * @returns The fetch range (history start to now), the month's first and last UTC day.
 */
export function utcMonthWindow(
  nowSeconds: number,
  lookbackDays = 28,
): { fetchStart: number; monthStart: string; monthEnd: string } {
  const now = new Date(nowSeconds * 1000);
  const first = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const last = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0);
  return {
    fetchStart: first / 1000 - lookbackDays * 86_400,
    monthStart: new Date(first).toISOString().slice(0, 10),
    monthEnd: new Date(last).toISOString().slice(0, 10),
  };
}
