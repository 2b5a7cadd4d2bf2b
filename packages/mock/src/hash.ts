/**
 * Deterministic 32-bit hashing, the only source of randomness in the mock. Every value the mock
 * produces is a function of the seed and of integer coordinates (series, day, hour, minute), so
 * any bucket can be computed on demand, in any order, with the same result.
 */

function mix(state: number, value: number): number {
  let word = Math.imul(value | 0, 0xcc9e2d51);
  word = (word << 15) | (word >>> 17);
  word = Math.imul(word, 0x1b873593);
  let next = state ^ word;
  next = (next << 13) | (next >>> 19);
  return (Math.imul(next, 5) + 0xe6546b64) | 0;
}

function finish(state: number): number {
  let value = state ^ (state >>> 16);
  value = Math.imul(value, 0x85ebca6b);
  value ^= value >>> 13;
  value = Math.imul(value, 0xc2b2ae35);
  value ^= value >>> 16;
  return value >>> 0;
}

/**
 * Hashes up to four integer coordinates under a seed.
 *
 * @param seed A 32-bit seed from {@link seedOf}.
 * @param first First coordinate.
 * @param second Second coordinate.
 * @param third Third coordinate.
 *
 * @returns An unsigned 32-bit hash.
 */
export function hash32(seed: number, first: number, second = 0, third = 0): number {
  return finish(mix(mix(mix(mix(seed, first), second), third), 0x5bd1e995));
}

/**
 * Hashes integer coordinates under a seed into a number in `[0, 1)`.
 *
 * @param seed A 32-bit seed from {@link seedOf}.
 * @param first First coordinate.
 * @param second Second coordinate.
 * @param third Third coordinate.
 *
 * @returns A uniformly distributed number in `[0, 1)`.
 */
export function unitHash(seed: number, first: number, second = 0, third = 0): number {
  return hash32(seed, first, second, third) / 4_294_967_296;
}

/**
 * Turns a user-facing seed (text or number) into a 32-bit seed.
 *
 * @param seed The seed as given.
 *
 * @returns A 32-bit seed.
 */
export function seedOf(seed: string | number): number {
  const text = typeof seed === 'number' ? `n:${seed}` : `s:${seed}`;
  let state = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    state = Math.imul(state ^ text.charCodeAt(index), 0x01000193);
  }
  return finish(state);
}

/**
 * Hashes a string under a seed (for fingerprints of queries).
 *
 * @param seed A 32-bit seed.
 * @param text The text.
 *
 * @returns An unsigned 32-bit hash.
 */
export function hashText(seed: number, text: string): number {
  let state = seed;
  for (let index = 0; index < text.length; index++) state = mix(state, text.charCodeAt(index));
  return finish(mix(state, text.length));
}

/**
 * A small seeded generator (mulberry32) for building the demo organization in a fixed order.
 *
 * @param seed A 32-bit seed.
 *
 * @returns A function returning the next number in `[0, 1)`.
 */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}
