import { MICROS_PER_UNIT } from './money';

const SUFFIXES = [
  { limit: 1e12, divisor: 1e12, suffix: 'T' },
  { limit: 1e9, divisor: 1e9, suffix: 'B' },
  { limit: 1e6, divisor: 1e6, suffix: 'M' },
  { limit: 1e3, divisor: 1e3, suffix: 'k' },
] as const;

function compact(value: number, smallDigits: number): string {
  const absolute = Math.abs(value);
  for (const { limit, divisor, suffix } of SUFFIXES) {
    // 999,950 would round to "1000.0k": promote it to the next suffix instead.
    if (absolute >= limit * 0.99995) {
      const scaled = absolute / divisor;
      const digits = scaled >= 100 ? 0 : 1;
      return `${value < 0 ? '-' : ''}${Number(scaled.toFixed(digits))}${suffix}`;
    }
  }
  return `${value < 0 ? '-' : ''}${Number(absolute.toFixed(smallDigits))}`;
}

/**
 * Formats a count for reading: `3.4M`, `12k`, `950`.
 *
 * @param value The number.
 *
 * @returns Short text.
 */
export function formatCount(value: number): string {
  return compact(value, Number.isInteger(value) ? 0 : 2);
}

/**
 * Formats money in micro-units for reading: `$1.2k`, `$12.34`, `$0.0042`.
 *
 * @param micros Amount in integer micro-units.
 * @param currency ISO currency code. @default 'usd'
 *
 * @returns Short text with the currency symbol.
 */
export function formatMoneyShort(micros: number, currency = 'usd'): string {
  const units = micros / MICROS_PER_UNIT;
  const symbol = currency.toLowerCase() === 'usd' ? '$' : `${currency.toUpperCase()} `;
  const absolute = Math.abs(units);
  const sign = units < 0 ? '-' : '';
  if (absolute >= 1000) return `${sign}${symbol}${compact(absolute, 2)}`;
  if (absolute >= 100) return `${sign}${symbol}${absolute.toFixed(0)}`;
  if (absolute === 0) return `${symbol}0`;
  if (absolute >= 1) return `${sign}${symbol}${absolute.toFixed(2)}`;
  return `${sign}${symbol}${Number(absolute.toPrecision(2))}`;
}

/**
 * Formats a ratio as a percentage: `12.3%`.
 *
 * @param ratio The ratio (0.123 for 12.3 %).
 * @param signed Whether to prefix a `+` on positive values. @default false
 *
 * @returns The text.
 */
export function formatPercent(ratio: number, signed = false): string {
  const percent = ratio * 100;
  const digits = Math.abs(percent) >= 100 ? 0 : 1;
  const text = `${percent.toFixed(digits)}%`;
  return signed && percent > 0 ? `+${text}` : text;
}
