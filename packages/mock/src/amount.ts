/** Costs are kept as integers of this many units per USD, so sums over groups are exact. */
export const AMOUNT_UNITS_PER_USD = 10_000_000_000;

/** Pico-USD (10⁻¹² USD) per amount unit (10⁻¹⁰ USD). */
const PICOS_PER_AMOUNT_UNIT = 100n;

/**
 * The exact price of a quantity.
 *
 * @param quantity Units used; a non-negative safe integer.
 * @param unitPicos Price of one unit. @unit pico-USD (10⁻¹² USD)
 *
 * @returns `quantity × unitPicos`. @unit pico-USD
 * @throws {RangeError} when the quantity or the price is not a non-negative safe integer.
 */
export function picosOf(quantity: number, unitPicos: number): bigint {
  if (!Number.isSafeInteger(quantity) || quantity < 0)
    throw new RangeError(`quantity must be a non-negative safe integer; got ${quantity}`);
  if (!Number.isSafeInteger(unitPicos) || unitPicos < 0)
    throw new RangeError(`unit price must be a non-negative integer of pico-USD; got ${unitPicos}`);
  return BigInt(quantity) * BigInt(unitPicos);
}

/**
 * Converts an exact amount to amount units, scaled by `numerator / denominator` (a discount's
 * remaining share) and rounded once, half up.
 *
 * @param picos The amount. @unit pico-USD (10⁻¹² USD)
 * @param numerator Multiplies the amount. @default 1
 * @param denominator Divides the amount. @default 1
 *
 * @returns The amount. @unit 10⁻¹⁰ USD ({@link AMOUNT_UNITS_PER_USD} per USD)
 */
export function amountUnitsOf(picos: bigint, numerator = 1, denominator = 1): number {
  const scaled = picos * BigInt(numerator);
  const divisor = BigInt(denominator) * PICOS_PER_AMOUNT_UNIT;
  return Number((2n * scaled + divisor) / (2n * divisor));
}
