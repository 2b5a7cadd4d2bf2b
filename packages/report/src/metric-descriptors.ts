import { ENGINE_METRICS } from '@usagekit/aggregate';
import { endpointNames, endpoints, type MetricField } from '@usagekit/schemas';

/** What a report metric is, from the registry (or the engine for its own metrics). */
export interface MetricDescriptor {
  /** The metric's name, as in rows. */
  readonly name: string;
  /**
   * What it counts: the registry's unit (`tokens`, `bytes`...), `currency` for money in
   * micro-USD, `count`, or `byte-seconds` for a level's byte-time.
   */
  readonly unit: string;
  /** A human label that spells the unit out. */
  readonly label: string;
  /** `sum` over time, or `level` (a time-weighted average: bytes held). */
  readonly aggregation: 'sum' | 'level';
}

const registryMetrics = new Map<string, MetricField>();
for (const name of endpointNames) {
  for (const field of endpoints[name].metrics as readonly MetricField[]) {
    if (!registryMetrics.has(field.name)) registryMetrics.set(field.name, field);
  }
}

/** Suffix of the byte-time column the engine puts beside a level metric. */
const LEVEL_TIME_SUFFIX = '_seconds';

/**
 * Describes a metric of a roll-up: registry metrics by their registry entry, the engine's by
 * its descriptor, and a level's byte-time column (`usage_bytes_seconds`) after its level.
 *
 * @param name The metric's name.
 *
 * @returns The descriptor.
 *
 * @throws {Error} For a name that neither the registry nor the engine defines.
 */
export function describeReportMetric(name: string): MetricDescriptor {
  const field = registryMetrics.get(name);
  if (field !== undefined) {
    return { name, unit: field.unit, label: field.label, aggregation: field.aggregation };
  }
  const engine = ENGINE_METRICS.find((info) => info.name === name);
  if (engine !== undefined) {
    return { name, unit: engine.unit, label: engine.label, aggregation: engine.aggregation };
  }
  const level = name.endsWith(LEVEL_TIME_SUFFIX)
    ? registryMetrics.get(name.slice(0, -LEVEL_TIME_SUFFIX.length))
    : undefined;
  if (level !== undefined && level.aggregation === 'level') {
    return {
      name,
      unit: `${level.unit}-seconds`,
      label: `${level.label} × seconds held`,
      aggregation: 'sum',
    };
  }
  throw new Error(
    `no descriptor for metric "${name}": neither the registry nor the engine defines it`,
  );
}
