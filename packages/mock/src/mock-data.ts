import { usageEndpointNames } from '@usagekit/schemas';
import { CostsEngine } from './costs-engine';
import type { DemoOrganization, UsageEndpointName } from './organization';
import { type MockPricing, mockPriceTable } from './price-table';
import { SeriesEngine } from './series-engine';

/** Everything the mock computes answers from: the organization, its usage and its costs. */
export class MockData {
  /** The organization. */
  readonly organization: DemoOrganization;
  /** The usage engine of each usage endpoint. */
  readonly engines: ReadonlyMap<UsageEndpointName, SeriesEngine>;
  /** The costs engine. */
  readonly costs: CostsEngine;

  /**
   * @param organization The organization.
   * @param pricing The price table costs are derived through.
   */
  constructor(organization: DemoOrganization, pricing: MockPricing = mockPriceTable) {
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
