/** `@usagekit/cost/anomalies`: robust z-score anomalies in daily series. */
export {
  type Anomaly,
  type AnomalyOptions,
  type DimensionSeries,
  detectAnomalies,
  type SeriesPoint,
} from './anomalies';
