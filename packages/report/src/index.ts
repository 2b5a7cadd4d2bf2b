export type { BucketSource, SourceFetchOptions } from './bucket-source';
export { chooseBucketWidth, MAX_WINDOW_DAYS, type WidthChoice } from './bucket-width';
export { type ClientSourceOptions, createClientSource } from './client-source';
export { ReportQuestionError } from './errors';
export {
  type FetchSourcesOptions,
  fetchSources,
  type ReportEvent,
  type SourcesFetched,
  type TakeBuckets,
} from './fetch-sources';
export { assertReportGrain, REPORT_GRAINS, type ReportGrain } from './grain';
export { describeReportMetric, type MetricDescriptor } from './metric-descriptors';
export { type EndpointFetch, planReport, type ReportPlan } from './plan';
export type { ReportDimension, ReportQuestion, ReportTop } from './question';
export type { Report, ReportRow, ReportTotals } from './report';
export {
  type CostsGrain,
  type CostsPlan,
  type CostsQuestion,
  type CostsReport,
  type CostsRow,
  type CostsTotals,
  planCostsReport,
  type RunCostsReportOptions,
  runCostsReport,
} from './run-costs-report';
export { type RunReportOptions, runReport } from './run-report';
export {
  type AbsoluteWindow,
  isPartialPeriod,
  type RelativeWindow,
  type ReportWindow,
  type ResolveWindowOptions,
  resolveWindow,
  resolveWindowEdge,
  WINDOW_FORMATS,
  type WindowEdge,
  type WindowSpec,
} from './window';
