import { type EndpointName, endpointNames, getEndpoint, type MetricField } from '@usagekit/schemas';

/** The SQL type family of a column, mapped to each engine's own type. */
export type ColumnKind = 'text' | 'integer' | 'float' | 'json';

/** One column of a store table. */
export interface StoreColumn {
  /** The column name (also the name in the documented schema). */
  readonly name: string;
  readonly kind: ColumnKind;
  /** Whether the column may be NULL. */
  readonly nullable: boolean;
}

/**
 * The columns every results row starts with: where the row comes from and its place in its bucket.
 * Times are Unix seconds; `fetched_at` and `generation` are Unix milliseconds.
 */
const resultKeyColumns: readonly StoreColumn[] = [
  { name: 'organization', kind: 'text', nullable: false },
  { name: 'endpoint', kind: 'text', nullable: false },
  { name: 'bucket_width', kind: 'text', nullable: false },
  { name: 'start_time', kind: 'integer', nullable: false },
  { name: 'end_time', kind: 'integer', nullable: false },
  { name: 'row_index', kind: 'integer', nullable: false },
  { name: 'group_key', kind: 'text', nullable: false },
  { name: 'group_index', kind: 'integer', nullable: false },
  { name: 'generation', kind: 'integer', nullable: false },
  { name: 'fetched_at', kind: 'integer', nullable: false },
];

function unique(names: Iterable<string>): string[] {
  return [...new Set(names)];
}

/** Every grouping field of the registry (the union of every endpoint's dimensions), in order. */
export const DIMENSION_COLUMNS: readonly string[] = unique(
  endpointNames.flatMap((name) => getEndpoint(name).dimensions as readonly string[]),
);

/** Every metric of the registry (the union of every endpoint's metrics), in order. */
export const METRIC_COLUMNS: readonly string[] = unique(
  endpointNames.flatMap((name) =>
    (getEndpoint(name).metrics as readonly MetricField[]).map((metric) => metric.name),
  ),
);

/** The columns of the `results` table, in table order. */
export const RESULT_COLUMNS: readonly StoreColumn[] = [
  ...resultKeyColumns,
  ...DIMENSION_COLUMNS.map((name): StoreColumn => ({ name, kind: 'text', nullable: true })),
  ...METRIC_COLUMNS.map((name): StoreColumn => ({ name, kind: 'float', nullable: true })),
  { name: 'result', kind: 'json', nullable: false },
];

/** The columns of the `buckets` table: one row per bucket written, empty buckets included. */
export const BUCKET_COLUMNS: readonly StoreColumn[] = [
  { name: 'organization', kind: 'text', nullable: false },
  { name: 'endpoint', kind: 'text', nullable: false },
  { name: 'bucket_width', kind: 'text', nullable: false },
  { name: 'start_time', kind: 'integer', nullable: false },
  { name: 'end_time', kind: 'integer', nullable: false },
  { name: 'generation', kind: 'integer', nullable: false },
  { name: 'fetched_at', kind: 'integer', nullable: false },
  { name: 'result_count', kind: 'integer', nullable: false },
  { name: 'deleted', kind: 'integer', nullable: false },
  { name: 'extra', kind: 'json', nullable: true },
];

/** The columns of the `coverage` table: one row per window a sync committed. */
export const COVERAGE_COLUMNS: readonly StoreColumn[] = [
  { name: 'organization', kind: 'text', nullable: false },
  { name: 'endpoint', kind: 'text', nullable: false },
  { name: 'bucket_width', kind: 'text', nullable: false },
  { name: 'start_time', kind: 'integer', nullable: false },
  { name: 'end_time', kind: 'integer', nullable: false },
  { name: 'synced_at', kind: 'integer', nullable: false },
];

/** The store's tables. */
export const TABLE_NAMES = ['results', 'buckets', 'coverage'] as const;

/** A table of the store. */
export type TableName = (typeof TABLE_NAMES)[number];

/** The columns of each table. */
export const TABLE_COLUMNS: Readonly<Record<TableName, readonly StoreColumn[]>> = {
  results: RESULT_COLUMNS,
  buckets: BUCKET_COLUMNS,
  coverage: COVERAGE_COLUMNS,
};

/**
 * The view of the results each bucket holds now (on ClickHouse, only rows of every bucket's latest
 * generation; on DuckDB, the results table itself). Query this one with your own SQL.
 */
export const CURRENT_RESULTS_VIEW = 'current_results';

/** Every identifier the store ever writes into SQL: its tables, its view and their columns. */
export const IDENTIFIER_ALLOWLIST: ReadonlySet<string> = new Set([
  ...TABLE_NAMES,
  CURRENT_RESULTS_VIEW,
  ...RESULT_COLUMNS.map((column) => column.name),
  ...BUCKET_COLUMNS.map((column) => column.name),
  ...COVERAGE_COLUMNS.map((column) => column.name),
]);

/** What the store needs to know about one endpoint to split its results into columns. */
export interface EndpointColumns {
  /** The endpoint's dimensions, in registry order: the order of `group_key`. */
  readonly dimensions: readonly string[];
  /** Its metrics with their paths in a result. */
  readonly metrics: readonly MetricField[];
}

/**
 * The dimensions and metrics of an endpoint, read from the registry.
 *
 * @param endpoint The endpoint name.
 *
 * @returns Its dimensions and metrics.
 */
export function endpointColumns(endpoint: EndpointName): EndpointColumns {
  const definition = getEndpoint(endpoint);
  return {
    dimensions: definition.dimensions as readonly string[],
    metrics: definition.metrics as readonly MetricField[],
  };
}
