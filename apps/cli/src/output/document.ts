/** How a column's values are written. */
export type ColumnType =
  /** Untrusted text: ids, names, models (CSV-neutralised, terminal-sanitised). */
  | 'text'
  /** A count (tokens, requests): a number everywhere, grouped in tables. */
  | 'count'
  /** A size in bytes. */
  | 'bytes'
  /** Money in micro-units: exact decimal string in JSON/CSV, rounded in tables. */
  | 'money'
  /** A ratio: a number in JSON/CSV, a signed percentage in tables. */
  | 'percent'
  /** An instant in Unix seconds: ISO 8601 with the zone's offset in JSON/CSV. */
  | 'period'
  /** A boolean. */
  | 'flag';

/** A value in a row. */
export type CellValue = string | number | boolean | null | undefined;

/** One row: values by column key. Built with `Object.create(null)`-safe keys only. */
export type DocumentRow = Readonly<Record<string, CellValue>>;

/** A column of a section. */
export interface DocumentColumn {
  /** The machine name (JSON key, CSV header): API names for metrics and dimensions. */
  readonly key: string;
  /** The table header. */
  readonly header: string;
  readonly type: ColumnType;
  /** Shown in JSON/CSV but not in tables (ids beside names, currency). */
  readonly machineOnly?: boolean | undefined;
  /** Shown in tables only (a display column that combines others). */
  readonly tableOnly?: boolean | undefined;
  /** The table text, when it differs from the formatted value (a name instead of an id). */
  readonly tableText?: ((row: DocumentRow) => string) | undefined;
}

/** One table of a command's output. */
export interface DocumentSection {
  /** Machine name of the section (JSON key, CSV `section` column). */
  readonly name: string;
  /** Title above the table. */
  readonly title: string;
  readonly columns: readonly DocumentColumn[];
  readonly rows: readonly DocumentRow[];
  readonly totals?: DocumentRow | undefined;
  /** Lines printed below the table (table output only). */
  readonly notes?: readonly string[] | undefined;
}

/** A command's whole output, rendered as a table, JSON or CSV. */
export interface OutputDocument {
  /** The command that produced it. */
  readonly command: string;
  /** Whether the data is the embedded demo organization. */
  readonly demo: boolean;
  /** Organizations the data came from. */
  readonly organizations: readonly string[];
  /** The time range, when the command has one. @unit seconds since the Unix epoch */
  readonly range?: { readonly startTime: number; readonly endTime: number } | undefined;
  /** The zone of periods and dates. */
  readonly timeZone: string;
  /** The currency of every money column. */
  readonly currency: string;
  /** Extra top-level JSON fields (grain, dimensions, ...). */
  readonly meta?: Readonly<Record<string, unknown>> | undefined;
  readonly sections: readonly DocumentSection[];
  /** Honest caveats: partial buckets, daily data in another zone, unpriced usage, ... */
  readonly warnings: readonly string[];
}

/** The notice every demo output carries. */
export const DEMO_NOTICE =
  'DEMO DATA: a simulated organization (no OPENAI_ADMIN_KEY set), not your account';
