import type { MetricField } from './metric';
import {
  type EndpointName,
  type Endpoints,
  endpointNames,
  endpoints,
  type MetricName,
} from './registry';

/** Every metric of the registry by name, built on first use. */
let metricsByName: ReadonlyMap<string, MetricField> | undefined;

/**
 * Indexes the registry's metrics by name. A name means the same on every endpoint that has it
 * (the same unit, label and aggregation; the registry's tests hold it to that), so the first
 * definition stands for all.
 *
 * @returns The index.
 */
function metricIndex(): ReadonlyMap<string, MetricField> {
  if (metricsByName === undefined) {
    const index = new Map<string, MetricField>();
    for (const name of endpointNames) {
      for (const field of endpoints[name].metrics as readonly MetricField[]) {
        if (!index.has(field.name)) index.set(field.name, field);
      }
    }
    metricsByName = index;
  }
  return metricsByName;
}

/**
 * The metrics an endpoint measures, each with its unit, label and aggregation. A metric not listed
 * is one the endpoint does not measure: its value is unknown (`null`), not zero.
 *
 * @param endpoint The endpoint name.
 *
 * @returns Its metrics, in the registry's order.
 */
export function metricsOf<TName extends EndpointName>(
  endpoint: TName,
): Endpoints[TName]['metrics'] {
  return endpoints[endpoint].metrics;
}

/**
 * Tells whether a string names a metric of some endpoint of the registry.
 *
 * @param name The string to check.
 *
 * @returns Whether it is a metric name.
 */
export function isMetricName(name: string): name is MetricName {
  return metricIndex().has(name);
}

/**
 * Describes a metric by name, failing with the list of names when it is unknown.
 *
 * @param name The metric name.
 *
 * @returns Its definition: unit, label, aggregation, path and whether it is always reported.
 */
export function metricInfo(name: MetricName): MetricField<MetricName> {
  const field = metricIndex().get(name);
  if (field === undefined) {
    throw new RangeError(
      `Unknown metric "${String(name)}"; known: ${[...metricIndex().keys()].join(', ')}`,
    );
  }
  return field as MetricField<MetricName>;
}

/**
 * Tells whether a metric is a level (an amount held at a moment, `usage_bytes`): it averages over
 * time, weighted by the time each value covers, and never sums across time.
 *
 * @param name Any metric name; names outside the registry are not levels.
 *
 * @returns Whether the metric is a level.
 */
export function isLevelMetric(name: string): boolean {
  return metricIndex().get(name)?.aggregation === 'level';
}
