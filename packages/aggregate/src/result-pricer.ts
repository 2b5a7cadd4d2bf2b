import type { EndpointName } from '@usagekit/schemas';
import { PICOS_PER_MICRO } from './fields';

/** Prices one result of one bucket (implemented by `@usagekit/cost`'s `createResultPricer`). */
export interface ResultPricer {
  /**
   * Writes into `out`: `out[0]` = the result's estimated cost in integer pico-USD (1e-12 USD,
   * rounded once per result to the nearest pico), `out[1]` = 1 when some of the result's usage
   * has no price (that part is not in `out[0]`), else 0.
   *
   * @param endpoint The endpoint the result came from.
   * @param startTime The bucket's start (Unix seconds).
   * @param endTime The bucket's end (Unix seconds).
   * @param result The result as parsed.
   * @param out Where to write (two numbers, reused for every result).
   */
  price(
    endpoint: EndpointName,
    startTime: number,
    endTime: number,
    result: Readonly<Record<string, unknown>>,
    out: Float64Array,
  ): void;
}

/**
 * The whole micro-USD of an integer pico-USD amount (floor), so that the remainder
 * `picos - micros * 1e6` is an integer in [0, 1e6): both parts then sum exactly.
 *
 * @param picos Integer pico-USD.
 *
 * @returns Integer micro-USD.
 */
export function wholeMicros(picos: number): number {
  const micros = Math.floor(picos / PICOS_PER_MICRO);
  const remainder = picos - micros * PICOS_PER_MICRO;
  // Division of amounts past 2^53 pico-USD can land one micro off.
  if (remainder < 0) return micros - 1;
  return remainder >= PICOS_PER_MICRO ? micros + 1 : micros;
}

/**
 * Rounds an exact amount, held as summed whole micro-USD and summed pico remainders, to integer
 * micro-USD, half up, once.
 *
 * @param micros Sum of whole micro-USD.
 * @param picos Sum of pico remainders.
 *
 * @returns Integer micro-USD.
 */
export function roundedMicros(micros: number, picos: number): number {
  return micros + Math.floor((picos + PICOS_PER_MICRO / 2) / PICOS_PER_MICRO);
}

/**
 * Orders two exact amounts held as (micro-USD sum, pico remainder sum) pairs; a plain number
 * compares as `(value, 0)`.
 *
 * @returns Negative, zero or positive.
 */
export function compareExact(
  leftMicros: number,
  leftPicos: number,
  rightMicros: number,
  rightPicos: number,
): number {
  const leftCarry = Math.floor(leftPicos / PICOS_PER_MICRO);
  const rightCarry = Math.floor(rightPicos / PICOS_PER_MICRO);
  const micros = leftMicros + leftCarry - (rightMicros + rightCarry);
  if (micros !== 0) return micros;
  return leftPicos - leftCarry * PICOS_PER_MICRO - (rightPicos - rightCarry * PICOS_PER_MICRO);
}
