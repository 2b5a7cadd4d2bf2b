import type { EndpointName } from '@usagekit/schemas';
import type { CodeArray } from './code-array';
import type { DimensionDictionary } from './dimension-dictionary';
import { allMetrics, metricSlot } from './fields';
import type { MetricColumn, MetricValues } from './metric-column';
import type {
  ReaderPlan,
  RejectDimension,
  RereadResult,
  ResultsReader,
  StoreMetric,
  WidenCodes,
} from './result-reader';

/** What a table reads for one endpoint: every stored field, and the result shapes seen so far. */
export interface EndpointReading {
  readonly endpoint: EndpointName;
  readonly slot: number;
  /** Every stored field of the endpoint: the plan for re-reads and the keyed reader. */
  readonly fullPlan: ReaderPlan;
  readonly fullDimensionSlots: readonly number[];
  readonly fullMetricSlots: readonly number[];
  readonly shapes: Map<string, ShapeReading>;
  /** The shape of the bucket read last: consecutive buckets almost always share it. */
  lastShape: ShapeReading | undefined;
}

/** How a table reads buckets whose first result has one set of keys. */
export interface ShapeReading {
  /** The first result's own keys, in order: what identifies the shape. */
  readonly keys: readonly string[];
  readonly plan: ReaderPlan;
  readonly reader: ResultsReader;
  readonly dimensionSlots: readonly number[];
  readonly metricSlots: readonly number[];
  /** Stored metric slots this shape does not read: absent for every new row. */
  readonly unreadMetricSlots: readonly number[];
  /** The reader's arguments, in plan order, refreshed per bucket (arrays move when they grow). */
  readonly codes: CodeArray[];
  readonly dictionaries: readonly DimensionDictionary[];
  readonly columns: readonly MetricColumn[];
  readonly values: Array<MetricValues>;
  readonly absents: Uint8Array[];
  /** The reader's callbacks, made once per shape (they read the bucket from the table). */
  readonly storeMetric: StoreMetric;
  readonly rejectDimension: RejectDimension;
  readonly widen: WidenCodes;
  readonly reread: RereadResult;
}

/** Signature of every shape when the keyed reader is forced (it reads any shape). */
const KEYED_SIGNATURE = '*keyed*';

/**
 * Returns the keys that identify a bucket's shape: its first result's own keys, in order.
 *
 * @param first The bucket's first result.
 * @param keyed Whether the keyed reader is forced (every bucket then has one shape).
 *
 * @returns The keys.
 */
export function shapeKeys(first: unknown, keyed: boolean): string[] {
  return first !== null && typeof first === 'object' && !keyed
    ? Object.keys(first)
    : [KEYED_SIGNATURE];
}

/**
 * Tells whether a result has exactly the own keys of a known shape, in the same order, without
 * allocating (`for...in` walks the object's cached key list).
 *
 * @param result A bucket's first result.
 * @param keys The keys of a known shape (from {@link shapeKeys}).
 * @param keyed Whether the keyed reader is forced.
 *
 * @returns Whether the result has that shape.
 */
export function sameKeys(result: unknown, keys: readonly string[], keyed: boolean): boolean {
  if (keyed) return keys[0] === KEYED_SIGNATURE;
  if (result === null || typeof result !== 'object') return false;
  let index = 0;
  for (const key in result) {
    if (!Object.hasOwn(result, key) || key !== keys[index]) return false;
    index += 1;
  }
  return index === keys.length;
}

/**
 * Plans the reading of one shape: the stored fields its first result has are read with named
 * loads, those it lacks are watched (a later result that has one is read again in full), and
 * metrics that are scaled or nested always go through the slow store.
 *
 * @param fullPlan Every stored field of the endpoint.
 * @param keys The shape's keys (from {@link shapeKeys}).
 * @param keyed Whether the keyed reader is forced: it reads every field of every result.
 *
 * @returns The shape's plan.
 */
export function planShape(
  fullPlan: ReaderPlan,
  keys: readonly string[],
  keyed: boolean,
): ReaderPlan {
  const present = new Set(keys);
  const dimensions = keyed
    ? fullPlan.dimensions
    : fullPlan.dimensions.filter((name) => present.has(name));
  const metrics = keyed
    ? fullPlan.metrics
    : fullPlan.metrics.filter((field) => present.has(field.path[0]));
  const watched = keyed
    ? []
    : [
        ...new Set([
          ...fullPlan.dimensions.filter((name) => !present.has(name)),
          ...fullPlan.metrics
            .filter((field) => !present.has(field.path[0]))
            .map((field) => field.path[0]),
        ]),
      ];
  const slowMetrics = new Set<number>();
  metrics.forEach((field, index) => {
    const spec = allMetrics[metricSlot.get(field.name) as number];
    if (spec === undefined || spec.scale !== 1 || field.path.length > 1) slowMetrics.add(index);
  });
  return { dimensions, metrics, slowMetrics, watched };
}
