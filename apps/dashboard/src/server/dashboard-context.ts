import type { UsageTable } from '@usagekit/aggregate';
import type { NameResolver } from '@usagekit/client';
import type { CostsBucketLike, PriceBook } from '@usagekit/cost';
import type { EndpointName } from '@usagekit/schemas';

/** Usage that could not be priced, per UTC day (never counted as $0). */
export interface UnpricedEntry {
  /** UTC midnight. @unit Unix seconds */
  readonly day: number;
  readonly endpoint: EndpointName;
  readonly model: string | null;
  readonly unit: string;
  readonly quantity: number;
  readonly reason: string;
  readonly lines: number;
}

/** Everything loaded at start that the views re-slice. */
export interface DashboardContext {
  /** Hourly usage of every endpoint (all dimensions) and the daily bill (`costs`). */
  readonly usage: UsageTable;
  /** Estimated spend per hour, costs-shaped; `line_item` encodes endpoint, model, batch, tier. */
  readonly estimates: UsageTable;
  /** The bill as fetched, for reconciliation. */
  readonly costsBuckets: readonly CostsBucketLike[];
  readonly unpriced: readonly UnpricedEntry[];
  readonly names: NameResolver;
  readonly priceBook: PriceBook;
  /** The data's "now". @unit Unix seconds */
  readonly now: number;
  /** Start of the loaded history. @unit Unix seconds */
  readonly startTime: number;
  readonly demo: boolean;
  readonly organization: { readonly id: string; readonly name: string } | null;
  readonly monthlyBudgetMicros: number | undefined;
}
