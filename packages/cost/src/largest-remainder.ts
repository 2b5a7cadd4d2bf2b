/**
 * Splits an integer amount by weights so the parts sum exactly to the amount: each part gets the
 * floor of its exact share, then the leftover units go to the largest remainders (ties to the
 * earlier index). Negative amounts are split by magnitude and negated.
 *
 * @param amount The integer to split (micro-units).
 * @param weights Non-negative weights; at least one must be positive.
 *
 * @returns One integer per weight, summing to `amount`.
 */
export function largestRemainder(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (!(total > 0)) throw new RangeError('largestRemainder needs at least one positive weight');
  const sign = amount < 0 ? -1 : 1;
  const magnitude = Math.abs(amount);
  const parts = weights.map((weight) => Math.floor((magnitude * weight) / total));
  let leftover = magnitude - parts.reduce((sum, part) => sum + part, 0);
  const order = weights
    .map((weight, index) => ({
      index,
      remainder: (magnitude * weight) / total - (parts[index] ?? 0),
    }))
    .sort((left, right) => right.remainder - left.remainder || left.index - right.index);
  for (let position = 0; leftover > 0; position = (position + 1) % order.length) {
    const slot = order[position];
    if (slot === undefined) break;
    parts[slot.index] = (parts[slot.index] ?? 0) + 1;
    leftover -= 1;
  }
  // Float shares can overshoot by one unit on huge inputs: take it back from the smallest remainders.
  for (
    let position = order.length - 1;
    leftover < 0;
    position = (position - 1 + order.length) % order.length
  ) {
    const slot = order[position];
    if (slot === undefined || (parts[slot.index] ?? 0) <= 0) continue;
    parts[slot.index] = (parts[slot.index] ?? 0) - 1;
    leftover += 1;
  }
  return parts.map((part) => sign * part || 0);
}
