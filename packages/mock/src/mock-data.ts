import { createPriceBook } from '@usagekit/cost';
import { usageEndpointNames } from '@usagekit/schemas';
import { CostsEngine } from './costs-engine';
import { JsonWriter } from './json-writer';
import { LruCache } from './lru-cache';
import type { DemoOrganization, UsageEndpointName } from './organization';
import type { MockPricing } from './pricing';
import { SeriesEngine } from './series-engine';

/** Serialized buckets kept for reuse across pages and queries. @unit bytes */
const BUCKET_CACHE_BYTES = 32 * 1024 * 1024;

let defaultPricing: MockPricing | undefined;

/** The price book every mock without its own shares: built once, its lookups cached. */
function sharedPriceBook(): MockPricing {
  defaultPricing ??= createPriceBook();
  return defaultPricing;
}

/** Everything the mock computes answers from: the organization, its usage and its costs. */
export class MockData {
  /** The organization. */
  readonly organization: DemoOrganization;
  /** The usage engine of each usage endpoint. */
  readonly engines: ReadonlyMap<UsageEndpointName, SeriesEngine>;
  /** The costs engine. */
  readonly costs: CostsEngine;
  /**
   * Serialized buckets (UTF-8 JSON) by bucket start, end and selection (endpoint, `group_by`,
   * filters), bounded by size: a repeated or overlapping query copies them instead of building
   * them again.
   */
  readonly buckets = new LruCache<string, Uint8Array<ArrayBuffer>>(
    BUCKET_CACHE_BYTES,
    (bucket) => bucket.byteLength,
  );
  /** The writer buckets are serialized in (synchronously, one at a time). */
  readonly writer = new JsonWriter();

  /**
   * @param organization The organization.
   * @param pricing The price book costs are derived through. @default createPriceBook()
   */
  constructor(organization: DemoOrganization, pricing: MockPricing = sharedPriceBook()) {
    this.organization = organization;
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
