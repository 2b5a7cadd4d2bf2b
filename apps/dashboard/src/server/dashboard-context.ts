import type { UsageTable } from '@usagekit/aggregate';
import type { CostsBucketLike, PriceBook } from '@usagekit/cost';
import type { BucketSource } from '@usagekit/report';
import type { NameLookup } from './name-lookup';

/** Everything loaded at start that the views re-slice. */
export interface DashboardContext {
  /**
   * Hourly usage of every usage endpoint, grouped by all its dimensions, each result priced once
   * at ingest: the estimate is the table's `estimated_cost` column (integer micro-USD in roll-ups).
   */
  readonly usage: UsageTable;
  /** The bill (Costs API, whole UTC days, by project and line item). */
  readonly billing: UsageTable;
  /** The prices the usage was priced with (reports and the reconciliation price with them too). */
  readonly priceBook: PriceBook;
  /** The loaded data as a bucket source of `@usagekit/report`, which answers the views. */
  readonly source: BucketSource;
  /** The bill as fetched, for reconciliation. */
  readonly costsBuckets: readonly CostsBucketLike[];
  /** Names of the ids in the data (ids only when the key may not read the directory). */
  readonly names: NameLookup;
  /** What the load could not get, each said once; shown above every view. */
  readonly notices: readonly string[];
  /** The data's "now". @unit Unix seconds */
  readonly now: number;
  /** Start of the loaded history. @unit Unix seconds */
  readonly startTime: number;
  readonly demo: boolean;
  readonly organization: { readonly id: string; readonly name: string } | null;
  readonly monthlyBudgetMicros: number | undefined;
}
