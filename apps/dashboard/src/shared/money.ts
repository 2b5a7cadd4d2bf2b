/** Micro-units per unit of currency. */
export const MICROS_PER_UNIT = 1_000_000;

/**
 * Writes integer micro-units as an exact decimal string (`-12.5` for -12,500,000).
 *
 * @param micros Amount in integer micro-units.
 *
 * @returns The decimal string, without trailing zeros.
 */
export function microsToDecimal(micros: number): string {
  const sign = micros < 0 ? '-' : '';
  const absolute = BigInt(Math.abs(Math.round(micros)));
  const units = absolute / 1_000_000n;
  const fraction = (absolute % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  return `${sign}${units}${fraction === '' ? '' : `.${fraction}`}`;
}
