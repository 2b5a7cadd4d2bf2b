import {
  type EndpointName,
  type Endpoints,
  endpointNames,
  endpoints,
  type MetricField,
  type MetricUnit,
} from '@usagekit/schemas';

/** A grouping field of any endpoint in the registry (a `group_by` value). */
export type Dimension = Endpoints[EndpointName]['dimensions'][number];

/** A dimension, or the pseudo-dimension `endpoint` (which endpoint a row came from). */
export type GroupDimension = Dimension | 'endpoint';

/** A counter of any endpoint in the registry, for example `input_tokens` or `amount_value`. */
export type MetricName = Endpoints[EndpointName]['metrics'][number]['name'];

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

/** One metric as the table stores it, merged over every endpoint that reports it. */
export interface MetricSpec {
  readonly name: MetricName;
  readonly unit: MetricUnit;
  /** Whether stored values must be integers (everything but `quantity`). */
  readonly integral: boolean;
  /** Stored value = reported value times this (money: micro-units). */
  readonly scale: number;
}

/** Every dimension of the registry, in first-seen registry order. */
export const allDimensions: readonly Dimension[] = [
  ...new Set(endpointNames.flatMap((name) => endpoints[name].dimensions as readonly Dimension[])),
];

/** Every metric of the registry, in first-seen registry order. */
export const allMetrics: readonly MetricSpec[] = (() => {
  const byName = new Map<string, MetricSpec>();
  for (const name of endpointNames) {
    for (const field of endpoints[name].metrics as readonly MetricField[]) {
      if (byName.has(field.name)) continue;
      byName.set(field.name, {
        name: field.name as MetricName,
        unit: field.unit,
        integral: field.unit !== 'quantity' && field.unit !== 'currency',
        scale: field.unit === 'currency' ? MONEY_SCALE : 1,
      });
    }
  }
  return [...byName.values()];
})();

/** Slot of each dimension in {@link allDimensions}. */
export const dimensionSlot: ReadonlyMap<string, number> = new Map(
  allDimensions.map((name, index) => [name, index]),
);

/** Slot of each metric in {@link allMetrics}. */
export const metricSlot: ReadonlyMap<string, number> = new Map(
  allMetrics.map((spec, index) => [spec.name, index]),
);

/** Index of each endpoint in the registry's order. */
export const endpointSlot: ReadonlyMap<string, number> = new Map(
  endpointNames.map((name, index) => [name, index]),
);

/**
 * For each endpoint (by slot), a flag per metric slot telling whether the endpoint reports it.
 */
export const endpointDefinesMetric: readonly Uint8Array[] = endpointNames.map((name) => {
  const flags = new Uint8Array(allMetrics.length);
  for (const field of endpoints[name].metrics as readonly MetricField[]) {
    flags[metricSlot.get(field.name) as number] = 1;
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
  return metricSlot.has(name);
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
