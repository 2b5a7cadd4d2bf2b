/**
 * The JSON contract between the dashboard server and the browser. Both sides import these types;
 * nothing here runs.
 */
import type { Grain } from './dashboard-query';

/** How a table cell is shown and exported. */
export type ColumnKind = 'text' | 'number' | 'money' | 'percent' | 'date';

/** One column of a {@link DataTable}. */
export interface TableColumn {
  /** Stable key, also the CSV header. */
  readonly key: string;
  /** Human label shown in the table header. */
  readonly label: string;
  /** How values are formatted. `money` values are integer micro-units of the currency. */
  readonly kind: ColumnKind;
  /** What a number counts, from the schemas registry (`tokens`, `bytes`, `images`, ...). */
  readonly unit?: string | undefined;
  /** Whether the column holds estimates priced from usage (not amounts from the bill). */
  readonly estimated?: boolean | undefined;
}

/**
 * A cell: text, a number (money in micro-units, percent as a ratio), or nothing (`null`: not
 * measured by the row's endpoint, never a zero).
 */
export type TableCell = string | number | null;

/** One row of a table, with an optional hover title per text cell (the id behind a name). */
export interface TableRow {
  readonly cells: readonly TableCell[];
  /** Hover text per cell index, e.g. the project id behind its name. */
  readonly titles?: readonly (string | null)[] | undefined;
  /** Whether the row's period is partial: cut by the range's edges, or not over yet. */
  readonly partial?: boolean | undefined;
}

/** A table the browser renders generically and the server can export as CSV. */
export interface DataTable {
  /** Identifies the table for `/api/csv?table=<id>`. */
  readonly id: string;
  readonly title: string;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly TableRow[];
  /** Notes shown under the table (unpriced usage, data caveats). */
  readonly notes: readonly string[];
}

/** Loading state of the server's one-time backfill. */
export interface StatusResponse {
  readonly state: 'loading' | 'ready' | 'failed';
  /** Requests done and planned while loading. */
  readonly progress: { readonly done: number; readonly total: number; readonly label: string };
  /** Whether the data is the embedded demo organization. */
  readonly demo: boolean;
  /** Why loading failed; never contains the key. */
  readonly error: string | null;
  /**
   * What the data lacks and why, each said once (names unavailable, a refused grouping, a part
   * that failed to load); the page shows them above every view. Never contains the key.
   */
  readonly notices: readonly string[];
}

/** A named thing with its id (projects, users, keys, organizations). */
export interface NamedOption {
  readonly id: string;
  readonly name: string;
}

/** What the filters can offer, and what the data covers. */
export interface MetaResponse {
  readonly demo: boolean;
  readonly currency: string;
  readonly organizations: readonly NamedOption[];
  readonly projects: readonly NamedOption[];
  readonly models: readonly string[];
  readonly endpoints: readonly string[];
  /** Each loaded usage endpoint with the metrics it reports (registry order, label and unit). */
  readonly endpointMetrics: readonly {
    readonly endpoint: string;
    /** What the endpoint's usage is, for people ("Vector storage"). */
    readonly label: string;
    readonly metrics: readonly {
      readonly name: string;
      readonly label: string;
      readonly unit: string;
    }[];
  }[];
  /** The loaded range. @unit Unix seconds */
  readonly startTime: number;
  readonly endTime: number;
  /** The instant the data counts as "now". @unit Unix seconds */
  readonly now: number;
}

/** Budget status of one scope. */
export interface BudgetStatusView {
  readonly scope: string;
  readonly limitMicros: number;
  readonly spentMicros: number;
  readonly forecastMicros: number;
  readonly status: 'on_track' | 'at_risk' | 'over';
  /** ISO date the budget runs out at the current pace, or null. */
  readonly runsOutOn: string | null;
}

/** The overview cards. Money in integer micro-units of {@link MetaResponse.currency}. */
export interface OverviewResponse {
  readonly currency: string;
  readonly month: string;
  /** Estimated from usage at list prices (an estimate, not the bill). */
  readonly estimatedMicros: number;
  /** From the bill (Costs API). */
  readonly billedMicros: number;
  /** Usage results with a part that has no price (left out of the estimate, never $0). */
  readonly unpricedRows: number;
  readonly forecast: {
    readonly expectedMicros: number;
    readonly lowMicros: number;
    readonly highMicros: number;
  };
  readonly previous: {
    readonly label: string;
    readonly billedMicros: number;
    /** Relative change of this period's billed spend to the same days of the previous one. */
    readonly change: number | null;
  };
  readonly budgets: readonly BudgetStatusView[];
  /** Daily billed spend of the month so far, for a sparkline. */
  readonly daily: {
    readonly times: readonly number[];
    readonly billedMicros: readonly number[];
    /** Per day: whether it is not over yet (today). */
    readonly partial: readonly boolean[];
  };
  readonly tables: readonly DataTable[];
}

/** One stacked series of a time series. */
export interface SeriesView {
  readonly key: string;
  readonly label: string;
  /** Hover title, e.g. the id behind the label. */
  readonly title: string;
  readonly values: readonly number[];
}

/** A stacked time series. */
export interface TimeseriesResponse {
  readonly metric: string;
  /** Human label of the metric ("Estimated spend", "Input tokens", "Stored bytes"). */
  readonly label: string;
  readonly unit: string;
  /** Whether the values are estimates priced from usage (not amounts from the bill). */
  readonly estimated: boolean;
  readonly grain: Grain;
  readonly timeZone: string;
  /** Period starts. @unit Unix seconds */
  readonly times: readonly number[];
  /** Per period: whether it is partial (cut by the range's edges, or not over yet). */
  readonly partial: readonly boolean[];
  readonly series: readonly SeriesView[];
  readonly warnings: readonly string[];
  readonly tables: readonly DataTable[];
  /** Server-side re-slice time. @unit milliseconds */
  readonly elapsedMs: number;
}

/** Generic answer of the table views (top, reconciliation, endpoints). */
export interface TablesResponse {
  readonly tables: readonly DataTable[];
  readonly warnings: readonly string[];
}
