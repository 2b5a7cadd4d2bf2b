export {
  type BucketRow,
  bucketSeconds,
  mergeWindows,
  type ResultColumns,
  toRows,
} from './bucket-rows';
export {
  type ClickHouseStoreOptions,
  clickhouseSchemaStatements,
  openClickHouseStore,
} from './clickhouse-store';
export {
  BUCKET_COLUMNS,
  COVERAGE_COLUMNS,
  type ColumnKind,
  DIMENSION_COLUMNS,
  METRIC_COLUMNS,
  RESULT_COLUMNS,
  type StoreColumn,
  TABLE_NAMES,
  type TableName,
} from './columns';
export { type DuckDBStoreOptions, duckdbSchemaStatements, openDuckDBStore } from './duckdb-store';
export { type GroupedRowsQuery, groupedRowsSql, groupedRowsToResults } from './grouped-rows-sql';
export { openStore } from './open-store';
export {
  type DimensionFilter,
  filterResults,
  type RegroupTarget,
  regroupResults,
  type StoredResult,
  targetBuckets,
} from './regroup';
export { type SqlValue, sqlDatabaseName, sqlIdentifier, sqlLiteral } from './sql-literal';
export {
  DEFAULT_STORE_FILE,
  defaultStorePath,
  describeStoreLocation,
  parseStoreLocation,
  type ResolveStoreOptions,
  resolveStoreLocation,
  type StoreEnvironment,
  type StoreLocation,
} from './store-location';
export {
  type BucketSourceLike,
  createStoreSource,
  type SourceBuckets,
  type StoreBucketSource,
  StoreCoverageError,
  type StoreGrouping,
  type StoreSourceOptions,
} from './store-source';
export { defaultStoredWidth, RESULTS_PER_COMMIT, storedGroupBy } from './stored-series';
export type {
  CoverageQuery,
  CoverageWindow,
  ReadBucketsQuery,
  SeriesKey,
  StoreKind,
  TimeWindow,
  UsageStore,
  WriteBucketsInput,
  WriteSummary,
} from './usage-store';
