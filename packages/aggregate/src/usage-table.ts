import {
  type EndpointName,
  endpointNames,
  isEndpointName,
  type MetricField,
} from '@usagekit/schemas';
import { checkBucket, resultsOf } from './bucket-input';
import { allocateCodes, type CodeArray, codeBytesFor, widenCodes } from './code-array';
import { ColumnArena } from './column-arena';
import { DimensionDictionary, NULL_CODE } from './dimension-dictionary';
import { UsageAggregateError, UsageDataError } from './errors';
import {
  allColumns,
  allDimensions,
  allMetrics,
  COST_PICOS_SLOT,
  type Dimension,
  type DimensionValue,
  dimensionSlot,
  dimensionsOf,
  endpointDefinesMetric,
  endpointSlot,
  isDimension,
  isMetricName,
  type MetricName,
  type MetricSpec,
  metricFieldsOf,
  metricSlot,
  PICOS_PER_MICRO,
} from './fields';
import { MetricColumn } from './metric-column';
import { storedMetricValue } from './metric-value';
import { type ResultPricer, wholeMicros } from './result-pricer';
import {
  createResultsReader,
  type ReaderTargets,
  type ResultsReader,
  readByKeys,
} from './result-reader';
import type {
  BucketInput,
  FieldCoverage,
  IngestOptions,
  IngestSummary,
  PageInput,
  UsageTable,
  UsageTableOptions,
} from './usage-table-api';

/** How a table reads buckets whose first result has one set of keys (a shape). */
interface ShapeReader {
  readonly read: ResultsReader;
  readonly targets: ReaderTargets;
  readonly dimensionSlots: readonly number[];
  readonly columns: readonly MetricColumn[];
}

function unknownName(kind: string, name: unknown, known: readonly string[]): string {
  return `unknown ${kind} "${String(name)}"; known: ${known.join(', ')}`;
}

const METRIC_NAMES = allMetrics.map((spec) => spec.name as MetricName);
const ESTIMATED_COST_SLOT = metricSlot.get('estimated_cost') as number;
const UNPRICED_SLOT = metricSlot.get('unpriced_results') as number;
/** Per level metric: its slot and the slot of its value-times-seconds column. */
const LEVEL_SLOTS = allMetrics.flatMap((spec, slot) =>
  spec.aggregation === 'level'
    ? [{ slot, secondsSlot: metricSlot.get(`${spec.name}_seconds`) as number }]
    : [],
);

/**
 * The table's columns and ingestion. Not exported from the package: {@link createUsageTable}
 * hands out a read-only view of it, and the roll-up functions read its columns directly.
 */
export class ColumnarUsageTable {
  readonly storedDimensions: readonly Dimension[];
  readonly storedMetrics: readonly MetricName[];
  /** Per dimension slot: whether it is stored. */
  readonly dimensionStored: Uint8Array;
  /** Per metric slot: whether it is stored. */
  readonly metricStored: Uint8Array;
  readonly dictionaries: readonly DimensionDictionary[] = allDimensions.map(
    () => new DimensionDictionary(),
  );
  /** Per dimension slot: codes (widened as the dictionary grows), or null while never read. */
  readonly codes: Array<CodeArray | null> = allDimensions.map(() => null);
  /** Per column slot (see `allColumns`): its column, or null while never written. */
  readonly metrics: Array<MetricColumn | null> = allColumns.map(() => null);
  /** Per row: its bucket. */
  rowBucket: Int32Array;
  rowCount = 0;
  capacity: number;
  /** Moves on every change to rows: copies of columns made at one version are stale at the next. */
  version = 0;
  /** Per bucket: start and end (Unix seconds), endpoint slot, live rows and row ranges. */
  readonly bucketStart: number[] = [];
  readonly bucketEnd: number[] = [];
  readonly bucketEndpoint: number[] = [];
  readonly bucketRows: number[] = [];
  /** Row ranges `[start, end, start, end, ...]` per bucket. */
  readonly bucketRanges: number[][] = [];

  /** Bucket id by `endpoint:start:end:groupingMask`. */
  readonly #bucketIds = new Map<string, number>();
  readonly #replace: 'groups' | 'buckets';
  readonly #pricer: ResultPricer | undefined;
  /** What the pricer writes for one result (reused). */
  readonly #priced = new Float64Array(2);
  /** Readers by endpoint and shape, and the one read last (consecutive buckets share it). */
  readonly #readers = new Map<string, ShapeReader>();
  #lastReader: { readonly key: string; readonly reader: ShapeReader } | undefined;
  readonly #groupings = new Map<string, number>();
  readonly #warnings = new Set<string>();
  #dead: Uint8Array | null = null;
  #deadCount = 0;
  // The bucket being read, for error paths (a path string is only built for an error).
  #basePath = '';
  #bucketIndex = 0;
  #results: readonly unknown[] = [];
  #rowStart = 0;

  constructor(options: UsageTableOptions = {}) {
    const dimensions = options.dimensions ?? allDimensions;
    dimensions.forEach((name, index) => {
      if (!isDimension(name)) {
        const message = unknownName('dimension', name, allDimensions);
        throw new UsageAggregateError(`dimensions[${index}]: ${message}`);
      }
    });
    this.#pricer = options.pricer;
    const priced = (slot: number) => slot < ESTIMATED_COST_SLOT || this.#pricer !== undefined;
    const metrics = options.metrics ?? METRIC_NAMES.filter((_, slot) => priced(slot));
    metrics.forEach((name, index) => {
      if (!isMetricName(name)) {
        throw new UsageAggregateError(
          `metrics[${index}]: ${unknownName('metric', name, METRIC_NAMES)}`,
        );
      }
      if (!priced(metricSlot.get(name) as number)) {
        throw new UsageAggregateError(`metrics[${index}]: "${name}" needs a pricer`);
      }
    });
    this.storedDimensions = Object.freeze(
      allDimensions.filter((name) => dimensions.includes(name)),
    );
    this.storedMetrics = Object.freeze(METRIC_NAMES.filter((name) => metrics.includes(name)));
    this.dimensionStored = Uint8Array.from(allDimensions, (name) =>
      dimensions.includes(name) ? 1 : 0,
    );
    this.metricStored = Uint8Array.from(METRIC_NAMES, (name) => (metrics.includes(name) ? 1 : 0));
    const partial = this.storedDimensions.length < allDimensions.length;
    this.#replace = partial ? 'buckets' : (options.replace ?? 'groups');
    this.capacity = Math.max(16, Math.floor(options.initialCapacity ?? 1024));
    this.rowBucket = new Int32Array(this.capacity);
  }

  get bucketCount(): number {
    return this.bucketStart.length;
  }

  ingestPage(endpoint: EndpointName, page: PageInput, options: IngestOptions = {}): IngestSummary {
    if (page === null || typeof page !== 'object' || !Array.isArray(page.data)) {
      throw new UsageDataError('a page must be an object with a "data" array of buckets', 'data');
    }
    return this.#ingest(endpoint, page.data, options, 'data');
  }

  ingestBuckets(
    endpoint: EndpointName,
    buckets: readonly BucketInput[],
    options: IngestOptions = {},
  ): IngestSummary {
    if (!Array.isArray(buckets)) throw new UsageDataError('buckets must be an array', 'buckets');
    return this.#ingest(endpoint, buckets, options, 'buckets');
  }

  endpoints(): EndpointName[] {
    const present = new Set<number>();
    this.bucketRows.forEach((rows, bucket) => {
      if (rows > 0) present.add(this.bucketEndpoint[bucket] as number);
    });
    return endpointNames.filter((_, index) => present.has(index));
  }

  coverage(endpoint: EndpointName, metric: MetricName): FieldCoverage {
    const endpointIndex = this.#endpointSlot(endpoint);
    const slot = metricSlot.get(metric);
    if (slot === undefined)
      throw new UsageAggregateError(unknownName('metric', metric, METRIC_NAMES));
    let rows = 0;
    let absent = 0;
    const column = this.metrics[slot];
    const reports = endpointDefinesMetric[endpointIndex]?.[slot] === 1 && column;
    this.bucketRanges.forEach((ranges, bucket) => {
      if (this.bucketEndpoint[bucket] !== endpointIndex) return;
      rows += this.bucketRows[bucket] as number;
      for (let index = 0; index < ranges.length; index += 2) {
        for (let row = ranges[index] as number; row < (ranges[index + 1] as number); row += 1) {
          if (!reports || column.isAbsent(row)) absent += 1;
        }
      }
    });
    return { rows, reported: rows - absent, absent };
  }

  memoryBytes(): number {
    let bytes = this.rowBucket.byteLength + this.bucketCount * 128;
    for (const codes of this.codes) bytes += codes?.byteLength ?? 0;
    for (const column of this.metrics) bytes += column?.byteLength ?? 0;
    for (const dictionary of this.dictionaries) {
      // A Map entry, an array slot and the string itself (one byte a character, 16 of header).
      for (const value of dictionary.values)
        bytes += typeof value === 'string' ? 40 + value.length : 8;
    }
    return bytes;
  }

  dimensionValues(dimension: Dimension): DimensionValue[] {
    const slot = dimensionSlot.get(dimension);
    if (slot === undefined)
      throw new UsageAggregateError(unknownName('dimension', dimension, allDimensions));
    const dictionary = this.dictionaries[slot] as DimensionDictionary;
    const codes = this.codes[slot];
    if (codes === null || codes === undefined) return this.rowCount > 0 ? [null] : [];
    const used = new Uint8Array(dictionary.size);
    for (let row = 0; row < this.rowCount; row += 1) used[codes[row] as number] = 1;
    return dictionary.values.filter((_, code) => used[code] === 1);
  }

  warnings(): string[] {
    return [...this.#warnings];
  }

  #dimensionCodes(slot: number): CodeArray {
    let codes = this.codes[slot];
    if (codes === null || codes === undefined) {
      const size = (this.dictionaries[slot] as DimensionDictionary).size;
      codes = allocateCodes(codeBytesFor(size), this.capacity);
      this.codes[slot] = codes;
    }
    return codes;
  }

  #metricColumn(slot: number): MetricColumn {
    let column = this.metrics[slot];
    if (column === null || column === undefined) {
      // Every row read before lacks the metric.
      column = new MetricColumn(allColumns[slot] as MetricSpec, this.capacity, this.rowCount);
      this.metrics[slot] = column;
    }
    return column;
  }

  #endpointSlot(endpoint: EndpointName): number {
    if (typeof endpoint !== 'string' || !isEndpointName(endpoint)) {
      throw new UsageAggregateError(unknownName('endpoint', endpoint, endpointNames));
    }
    return endpointSlot.get(endpoint) as number;
  }

  /**
   * The reader of an endpoint's buckets whose first result has `keys`: named loads of the stored
   * fields it has; a later result with a field it lacks is read again in full.
   */
  #reader(endpoint: EndpointName, keys: string[]): ShapeReader {
    const key = `${endpoint}:${keys.join(',')}`;
    if (this.#lastReader?.key === key) return this.#lastReader.reader;
    let reader = this.#readers.get(key);
    if (reader === undefined) {
      const present = new Set(keys);
      const dimensions = dimensionsOf(endpoint).filter(
        (name) => this.dimensionStored[dimensionSlot.get(name) as number] === 1,
      );
      const fields = metricFieldsOf(endpoint).filter(
        (field) => this.metricStored[metricSlot.get(field.name) as number] === 1,
      );
      const full = this.#targets(dimensions, fields);
      const plan = {
        dimensions: dimensions.filter((name) => present.has(name)),
        metrics: fields.filter((field) => present.has(field.path[0])),
        watched: [
          ...dimensions.filter((name) => !present.has(name)),
          ...fields.filter((field) => !present.has(field.path[0])).map((field) => field.path[0]),
        ],
      };
      const shape = this.#targets(plan.dimensions, plan.metrics);
      // Scaled (money) and nested values are checked and stored one by one.
      const slowMetrics = new Set<number>();
      plan.metrics.forEach((field, index) => {
        if (shape.columns[index]?.spec.scale !== 1 || field.path.length > 1) slowMetrics.add(index);
      });
      const fullPlan = { dimensions, metrics: fields, slowMetrics: new Set<number>(), watched: [] };
      const targets: ReaderTargets = {
        ...shape.targets,
        reread: (resultIndex) => {
          this.#refresh(full);
          const result = this.#results[resultIndex];
          readByKeys(fullPlan, [result], this.#rowStart + resultIndex, {
            ...full.targets,
            // Paths count from the bucket's first result.
            storeMetric: (position, row, _, value) =>
              full.targets.storeMetric(position, row, resultIndex, value),
            rejectDimension: (position, _, value) =>
              full.targets.rejectDimension(position, resultIndex, value),
          });
        },
      };
      reader = { ...shape, read: createResultsReader({ ...plan, slowMetrics }), targets };
      this.#readers.set(key, reader);
    }
    this.#lastReader = { key, reader };
    return reader;
  }

  /** Columns and callbacks a reader of these fields writes through. */
  #targets(
    dimensions: readonly string[],
    fields: readonly MetricField[],
  ): Omit<ShapeReader, 'read'> {
    const dimensionSlots = dimensions.map((name) => dimensionSlot.get(name) as number);
    const columns = fields.map((field) => this.#metricColumn(metricSlot.get(field.name) as number));
    const codes = dimensionSlots.map((slot) => this.#dimensionCodes(slot));
    const resultPath = (resultIndex: number) => this.#resultPath(resultIndex);
    const targets: ReaderTargets = {
      codes,
      dictionaries: dimensionSlots.map((slot) => this.dictionaries[slot] as DimensionDictionary),
      values: columns.map((column) => column.values),
      absents: columns.map((column) => column.absent),
      storeMetric: (position, row, resultIndex, value) => {
        const column = columns[position] as MetricColumn;
        const field = fields[position] as MetricField;
        const stored = storedMetricValue(column.spec, field, value, resultPath, resultIndex);
        if (stored !== undefined) return column.store(row, stored);
        column.markAbsent(row, row + 1);
        return column.values;
      },
      rejectDimension: (position, resultIndex, value) => {
        const path = resultPath(resultIndex);
        if (position < 0) throw new UsageDataError('a result must be an object', path);
        throw new UsageDataError(
          `a grouping field must be a string, a boolean or null, not ${typeof value}`,
          `${path}.${dimensions[position]}`,
        );
      },
      widen: (position) => {
        const slot = dimensionSlots[position] as number;
        const size = (this.dictionaries[slot] as DimensionDictionary).size;
        const widened = widenCodes(this.#dimensionCodes(slot), size);
        this.codes[slot] = widened;
        codes[position] = widened;
        return widened;
      },
      reread: () => {},
    };
    return { targets, dimensionSlots, columns };
  }

  /** Points a reader at the current arrays: columns move when they grow or widen. */
  #refresh({ targets, dimensionSlots, columns }: Omit<ShapeReader, 'read'>): void {
    dimensionSlots.forEach((slot, position) => {
      targets.codes[position] = this.#dimensionCodes(slot);
    });
    columns.forEach((column, position) => {
      targets.values[position] = column.values;
      targets.absents[position] = column.absent;
    });
  }

  #resultPath(resultIndex: number): string {
    return `${this.#basePath}[${this.#bucketIndex}].results[${resultIndex}]`;
  }

  /** Grows every column to hold `rows`, in one allocation. */
  #ensureCapacity(rows: number): void {
    if (rows <= this.capacity) return;
    let capacity = this.capacity;
    while (capacity < rows) capacity *= 2;
    let bytes = ColumnArena.size(capacity * 4) + (this.#dead ? ColumnArena.size(capacity) : 0);
    for (const codes of this.codes)
      bytes += codes ? ColumnArena.size(capacity * codes.BYTES_PER_ELEMENT) : 0;
    for (const column of this.metrics) bytes += column?.arenaBytes(capacity) ?? 0;
    const arena = new ColumnArena(bytes);
    const grow = <TArray extends CodeArray>(array: TArray): TArray => {
      const grown = allocateCodes(array.BYTES_PER_ELEMENT, capacity, arena) as TArray;
      grown.set(array);
      return grown;
    };
    this.rowBucket = grow(this.rowBucket);
    this.codes.forEach((codes, slot) => {
      if (codes) this.codes[slot] = grow(codes);
    });
    for (const column of this.metrics) column?.grow(capacity, arena);
    if (this.#dead) this.#dead = grow(this.#dead);
    this.capacity = capacity;
  }

  #ingest(
    endpoint: EndpointName,
    buckets: readonly BucketInput[],
    options: IngestOptions,
    basePath: string,
  ): IngestSummary {
    const endpointIndex = this.#endpointSlot(endpoint);
    const dimensionSlots = dimensionsOf(endpoint)
      .map((name) => dimensionSlot.get(name) as number)
      .filter((slot) => this.dimensionStored[slot] === 1);
    const requestedMask = this.#groupByMask(endpoint, options.groupBy);
    const summary = { buckets: 0, results: 0, appended: 0, replaced: 0, removed: 0 };
    this.version += 1;
    // Grow once for the whole call, not bucket by bucket.
    let incoming = 0;
    for (const bucket of buckets) incoming += resultsOf(bucket)?.length ?? 0;
    this.#ensureCapacity(this.rowCount + incoming);
    this.#basePath = basePath;
    try {
      buckets.forEach((bucket, bucketIndex) => {
        this.#bucketIndex = bucketIndex;
        const { start, end, results } = checkBucket(bucket, basePath, bucketIndex);
        summary.buckets += 1;
        summary.results += results.length;
        const rowStart = this.rowCount;
        this.#readBucket(endpoint, start, end, results, rowStart);
        const rowEnd = rowStart + results.length;
        const mask = requestedMask ?? this.#observedMask(dimensionSlots, rowStart, rowEnd);
        this.#placeBucket(endpointIndex, start, end, mask, rowStart, rowEnd, summary);
      });
    } finally {
      this.#compact();
    }
    return Object.freeze(summary);
  }

  #groupByMask(
    endpoint: EndpointName,
    groupBy: readonly Dimension[] | undefined,
  ): number | undefined {
    if (groupBy === undefined) return undefined;
    const allowed = dimensionsOf(endpoint);
    return groupBy.reduce((mask, name, index) => {
      if (!allowed.includes(name)) {
        throw new UsageAggregateError(
          `groupBy[${index}]: "${String(name)}" is not a dimension of ${endpoint}; allowed: ${allowed.join(', ')}`,
        );
      }
      return mask + 2 ** (dimensionSlot.get(name) as number);
    }, 0);
  }

  /** Which dimensions are non-null in some row of a bucket (its grouping when none is given). */
  #observedMask(slots: readonly number[], rowStart: number, rowEnd: number): number {
    let mask = 0;
    for (const slot of slots) {
      const codes = this.codes[slot];
      if (!codes) continue;
      for (let row = rowStart; row < rowEnd; row += 1) {
        if (codes[row] !== NULL_CODE) {
          mask += 2 ** slot;
          break;
        }
      }
    }
    return mask;
  }

  #readBucket(
    endpoint: EndpointName,
    start: number,
    end: number,
    results: readonly unknown[],
    rowStart: number,
  ): void {
    const first = results[0];
    const keys = first !== null && typeof first === 'object' ? Object.keys(first) : [];
    const reader = this.#reader(endpoint, keys);
    this.#refresh(reader);
    // Stored metrics this shape does not read stay absent unless a re-read finds them.
    for (const column of this.metrics) {
      if (column && !reader.columns.includes(column))
        column.markAbsent(rowStart, rowStart + results.length);
    }
    this.#results = results;
    this.#rowStart = rowStart;
    try {
      reader.read(results, rowStart, reader.targets);
      this.rowCount = rowStart + results.length;
      this.#computeColumns(endpoint, start, end, results, rowStart);
    } catch (error) {
      // Rows past rowCount must stay clean: readers only set absent bits, never clear them.
      this.rowCount = rowStart;
      this.#clearRows(rowStart, rowStart + results.length);
      throw error;
    }
  }

  /**
   * Writes the columns the engine computes for a bucket's rows: each usage result priced once
   * (whole micro-USD and the pico remainder apart, so sums stay exact), and each level metric
   * times the bucket's seconds. They stay absent for endpoints that do not measure them.
   */
  #computeColumns(
    endpoint: EndpointName,
    start: number,
    end: number,
    results: readonly unknown[],
    rowStart: number,
  ): void {
    const defines = endpointDefinesMetric[endpointSlot.get(endpoint) as number] as Uint8Array;
    const pricer = this.#pricer;
    const wanted =
      this.metricStored[ESTIMATED_COST_SLOT] === 1 || this.metricStored[UNPRICED_SLOT] === 1;
    if (pricer !== undefined && wanted && defines[ESTIMATED_COST_SLOT] === 1) {
      const micros = this.#metricColumn(ESTIMATED_COST_SLOT);
      const picos = this.#metricColumn(COST_PICOS_SLOT);
      const unpriced = this.#metricColumn(UNPRICED_SLOT);
      const priced = this.#priced;
      for (let index = 0; index < results.length; index += 1) {
        priced[0] = 0;
        priced[1] = 0;
        pricer.price(endpoint, start, end, results[index] as Record<string, unknown>, priced);
        const amount = Math.round(priced[0] as number);
        if (!Number.isFinite(amount)) {
          throw new UsageAggregateError(
            `the pricer gave ${priced[0]} pico-USD for ${this.#resultPath(index)}; expected a finite number`,
          );
        }
        const whole = wholeMicros(amount);
        const row = rowStart + index;
        micros.store(row, whole);
        picos.store(row, amount - whole * PICOS_PER_MICRO);
        unpriced.store(row, priced[1] === 0 ? 0 : 1);
      }
    }
    for (const { slot, secondsSlot } of LEVEL_SLOTS) {
      const level = this.metrics[slot];
      if (defines[slot] !== 1 || !level || this.metricStored[slot] !== 1) continue;
      const seconds = this.#metricColumn(secondsSlot);
      for (let row = rowStart; row < rowStart + results.length; row += 1) {
        // Absent stays absent: reading the bucket marked every column it does not read.
        if (!level.isAbsent(row)) seconds.store(row, (level.values[row] as number) * (end - start));
      }
    }
  }

  #placeBucket(
    endpointIndex: number,
    start: number,
    end: number,
    mask: number,
    rowStart: number,
    rowEnd: number,
    summary: { appended: number; replaced: number; removed: number },
  ): void {
    const viewKey = `${endpointIndex}:${start}:${end}`;
    const knownMask = this.#groupings.get(viewKey);
    if (knownMask === undefined) this.#groupings.set(viewKey, mask);
    else if (knownMask !== mask) {
      this.#warnings.add(
        `${endpointNames[endpointIndex]} has buckets ingested with different groupings (for example the bucket starting ${new Date(start * 1000).toISOString()}); rolling them up together counts that usage once per grouping`,
      );
    }
    const key = `${viewKey}:${mask}`;
    let bucket = this.#bucketIds.get(key);
    if (bucket === undefined) {
      bucket = this.bucketCount;
      this.#bucketIds.set(key, bucket);
      this.bucketStart.push(start);
      this.bucketEnd.push(end);
      this.bucketEndpoint.push(endpointIndex);
      this.bucketRows.push(0);
      this.bucketRanges.push([]);
    } else if (this.#replace === 'groups') {
      this.rowBucket.fill(bucket, rowStart, rowEnd);
      this.#replaceGroups(bucket, rowStart, rowEnd, summary);
      return;
    }
    const ranges = this.bucketRanges[bucket] as number[];
    // A whole bucket that comes again replaces every old row of it.
    for (let index = 0; index < ranges.length; index += 2) {
      for (let row = ranges[index] as number; row < (ranges[index + 1] as number); row += 1) {
        this.#markDead(row);
        summary.removed += 1;
      }
    }
    ranges.length = 0;
    this.rowBucket.fill(bucket, rowStart, rowEnd);
    if (rowEnd > rowStart) ranges.push(rowStart, rowEnd);
    this.bucketRows[bucket] = rowEnd - rowStart;
    summary.appended += rowEnd - rowStart;
  }

  /** A key of a row's stored dimension codes: a number when it fits, a string otherwise. */
  #groupKey(row: number, slots: readonly number[]): number | string {
    let key = 0;
    let multiplier = 1;
    for (const slot of slots) {
      key += (this.codes[slot]?.[row] ?? NULL_CODE) * multiplier;
      multiplier *= (this.dictionaries[slot] as DimensionDictionary).size;
      if (multiplier > Number.MAX_SAFE_INTEGER) {
        return slots.map((each) => this.codes[each]?.[row] ?? NULL_CODE).join(',');
      }
    }
    return key;
  }

  /** Replaces the rows of a bucket whose group key comes again; appends the new groups. */
  #replaceGroups(
    bucket: number,
    rowStart: number,
    rowEnd: number,
    summary: { appended: number; replaced: number; removed: number },
  ): void {
    const slots = allDimensions
      .map((_, slot) => slot)
      .filter((slot) => this.dimensionStored[slot] === 1);
    const oldRows = new Map<number | string, number[]>();
    const ranges = this.bucketRanges[bucket] as number[];
    for (let index = 0; index < ranges.length; index += 2) {
      for (let row = ranges[index] as number; row < (ranges[index + 1] as number); row += 1) {
        const key = this.#groupKey(row, slots);
        oldRows.set(key, [...(oldRows.get(key) ?? []), row]);
      }
    }
    let kept = rowStart;
    for (let row = rowStart; row < rowEnd; row += 1) {
      const key = this.#groupKey(row, slots);
      const [first, ...others] = oldRows.get(key) ?? [];
      if (first === undefined) {
        if (kept !== row) this.#moveRow(row, kept);
        kept += 1;
        continue;
      }
      oldRows.delete(key);
      for (const column of this.metrics) column?.copyRow(row, first);
      for (const other of others) this.#markDead(other);
      this.bucketRows[bucket] = (this.bucketRows[bucket] as number) - others.length;
      summary.removed += others.length;
      summary.replaced += 1;
    }
    this.#clearRows(kept, rowEnd);
    this.rowCount = kept;
    if (kept > rowStart) ranges.push(rowStart, kept);
    this.bucketRows[bucket] = (this.bucketRows[bucket] as number) + (kept - rowStart);
    summary.appended += kept - rowStart;
  }

  #moveRow(from: number, to: number): void {
    this.rowBucket[to] = this.rowBucket[from] as number;
    for (const codes of this.codes) if (codes) codes[to] = codes[from] as number;
    for (const column of this.metrics) column?.copyRow(from, to);
  }

  #clearRows(start: number, end: number): void {
    if (end <= start) return;
    this.rowBucket.fill(0, start, end);
    for (const codes of this.codes) codes?.fill(0, start, end);
    for (const column of this.metrics) column?.clear(start, end);
  }

  #markDead(row: number): void {
    this.#dead ??= new Uint8Array(this.capacity);
    if (this.#dead[row] === 1) return;
    this.#dead[row] = 1;
    this.#deadCount += 1;
  }

  /** Removes the rows replacements marked dead, keeping row order. */
  #compact(): void {
    const dead = this.#dead;
    if (this.#deadCount === 0 || dead === null) return;
    let target = 0;
    for (let row = 0; row < this.rowCount; row += 1) {
      if (dead[row] === 1) continue;
      if (target !== row) this.#moveRow(row, target);
      target += 1;
    }
    this.#clearRows(target, this.rowCount);
    this.rowCount = target;
    this.#dead = null;
    this.#deadCount = 0;
    for (const ranges of this.bucketRanges) ranges.length = 0;
    this.bucketRows.fill(0);
    for (let row = 0; row < this.rowCount; row += 1) {
      const bucket = this.rowBucket[row] as number;
      const ranges = this.bucketRanges[bucket] as number[];
      if (ranges[ranges.length - 1] === row) ranges[ranges.length - 1] = row + 1;
      else ranges.push(row, row + 1);
      this.bucketRows[bucket] = (this.bucketRows[bucket] as number) + 1;
    }
  }
}

const implementations = new WeakMap<UsageTable, ColumnarUsageTable>();

/**
 * Creates an empty columnar usage table. Ingest pages or buckets of any endpoint into it, then
 * roll it up with {@link rollup} as many times as needed.
 *
 * @param options Which fields to store, how re-ingestion replaces rows, initial capacity.
 *
 * @returns The table: a frozen object whose methods are the only way to change it.
 *
 * @throws {UsageAggregateError} When `dimensions` or `metrics` names an unknown field.
 */
export function createUsageTable(options?: UsageTableOptions): UsageTable {
  const table = new ColumnarUsageTable(options);
  const view: UsageTable = Object.freeze({
    get rowCount() {
      return table.rowCount;
    },
    storedDimensions: table.storedDimensions,
    storedMetrics: table.storedMetrics,
    ingestPage: (endpoint, page, ingest) => table.ingestPage(endpoint, page, ingest),
    ingestBuckets: (endpoint, buckets, ingest) => table.ingestBuckets(endpoint, buckets, ingest),
    endpoints: () => table.endpoints(),
    coverage: (endpoint, metric) => table.coverage(endpoint, metric),
    memoryBytes: () => table.memoryBytes(),
    dimensionValues: (dimension) => table.dimensionValues(dimension),
    warnings: () => table.warnings(),
  } satisfies UsageTable);
  implementations.set(view, table);
  return view;
}

/**
 * Returns the columns behind a {@link UsageTable}.
 *
 * @param table A table made by {@link createUsageTable}.
 *
 * @returns Its implementation.
 *
 * @throws {UsageAggregateError} When the table was not made by {@link createUsageTable}.
 */
export function columnarTable(table: UsageTable): ColumnarUsageTable {
  const implementation = implementations.get(table);
  if (implementation === undefined) {
    throw new UsageAggregateError('expected a table made by createUsageTable()');
  }
  return implementation;
}
