import { endpoints } from '@usagekit/schemas';
import type { LineDimensions } from './priced-line';
import type { PricingStrategy, UsageGroup } from './pricing-strategy';
import type { UsageEndpointName } from './usage-endpoint';

/** Initial group capacity of a group table. */
const INITIAL_GROUPS = 256;

/** A dimension value: an id or name, a flag, or null for "not grouped". */
type DimensionValue = string | boolean | null;
/** A trie level: dimension value to the next level, or to a group id at the last level. */
type TrieNode = Map<unknown, unknown>;

/** The period of a bucket or roll-up row, shared by every result in it. */
export interface UsagePeriod extends Pick<UsageGroup, 'dayIndex' | 'lastDayIndex'> {
  /** Length of the bucket or row in seconds: how long a level (bytes held) was held. */
  readonly seconds: number;
}

function dimensionValue(value: unknown): DimensionValue {
  return typeof value === 'string' || typeof value === 'boolean' ? value : null;
}

/**
 * Groups one endpoint's usage by (period, every registry dimension) and sums the strategy's
 * metrics in a typed array. Group ids come from a trie of maps keyed by the raw dimension values,
 * so the hot loop builds no strings and allocates nothing for a group it has seen.
 */
export class GroupTable {
  /** The endpoint's registry dimensions, in trie order. */
  private readonly names: readonly string[];
  /** Metric slots per group in `sums`. */
  private readonly width: number;
  private count = 0;
  private sums: Float64Array;
  private readonly days: number[] = [];
  private readonly lastDays: number[] = [];
  private readonly values: DimensionValue[] = [];
  private readonly roots = new Map<number, TrieNode>();

  /**
   * @param endpoint The usage endpoint grouped.
   * @param strategy How its metrics are read.
   */
  constructor(
    readonly endpoint: UsageEndpointName,
    readonly strategy: PricingStrategy,
  ) {
    this.names = endpoints[endpoint].dimensions as readonly string[];
    this.width = strategy.metrics.length;
    this.sums = new Float64Array(this.width * INITIAL_GROUPS);
  }

  /**
   * The trie of a period's UTC day, looked up once per bucket: usage is grouped per day (a level
   * as its byte-time, which adds up over a day like a counter).
   *
   * @param period The bucket's or row's period.
   *
   * @returns The day's root.
   */
  rootFor(period: UsagePeriod): TrieNode {
    let root = this.roots.get(period.dayIndex);
    if (root === undefined) {
      root = new Map();
      this.roots.set(period.dayIndex, root);
    }
    return root;
  }

  /**
   * Adds one result or row to its group, creating the group the first time.
   *
   * @param root The trie of the period (from {@link rootFor}).
   * @param period The bucket's or row's period.
   * @param result Dimension fields and counters.
   */
  add(root: TrieNode, period: UsagePeriod, result: Readonly<Record<string, unknown>>): void {
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
      id = this.create(period, result);
      node.set(leaf, id);
    }
    if (period.lastDayIndex > (this.lastDays[id] as number)) {
      this.lastDays[id] = period.lastDayIndex;
    }
    this.strategy.accumulate(result, this.sums, id * this.width, period.seconds);
  }

  /**
   * The groups so far, as the strategy's input.
   *
   * @returns One group per id, its sums a view of the table's array.
   */
  groups(): UsageGroup[] {
    const groups: UsageGroup[] = [];
    const width = this.names.length;
    for (let id = 0; id < this.count; id += 1) {
      const dimensions: Record<string, DimensionValue> = {};
      for (let index = 0; index < width; index += 1) {
        dimensions[this.names[index] as string] = this.values[id * width + index] as DimensionValue;
      }
      groups.push({
        dayIndex: this.days[id] as number,
        lastDayIndex: this.lastDays[id] as number,
        dimensions: dimensions as LineDimensions,
        sums: this.sums.subarray(id * this.width, (id + 1) * this.width),
      });
    }
    return groups;
  }

  private create(period: UsagePeriod, result: Readonly<Record<string, unknown>>): number {
    const id = this.count;
    this.count += 1;
    if (this.count * this.width > this.sums.length) {
      const grown = new Float64Array(this.sums.length * 2);
      grown.set(this.sums);
      this.sums = grown;
    }
    this.days.push(period.dayIndex);
    this.lastDays.push(period.lastDayIndex);
    for (const name of this.names) this.values.push(dimensionValue(result[name]));
    return id;
  }
}
