/** A dimension value: an id or name, a flag (`batch`), or null ("not grouped" / not reported). */
export type DimensionValue = string | boolean | null;

/** One rolled-up row: a period, dimension values, metric sums and the estimated cost. */
export interface GroupRow {
  /** Period start, null for the whole range. @unit seconds since the Unix epoch */
  readonly periodStart: number | null;
  /** Period end (exclusive), null for the whole range. @unit seconds since the Unix epoch */
  readonly periodEnd: number | null;
  /** Dimension values by registry name (and `organization`, `endpoint`). */
  readonly dimensions: ReadonlyMap<string, DimensionValue>;
  /**
   * Metric sums by the API's names; money metrics in micro-units; `null` where no endpoint in
   * the row measures the metric.
   */
  readonly metrics: ReadonlyMap<string, number | null>;
  /** The estimated cost, when priced. @unit micro-units */
  readonly estimatedMicros?: number | undefined;
  /** Usage in this row that has no price (never counted as zero silently). */
  readonly unpriced?: boolean | undefined;
  /** Whether this is the "other" row that folds groups beyond `--top`. */
  readonly other?: boolean | undefined;
  /** The period is cut by the window's edges or not over yet. */
  readonly partial?: boolean | undefined;
}
