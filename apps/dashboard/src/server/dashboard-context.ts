import type { UsageTable } from '@usagekit/aggregate';
import type { CostEstimate, CostsBucketLike } from '@usagekit/cost';
import type { EndpointName } from '@usagekit/schemas';
import type { NameLookup } from './name-lookup';

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

/** One data set at two resolutions: hourly buckets, and the same rolled up into UTC days. */
export interface TableLevels {
  readonly hourly: UsageTable;
  readonly daily: UsageTable;
}

/** Everything loaded at start that the views re-slice. */
export interface DashboardContext {
  /** Usage of every usage endpoint, grouped by all its dimensions. */
  readonly usage: TableLevels;
  /** Estimated spend, costs-shaped; `line_item` encodes endpoint, model, batch and tier. */
  readonly estimates: TableLevels;
  /** The same estimates by project and line item only: fewer rows for model, endpoint, batch and tier charts. */
  readonly estimatesByItem: TableLevels;
  /** The bill (Costs API, whole UTC days, by project and line item). */
  readonly billing: TableLevels;
  /** Usage priced per UTC day and pricing group, for reconciliation. */
  readonly dailyEstimate: CostEstimate;
  /** The bill as fetched, for reconciliation. */
  readonly costsBuckets: readonly CostsBucketLike[];
  readonly unpriced: readonly UnpricedEntry[];
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
