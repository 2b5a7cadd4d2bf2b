import {
  type EndpointName,
  type Endpoints,
  endpointNames,
  endpoints,
  type MetricAggregation,
  type MetricField,
  type MetricUnit,
} from '@usagekit/schemas';

/** A grouping field of any endpoint in the registry (a `group_by` value). */
export type Dimension = Endpoints[EndpointName]['dimensions'][number];

/** A dimension, or the pseudo-dimension `endpoint` (which endpoint a row came from). */
export type GroupDimension = Dimension | 'endpoint';

/** A counter of any endpoint in the registry, for example `input_tokens` or `amount_value`. */
export type RegistryMetricName = Endpoints[EndpointName]['metrics'][number]['name'];

/**
 * A metric the engine computes at ingest when the table has a pricer (see `ResultPricer`):
 * `estimated_cost` (integer micro-USD in results, stored exactly) and `unpriced_results`.
 */
export type EngineMetricName = 'estimated_cost' | 'unpriced_results';

/** A metric a roll-up can show: a registry counter or an engine metric. */
export type MetricName = RegistryMetricName | EngineMetricName;

/** A dimension value: an id or name, a flag (`batch`), or `null` for "not grouped". */
export type DimensionValue = string | boolean | null;

function valueRank(value: DimensionValue): number {
  return value === null ? 0 : typeof value === 'boolean' ? 1 : 2;
}

/**
 * Orders dimension values: `null` first, then `false`, `true`, then strings by code unit.
 *
 * @param left A value.
 * @param right Another value.
 *
 * @returns Negative, zero or positive.
 */
export function compareValues(left: DimensionValue, right: DimensionValue): number {
  const rank = valueRank(left) - valueRank(right);
  if (rank !== 0) return rank;
  if (left === right) return 0;
  if (typeof left === 'boolean') return left ? 1 : -1;
  return (left as string) < (right as string) ? -1 : 1;
}

/**
 * Money is stored as integer micro-units of the currency (1 USD = 1,000,000), so sums are exact
 * up to 2^53 micro-units (about 9 billion USD).
 */
export const MONEY_SCALE = 1_000_000;

/** Descriptor of a metric the engine computes (the registry describes the others). */
export interface EngineMetricInfo {
  readonly name: EngineMetricName;
  readonly unit: 'currency' | 'count';
  readonly label: string;
  readonly aggregation: 'sum';
}

/**
 * The engine's metrics, described once: `estimated_cost` in integer micro-USD (rounded once per
 * result row from exact pico-USD sums), `unpriced_results` counting results with usage the
 * pricer had no price for.
 */
export const ENGINE_METRICS: readonly EngineMetricInfo[] = Object.freeze([
  { name: 'estimated_cost', unit: 'currency', label: 'Estimated cost', aggregation: 'sum' },
  { name: 'unpriced_results', unit: 'count', label: 'Unpriced results', aggregation: 'sum' },
] as const);

/** One stored column: a metric, or a hidden part of one (see {@link allColumns}). */
export interface MetricSpec {
  readonly name: string;
  readonly unit: MetricUnit | EngineMetricInfo['unit'];
  /** Whether stored values are integers (everything but `quantity` and money as reported). */
  readonly integral: boolean;
  /** Stored value = reported value times this (money: micro-units). */
  readonly scale: number;
  readonly aggregation: MetricAggregation;
}

function specOf(field: MetricField): MetricSpec {
  return {
    name: field.name,
    unit: field.unit,
    integral: field.unit !== 'quantity' && field.unit !== 'currency',
    scale: field.unit === 'currency' ? MONEY_SCALE : 1,
    aggregation: field.aggregation,
  };
}

/** Every metric: the registry's in first-seen registry order, then the engine's. */
export const allMetrics: readonly MetricSpec[] = [
  ...[
    ...new Map(
      endpointNames.flatMap((name) =>
        (endpoints[name].metrics as readonly MetricField[]).map((field) => [field.name, field]),
      ),
    ).values(),
  ].map(specOf),
  ...ENGINE_METRICS.map((info) => ({ ...info, integral: true, scale: 1 })),
];

/** Pico-USD in one micro-USD: `estimated_cost` keeps the sub-micro remainder in its own column. */
export const PICOS_PER_MICRO = 1_000_000;

/**
 * Every stored column: one per metric (same slot), then hidden parts summed beside them: the
 * sub-micro pico remainder of `estimated_cost`, and per level metric its value times bucket
 * seconds (`usage_bytes_seconds`, the byte-time).
 */
export const allColumns: readonly MetricSpec[] = [
  ...allMetrics,
  { name: 'estimated_cost_picos', unit: 'currency', integral: true, scale: 1, aggregation: 'sum' },
  ...allMetrics
    .filter((spec) => spec.aggregation === 'level')
    .map((spec) => ({
      name: `${spec.name}_seconds`,
      unit: spec.unit,
      integral: false,
      scale: 1,
      aggregation: 'sum' as const,
    })),
];

/** Every dimension of the registry, in first-seen registry order. */
export const allDimensions: readonly Dimension[] = [
  ...new Set(endpointNames.flatMap((name) => endpoints[name].dimensions as readonly Dimension[])),
];

/** Slot of each dimension in {@link allDimensions}. */
export const dimensionSlot: ReadonlyMap<string, number> = new Map(
  allDimensions.map((name, index) => [name, index]),
);

/** Slot of each metric in {@link allMetrics}, and of each column in {@link allColumns}. */
export const metricSlot: ReadonlyMap<string, number> = new Map(
  allColumns.map((spec, index) => [spec.name, index]),
);

/** Column of the sub-micro pico remainder of `estimated_cost`. */
export const COST_PICOS_SLOT = metricSlot.get('estimated_cost_picos') as number;

/**
 * The columns a metric's roll-up sums: its own; for `estimated_cost` also the pico remainder;
 * for a level metric only its value-times-seconds column.
 *
 * @param slot The metric's slot.
 *
 * @returns Column slots.
 */
export function columnsOfMetric(slot: number): readonly number[] {
  const spec = allMetrics[slot] as MetricSpec;
  if (spec.name === 'estimated_cost') return [slot, COST_PICOS_SLOT];
  if (spec.aggregation === 'level') return [metricSlot.get(`${spec.name}_seconds`) as number];
  return [slot];
}

/** Index of each endpoint in the registry's order. */
export const endpointSlot: ReadonlyMap<string, number> = new Map(
  endpointNames.map((name, index) => [name, index]),
);

/**
 * For each endpoint (by slot), a flag per metric slot telling whether the endpoint measures it:
 * its registry metrics, and the engine's metrics for usage endpoints (they are priced).
 */
export const endpointDefinesMetric: readonly Uint8Array[] = endpointNames.map((name) => {
  const flags = new Uint8Array(allMetrics.length);
  for (const field of endpoints[name].metrics as readonly MetricField[]) {
    flags[metricSlot.get(field.name) as number] = 1;
  }
  if (endpoints[name].kind === 'usage') {
    for (const info of ENGINE_METRICS) flags[metricSlot.get(info.name) as number] = 1;
  }
  return flags;
});

/**
 * Tells whether a string is a registry dimension.
 *
 * @param name The string to check.
 *
 * @returns Whether it names a dimension.
 */
export function isDimension(name: string): name is Dimension {
  return dimensionSlot.has(name);
}

/**
 * Tells whether a string is a registry metric.
 *
 * @param name The string to check.
 *
 * @returns Whether it names a metric.
 */
export function isMetricName(name: string): name is MetricName {
  const slot = metricSlot.get(name);
  return slot !== undefined && slot < allMetrics.length;
}

/**
 * The metric fields of an endpoint, typed loosely.
 *
 * @param endpoint The endpoint.
 *
 * @returns Its metric fields.
 */
export function metricFieldsOf(endpoint: EndpointName): readonly MetricField[] {
  return endpoints[endpoint].metrics as readonly MetricField[];
}

/**
 * The dimensions of an endpoint, typed loosely.
 *
 * @param endpoint The endpoint.
 *
 * @returns Its dimensions.
 */
export function dimensionsOf(endpoint: EndpointName): readonly Dimension[] {
  return endpoints[endpoint].dimensions as readonly Dimension[];
}
