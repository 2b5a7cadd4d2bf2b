export {
  type ComparePeriodsOptions,
  type ComparisonRow,
  comparePeriods,
  type PeriodComparison,
} from './compare-periods';
export { csvField } from './csv-field';
export type { DerivedMetric, RatioMetric } from './derived-metrics';
export { RollupQueryError, UsageAggregateError, UsageDataError } from './errors';
export type {
  Dimension,
  DimensionValue,
  EngineMetricInfo,
  EngineMetricName,
  GroupDimension,
  MetricName,
  RegistryMetricName,
} from './fields';
export { ENGINE_METRICS, MONEY_SCALE } from './fields';
export type { Grain, Weekday } from './period-calendar';
export { type PivotOptions, type PivotRow, type PivotTable, pivot } from './pivot';
export type { ResultPricer } from './result-pricer';
export { rollup } from './rollup';
export { type RollupPagesOptions, rollupPages } from './rollup-pages';
export type {
  DimensionFilter,
  RollupQuery,
  TimeRange,
  TopOption,
} from './rollup-query';
export type { RollupColumns, RollupResult, RollupRow, RowKind } from './rollup-result';
export { createUsageTable } from './usage-table';
export type {
  BucketInput,
  FieldCoverage,
  IngestOptions,
  IngestSummary,
  PageInput,
  UsageTable,
  UsageTableOptions,
} from './usage-table-api';
