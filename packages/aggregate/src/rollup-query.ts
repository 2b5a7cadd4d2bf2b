import { type EndpointName, endpointNames, isEndpointName } from '@usagekit/schemas';
import { type DerivedMetric, type ResolvedDerived, resolveDerived } from './derived-metrics';
import { RollupQueryError } from './errors';
import {
  allColumns,
  allDimensions,
  allMetrics,
  columnsOfMetric,
  type DimensionValue,
  dimensionSlot,
  endpointDefinesMetric,
  endpointSlot,
  type GroupDimension,
  isDimension,
  isMetricName,
  type MetricName,
  metricSlot,
} from './fields';
import { assertGrain, assertWeekday, type Grain, type Weekday } from './period-calendar';
import type { ColumnarUsageTable } from './usage-table';

/** Keeps (`include`) or drops (`exclude`) rows by a dimension's value; `null` is "not grouped". */
export interface DimensionFilter {
  /** Keep only rows whose value is one of these. */
  include?: readonly DimensionValue[] | undefined;
  /** Drop rows whose value is one of these. */
  exclude?: readonly DimensionValue[] | undefined;
}

/** A time range. @unit Unix seconds */
export interface TimeRange {
  /** Inclusive. */
  start: number;
  /** Exclusive. */
  end: number;
}

/** Keep the `n` largest groups by a metric and fold the rest into one row per period. */
export interface TopOption {
  /** How many groups to keep. */
  n: number;
  /** The metric that ranks groups (its total over every period). */
  metric: MetricName;
  /**
   * The value every grouped dimension takes in the folded row.
   * @default 'other'
   */
  otherLabel?: string | undefined;
}

/** What to roll up, by what, over which time grain. */
export interface RollupQuery {
  /**
   * Endpoints to include.
   * @default every endpoint that has rows
   */
  endpoints?: readonly EndpointName[] | undefined;
  /** Dimensions to group by, in output order; `endpoint` groups by source endpoint. */
  by: readonly GroupDimension[];
  /** The time grain. */
  grain: Grain;
  /**
   * IANA time zone of days, weeks, months, quarters and years.
   * @default 'UTC'
   */
  timeZone?: string | undefined;
  /**
   * First day of a week: 0 Sunday ... 6 Saturday.
   * @default 1 (Monday, ISO 8601)
   */
  weekStartsOn?: Weekday | undefined;
  /**
   * Metrics to sum.
   * @default every metric of the selected endpoints
   */
  metrics?: readonly MetricName[] | undefined;
  /** Include/exclude filters by dimension (or `endpoint`). */
  filters?: Partial<Record<GroupDimension, DimensionFilter>> | undefined;
  /** Only buckets that start in this range. */
  range?: TimeRange | undefined;
  /** Keep the top groups and fold the rest into an "other" row. */
  top?: TopOption | undefined;
  /**
   * Add subtotal rows for each prefix of `by`, a total per period, and a grand total.
   * @default false
   */
  subtotals?: boolean | undefined;
  /**
   * Emit a zero row for every period of the range (or of the data) and every group, for charts.
   * @default false
   */
  fill?: boolean | undefined;
  /** Ratios computed from the sums. */
  derived?: readonly DerivedMetric[] | undefined;
}

/** A validated query, resolved against a table. */
export interface QueryPlan {
  readonly endpointSelected: Uint8Array;
  readonly by: readonly GroupDimension[];
  /** Dimension slot per `by` entry, -1 for `endpoint`. */
  readonly bySlots: readonly number[];
  readonly grain: Grain;
  readonly timeZone: string;
  readonly weekStartsOn: Weekday;
  /** Metrics shown in the result. */
  readonly metrics: readonly MetricName[];
  /** Metrics summed (shown ones plus those derived metrics and top-N need). */
  readonly summed: readonly MetricName[];
  /** Column slots the grouping pass sums (see `columnsOfMetric`), each once. */
  readonly columns: readonly number[];
  /** Per summed metric: positions of its columns in `columns`. */
  readonly columnsOf: readonly (readonly number[])[];
  /** Per dimension slot: allowed codes (1 = keep), only for filtered dimensions. */
  readonly allowedCodes: ReadonlyMap<number, Uint8Array>;
  readonly range: TimeRange | undefined;
  readonly top: { n: number; metric: MetricName; otherLabel: string } | undefined;
  readonly subtotals: boolean;
  readonly fill: boolean;
  readonly derived: readonly ResolvedDerived[];
}

/** Row fields every result row has; no derived metric may use these names. */
const ROW_FIELDS = ['period_start', 'period_end', 'row_kind', 'endpoint'] as const;

function filterValues(value: unknown, field: string): readonly DimensionValue[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new RollupQueryError('must be an array of values', field);
  value.forEach((item, index) => {
    if (item !== null && typeof item !== 'string' && typeof item !== 'boolean') {
      throw new RollupQueryError('values must be strings, booleans or null', `${field}[${index}]`);
    }
  });
  return value as DimensionValue[];
}

/**
 * Validates a query against a table and resolves names to slots and codes.
 *
 * @param table The table.
 * @param query The query.
 *
 * @returns The plan.
 */
export function planQuery(table: ColumnarUsageTable, query: RollupQuery): QueryPlan {
  if (query === null || typeof query !== 'object') {
    throw new RollupQueryError('a query must be an object', 'query');
  }
  const grain = assertGrain(query.grain);
  const weekStartsOn = assertWeekday(query.weekStartsOn ?? 1);
  const timeZone = query.timeZone ?? 'UTC';
  if (typeof timeZone !== 'string')
    throw new RollupQueryError('must be an IANA zone name', 'timeZone');

  const endpointSelected = new Uint8Array(endpointNames.length);
  const endpointList = query.endpoints ?? table.endpoints();
  if (!Array.isArray(endpointList)) throw new RollupQueryError('must be an array', 'endpoints');
  endpointList.forEach((name, index) => {
    if (typeof name !== 'string' || !isEndpointName(name)) {
      throw new RollupQueryError(
        `unknown endpoint "${String(name)}"; allowed: ${endpointNames.join(', ')}`,
        `endpoints[${index}]`,
      );
    }
    endpointSelected[endpointSlot.get(name) as number] = 1;
  });

  const by = query.by ?? [];
  if (!Array.isArray(by)) throw new RollupQueryError('must be an array of dimensions', 'by');
  const bySlots = by.map((name, index) => {
    if (name === 'endpoint') return -1;
    if (typeof name !== 'string' || !isDimension(name)) {
      throw new RollupQueryError(
        `unknown dimension "${String(name)}"; allowed: endpoint, ${allDimensions.join(', ')}`,
        `by[${index}]`,
      );
    }
    const slot = dimensionSlot.get(name) as number;
    if (table.dimensionStored[slot] !== 1) {
      throw new RollupQueryError(
        `"${name}" is not stored in this table (it stores ${table.storedDimensions.join(', ') || 'no dimensions'})`,
        `by[${index}]`,
      );
    }
    return slot;
  });
  if (new Set(by).size !== by.length) throw new RollupQueryError('lists a dimension twice', 'by');

  let metrics: MetricName[];
  if (query.metrics === undefined) {
    metrics = allMetrics
      .map((spec, slot) => ({ spec, slot }))
      .filter(
        ({ slot }) =>
          table.metricStored[slot] === 1 &&
          endpointDefinesMetric.some(
            (defines, endpoint) => endpointSelected[endpoint] === 1 && defines[slot] === 1,
          ),
      )
      .map(({ spec }) => spec.name as MetricName);
  } else {
    if (!Array.isArray(query.metrics)) throw new RollupQueryError('must be an array', 'metrics');
    metrics = query.metrics.map((name, index) => {
      if (typeof name !== 'string' || !isMetricName(name)) {
        throw new RollupQueryError(
          `unknown metric "${String(name)}"; allowed: ${allMetrics.map((spec) => spec.name).join(', ')}`,
          `metrics[${index}]`,
        );
      }
      return name;
    });
  }

  const reserved = new Set<string>([
    ...ROW_FIELDS,
    ...allDimensions,
    ...allColumns.map((spec) => spec.name),
  ]);
  const derived = resolveDerived(query.derived, reserved);

  let top: QueryPlan['top'];
  if (query.top !== undefined) {
    const { n, metric, otherLabel } = query.top;
    if (!Number.isInteger(n) || n < 1)
      throw new RollupQueryError('must be an integer >= 1', 'top.n');
    if (typeof metric !== 'string' || !isMetricName(metric)) {
      throw new RollupQueryError(`unknown metric "${String(metric)}"`, 'top.metric');
    }
    if (otherLabel !== undefined && typeof otherLabel !== 'string') {
      throw new RollupQueryError('must be a string', 'top.otherLabel');
    }
    top = { n, metric, otherLabel: otherLabel ?? 'other' };
  }

  const summed = [
    ...new Set<MetricName>([
      ...metrics,
      ...derived.flatMap((entry) => [...entry.numerator, ...entry.denominator]),
      ...(top ? [top.metric] : []),
    ]),
  ];
  for (const name of summed) {
    if (table.metricStored[metricSlot.get(name) as number] !== 1) {
      throw new RollupQueryError(
        `metric "${name}" is not stored in this table (it stores ${table.storedMetrics.join(', ') || 'no metrics'}${name === 'estimated_cost' || name === 'unpriced_results' ? '; create it with a pricer' : ''})`,
        'metrics',
      );
    }
  }

  const columns = [
    ...new Set(summed.flatMap((name) => columnsOfMetric(metricSlot.get(name) as number))),
  ];
  const columnsOf = summed.map((name) =>
    columnsOfMetric(metricSlot.get(name) as number).map((slot) => columns.indexOf(slot)),
  );

  const allowedCodes = new Map<number, Uint8Array>();
  const filters = query.filters ?? {};
  if (filters === null || typeof filters !== 'object') {
    throw new RollupQueryError('must be an object keyed by dimension', 'filters');
  }
  for (const name of Object.keys(filters)) {
    const filter = (filters as Record<string, DimensionFilter | undefined>)[name];
    if (filter === undefined) continue;
    const include = filterValues(filter.include, `filters.${name}.include`);
    const exclude = filterValues(filter.exclude, `filters.${name}.exclude`);
    if (name === 'endpoint') {
      endpointNames.forEach((endpoint, index) => {
        if (include !== undefined && !include.includes(endpoint)) endpointSelected[index] = 0;
        if (exclude?.includes(endpoint)) endpointSelected[index] = 0;
      });
      continue;
    }
    if (!isDimension(name)) {
      throw new RollupQueryError(
        `unknown dimension "${name}"; allowed: endpoint, ${allDimensions.join(', ')}`,
        `filters.${name}`,
      );
    }
    const slot = dimensionSlot.get(name) as number;
    if (table.dimensionStored[slot] !== 1) {
      throw new RollupQueryError(`"${name}" is not stored in this table`, `filters.${name}`);
    }
    const dictionary = table.dictionaries[slot];
    if (dictionary === undefined) continue;
    const allowed = new Uint8Array(dictionary.size).fill(include === undefined ? 1 : 0);
    for (const value of include ?? []) {
      const code = dictionary.lookup(value);
      if (code >= 0) allowed[code] = 1;
    }
    for (const value of exclude ?? []) {
      const code = dictionary.lookup(value);
      if (code >= 0) allowed[code] = 0;
    }
    allowedCodes.set(slot, allowed);
  }

  let range: TimeRange | undefined;
  if (query.range !== undefined) {
    const { start, end } = query.range;
    if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) {
      throw new RollupQueryError('needs finite start < end (Unix seconds)', 'range');
    }
    range = { start, end };
  }

  return {
    endpointSelected,
    by,
    bySlots,
    grain,
    timeZone,
    weekStartsOn,
    metrics,
    summed,
    columns,
    columnsOf,
    allowedCodes,
    range,
    top,
    subtotals: query.subtotals === true,
    fill: query.fill === true,
    derived,
  };
}
