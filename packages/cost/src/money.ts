import { MoneyRangeError } from './errors';

/**
 * An amount of money in integer micro-units of its currency (1 USD = 1,000,000). Exact as long as
 * it stays a safe integer: |amount| ≤ `Number.MAX_SAFE_INTEGER` micro-units, about ±9.007 billion
 * units of the currency. Every function here checks that bound and throws {@link MoneyRangeError}
 * beyond it.
 */
export type Money = number;

/** Micro-units in one unit of currency. */
export const MICROS_PER_UNIT = 1_000_000;

/** Pico-units (10⁻¹² of the currency) in one micro-unit; unit prices are held in pico-units. */
const PICOS_PER_MICRO = 1_000_000;

/**
 * Checks that an amount is an exact integer number of micro-units.
 *
 * @param micros The amount.
 * @param label What the amount is, for the error message.
 *
 * @returns The same amount.
 */
export function assertMoney(micros: number, label = 'amount'): Money {
  if (!Number.isSafeInteger(micros)) {
    throw new MoneyRangeError(
      `${label} ${micros} is not a safe integer number of micro-units (|x| ≤ ${Number.MAX_SAFE_INTEGER})`,
    );
  }
  return micros;
}

/**
 * Adds two amounts, failing instead of losing precision.
 *
 * @param left An amount in micro-units.
 * @param right An amount in micro-units.
 *
 * @returns The exact sum.
 */
export function addMoney(left: Money, right: Money): Money {
  return assertMoney(left + right, 'sum');
}

/**
 * Multiplies a quantity by a unit price in pico-units and rounds the product once, half away from
 * zero, to micro-units. For a whole quantity, integer arithmetic throughout: exact for any product
 * up to 2⁵³ pico-units and through BigInt above that. A fractional quantity (GiB-days) is first
 * rounded to the nearest pico-unit.
 *
 * @param quantity A number of units (tokens, characters, images, GiB-days…).
 * @param unitPricePicos The price of one unit in pico-units of the currency.
 *
 * @returns The amount in micro-units.
 */
export function multiplyToMicros(quantity: number, unitPricePicos: number): Money {
  const picos = quantity * unitPricePicos;
  if (Number.isSafeInteger(picos)) return roundPicosToMicros(picos);
  if (!Number.isInteger(quantity)) return roundPicosToMicros(Math.round(picos));
  return assertMoney(
    Number(roundBigPicosToMicros(BigInt(quantity) * BigInt(unitPricePicos))),
    'line amount',
  );
}

/**
 * Rounds a safe-integer amount of pico-units to micro-units, half away from zero.
 *
 * @param picos The amount in pico-units.
 *
 * @returns The amount in micro-units.
 */
function roundPicosToMicros(picos: number): Money {
  const sign = picos < 0 ? -1 : 1;
  const magnitude = picos * sign;
  let quotient = Math.floor(magnitude / PICOS_PER_MICRO);
  let remainder = magnitude - quotient * PICOS_PER_MICRO;
  // The float division can land one off for large values; the integer remainder corrects it.
  if (remainder < 0) {
    quotient -= 1;
    remainder += PICOS_PER_MICRO;
  } else if (remainder >= PICOS_PER_MICRO) {
    quotient += 1;
    remainder -= PICOS_PER_MICRO;
  }
  return sign * (remainder * 2 >= PICOS_PER_MICRO ? quotient + 1 : quotient) || 0;
}

/**
 * Rounds a BigInt amount of pico-units to micro-units, half away from zero.
 *
 * @param picos The amount in pico-units.
 *
 * @returns The amount in micro-units, as a BigInt.
 */
export function roundBigPicosToMicros(picos: bigint): bigint {
  const negative = picos < 0n;
  const magnitude = negative ? -picos : picos;
  const divisor = BigInt(PICOS_PER_MICRO);
  const quotient = magnitude / divisor;
  const rounded = (magnitude % divisor) * 2n >= divisor ? quotient + 1n : quotient;
  return negative ? -rounded : rounded;
}

/**
 * Converts a decimal amount of currency (a float such as the Costs API's `amount.value`) to
 * micro-units, rounding half away from zero at the sixth decimal.
 *
 * @param value The amount in units of currency.
 *
 * @returns The amount in micro-units.
 */
export function toMicros(value: number): Money {
  if (!Number.isFinite(value)) throw new MoneyRangeError(`amount ${value} is not finite`);
  const scaled = value * MICROS_PER_UNIT;
  // Snap float noise such as 0.1 * 1e6 = 100000.00000000001 before rounding half away from zero.
  const snapped = Math.round(scaled * 1e3) / 1e3;
  return assertMoney(Math.sign(snapped) * Math.round(Math.abs(snapped)) || 0, 'amount');
}

/**
 * Writes micro-units as an exact decimal string with six decimals, for machine output.
 *
 * @param micros The amount in micro-units.
 *
 * @returns For example `'1234.567891'` or `'-0.000001'`.
 */
export function toDecimalString(micros: Money): string {
  assertMoney(micros);
  const negative = micros < 0;
  const digits = String(Math.abs(micros)).padStart(7, '0');
  const whole = digits.slice(0, -6);
  const fraction = digits.slice(-6);
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/**
 * Formats micro-units for people: rounded half away from zero to the currency's minor unit
 * (cents for USD), with grouping, e.g. `'$1,234.57'`. Only display rounds; the value stays exact.
 *
 * @param micros The amount in micro-units.
 * @param currency A lowercase or uppercase ISO 4217 code.
 * @default currency 'usd'
 * @param locale A BCP 47 locale for grouping and symbol placement.
 * @default locale 'en-US'
 *
 * @returns The formatted amount.
 */
export function formatMoney(micros: Money, currency = 'usd', locale = 'en-US'): string {
  assertMoney(micros);
  const formatter = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: currency.toUpperCase(),
  });
  const fractionDigits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  const step = 10 ** (6 - Math.min(fractionDigits, 6));
  const magnitude = Math.abs(micros);
  const minorUnits = Math.floor(magnitude / step) + ((magnitude % step) * 2 >= step ? 1 : 0);
  const signed = (micros < 0 ? -minorUnits : minorUnits) / 10 ** Math.min(fractionDigits, 6);
  return formatter.format(signed === 0 ? 0 : signed);
}

/**
 * Writes a unit price held in pico-units as an exact decimal string in units of currency.
 *
 * @param picos The unit price in pico-units.
 *
 * @returns For example `'0.0000025'` for 2,500,000 pico-units.
 */
export function picosToDecimalString(picos: number): string {
  const digits = String(Math.abs(picos)).padStart(13, '0');
  const whole = digits.slice(0, -12);
  const fraction = digits.slice(-12).replace(/0+$/, '');
  return `${picos < 0 ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
