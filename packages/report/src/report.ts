import type { DimensionValue, RowKind } from '@usagekit/aggregate';
import type { UnpricedUsage } from '@usagekit/cost';
import type { BucketWidth, EndpointName } from '@usagekit/schemas';
import type { ReportGrain } from './grain';
import type { MetricDescriptor } from './metric-descriptors';
import type { ReportWindow } from './window';

/** One row of a report: a period, an organization, dimension values and metrics. */
export interface ReportRow {
  /** Start of the period (the window's start for `total`). @unit Unix seconds */
  readonly period_start: number;
  /** End of the period, exclusive (the window's end for `total`). @unit Unix seconds */
  readonly period_end: number;
  /** The period is cut by the window's edges or not over yet: its numbers are not a whole period's. */
  readonly partial: boolean;
  /** A group (`detail`) or the groups beyond the top N folded together (`other`). */
  readonly row_kind: Extract<RowKind, 'detail' | 'other'>;
  /** The source's label. */
  readonly organization: string;
  /** The value of each report dimension (`null`: not grouped, not reported, or refused). */
  readonly values: Readonly<Record<string, DimensionValue>>;
  /**
   * Each report metric; `null` when no endpoint in the row measures it (a measured zero is 0).
   * Levels (`usage_bytes`) are time-weighted averages over the row's buckets, with their
   * byte-time beside them (`usage_bytes_seconds`).
   */
  readonly metrics: Readonly<Record<string, number | null>>;
  /** Estimated cost, rounded once from the row's exact sum. @unit micro-USD */
  readonly estimated_cost: number;
  /** Results with usage that has no price (that usage is not in `estimated_cost`). */
  readonly unpriced_results: number;
}

/** The exact totals of one organization or of the whole report. */
export interface ReportTotals {
  /** Each report metric over the window (null when nothing in it measures the metric). */
  readonly metrics: Readonly<Record<string, number | null>>;
  /**
   * Estimated cost: per organization rounded once from its exact sum; the report's total adds
   * the organizations' totals. @unit micro-USD
   */
  readonly estimated_cost: number;
  readonly unpriced_results: number;
}

/** What a report answers. */
export interface Report {
  readonly window: ReportWindow;
  readonly grain: ReportGrain;
  /** The bucket width fetched. */
  readonly bucketWidth: BucketWidth;
  /** The endpoints read. */
  readonly endpoints: readonly EndpointName[];
  /** The grouping dimensions of `values`, in column order (refused-everywhere ones left out). */
  readonly dimensions: readonly string[];
  /** The metrics of `metrics`, in order, each with its unit, label and aggregation. */
  readonly metrics: readonly MetricDescriptor[];
  /** Rows by organization, period, then rank; `other` rows last in their period. */
  readonly rows: readonly ReportRow[];
  /** Totals per organization (by label) and for the report. */
  readonly totals: ReportTotals & {
    readonly organizations: Readonly<Record<string, ReportTotals>>;
  };
  /** Usage that could not be priced, by endpoint, model, unit and reason. */
  readonly unpriced: readonly UnpricedUsage[];
  /** What the numbers cannot say exactly, and what was left out: each once. */
  readonly notices: readonly string[];
}
