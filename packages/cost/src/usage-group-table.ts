import { endpoints } from '@usagekit/schemas';
import {
  ENDPOINT_PRICING,
  type EndpointPricing,
  type UsageEndpointName,
} from './usage-decomposition';

/** Initial group capacity of a group table. */
const INITIAL_GROUPS = 256;

/** A dimension value: an id or name, a flag, or null for "not grouped". */
export type DimensionValue = string | boolean | null;
/** A trie level: dimension value to the next level, or to a group id at the last level. */
export type TrieNode = Map<unknown, unknown>;

/**
 * Normalizes a dimension value: strings and booleans as reported, anything else (absent, null) is
 * null, "not grouped by it".
 *
 * @param value The reported value.
 *
 * @returns The value.
 */
export function dimensionValue(value: unknown): DimensionValue {
  return typeof value === 'string' || typeof value === 'boolean' ? value : null;
}

/**
 * Groups one endpoint's usage by (UTC day, every registry dimension) and sums its metrics in a
 * typed array. Group ids come from a trie of maps keyed by the raw dimension values, so the hot
 * loop builds no strings and allocates nothing for a group it has seen.
 */
export class GroupTable {
  /** How the endpoint's metrics become units. */
  readonly pricing: EndpointPricing;
  /** The endpoint's registry dimensions, in trie order. */
  readonly names: readonly string[];
  /** Metric slots per group in `sums`. */
  readonly width: number;
  /** Groups so far; ids run from 0 to `count - 1`. */
  count = 0;
  /** Metric sums, `width` slots per group (grown by doubling). */
  sums: Float64Array;
  /** UTC day index (days since 1970-01-01) each group starts on. */
  readonly days: number[] = [];
  /** Last UTC day index each group's periods reach (roll-up rows may span days). */
  readonly lastDays: number[] = [];
  /** Dimension values, `names.length` per group. */
  readonly values: DimensionValue[] = [];
  private readonly roots = new Map<number, TrieNode>();

  /** @param endpoint The usage endpoint grouped. */
  constructor(readonly endpoint: UsageEndpointName) {
    this.pricing = ENDPOINT_PRICING[endpoint];
    this.names = endpoints[endpoint].dimensions as readonly string[];
    this.width = this.pricing.metrics.length;
    this.sums = new Float64Array(this.width * INITIAL_GROUPS);
  }

  /**
   * The trie of one UTC day, looked up once per bucket.
   *
   * @param dayIndex Days since 1970-01-01.
   *
   * @returns The day's root.
   */
  rootFor(dayIndex: number): TrieNode {
    let root = this.roots.get(dayIndex);
    if (root === undefined) {
      root = new Map();
      this.roots.set(dayIndex, root);
    }
    return root;
  }

  /**
   * Adds one result or row to its group, creating the group the first time.
   *
   * @param root The trie of `dayIndex`.
   * @param dayIndex The UTC day the usage starts on.
   * @param lastDayIndex The last UTC day its period reaches.
   * @param result Dimension fields and counters.
   */
  add(
    root: TrieNode,
    dayIndex: number,
    lastDayIndex: number,
    result: Readonly<Record<string, unknown>>,
  ): void {
    const names = this.names;
    const last = names.length - 1;
    let node = root;
    for (let index = 0; index < last; index += 1) {
      const value = dimensionValue(result[names[index] as string]);
      let next = node.get(value) as TrieNode | undefined;
      if (next === undefined) {
        next = new Map();
        node.set(value, next);
      }
      node = next;
    }
    const leaf = last < 0 ? null : dimensionValue(result[names[last] as string]);
    let id = node.get(leaf) as number | undefined;
    if (id === undefined) {
      id = this.create(dayIndex, result);
      node.set(leaf, id);
    }
    if (lastDayIndex > (this.lastDays[id] as number)) this.lastDays[id] = lastDayIndex;
    this.pricing.accumulate(result, this.sums, id * this.width);
  }

  private create(dayIndex: number, result: Readonly<Record<string, unknown>>): number {
    const id = this.count;
    this.count += 1;
    if (this.count * this.width > this.sums.length) {
      const grown = new Float64Array(this.sums.length * 2);
      grown.set(this.sums);
      this.sums = grown;
    }
    this.days.push(dayIndex);
    this.lastDays.push(dayIndex);
    for (const name of this.names) this.values.push(dimensionValue(result[name]));
    return id;
  }
}
