import { usageEndpointNames } from '@usagekit/schemas';
import { CostsEngine } from './costs-engine';
import { JsonWriter } from './json-writer';
import { LruCache } from './lru-cache';
import type { DemoOrganization, UsageEndpointName } from './organization';
import { MOCK_PRICE_LIST, type MockPricing } from './pricing';
import { SeriesEngine } from './series-engine';

/**
 * Serialized buckets kept for reuse across pages and queries by default: enough for a 90-day hourly
 * backfill of every endpoint grouped by every dimension (about 51 MB) with room to spare.
 * @unit bytes
 */
export const DEFAULT_BUCKET_CACHE_BYTES = 128 * 1024 * 1024;

/** Distinct selections remembered by {@link MockData.selectionId} before it starts over. */
const MAX_SELECTION_IDS = 4096;

/** Everything the mock computes answers from: the organization, its usage and its costs. */
export class MockData {
  /** The organization. */
  readonly organization: DemoOrganization;
  /** The usage engine of each usage endpoint. */
  readonly engines: ReadonlyMap<UsageEndpointName, SeriesEngine>;
  /** The costs engine. */
  readonly costs: CostsEngine;
  /**
   * Serialized buckets (UTF-8 JSON) by selection (endpoint, `group_by`, filters; as its
   * {@link selectionId}), bucket start and end, bounded by size: a repeated or overlapping query copies them instead of building
   * them again.
   */
  readonly buckets: LruCache<string, Uint8Array<ArrayBuffer>>;
  readonly #selectionIds = new Map<string, number>();
  #nextSelectionId = 0;

  /**
   * A short id for a selection key (see {@link buckets}), so bucket keys stay short and cheap to
   * hash. Ids are never reused: when the table is full it starts over with fresh ids, which only
   * costs cache hits, never a wrong answer.
   *
   * @param selection The selection key.
   *
   * @returns Its id.
   */
  selectionId(selection: string): number {
    let id = this.#selectionIds.get(selection);
    if (id === undefined) {
      if (this.#selectionIds.size >= MAX_SELECTION_IDS) this.#selectionIds.clear();
      id = this.#nextSelectionId++;
      this.#selectionIds.set(selection, id);
    }
    return id;
  }

  /** The writer buckets are serialized in (synchronously, one at a time). */
  readonly writer = new JsonWriter();

  /**
   * @param organization The organization.
   * @param pricing The prices costs are billed at. @default MOCK_PRICE_LIST
   * @param bucketCacheBytes The bound of {@link buckets}. @default DEFAULT_BUCKET_CACHE_BYTES
   */
  constructor(
    organization: DemoOrganization,
    pricing: MockPricing = MOCK_PRICE_LIST,
    bucketCacheBytes: number = DEFAULT_BUCKET_CACHE_BYTES,
  ) {
    this.organization = organization;
    this.buckets = new LruCache(bucketCacheBytes, (bucket) => bucket.byteLength);
    this.engines = new Map(
      usageEndpointNames.map((name) => [name, new SeriesEngine(organization, name)] as const),
    );
    this.costs = new CostsEngine(organization, this.engines, pricing);
  }

  /**
   * The usage engine of an endpoint.
   *
   * @param name The usage endpoint.
   *
   * @returns Its engine.
   */
  engine(name: UsageEndpointName): SeriesEngine {
    const engine = this.engines.get(name);
    if (!engine) throw new RangeError(`no usage engine for ${name}`);
    return engine;
  }
}
