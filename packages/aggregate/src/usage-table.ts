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
  allDimensions,
  allMetrics,
  type Dimension,
  type DimensionValue,
  dimensionSlot,
  dimensionsOf,
  endpointDefinesMetric,
  endpointSlot,
  isDimension,
  isMetricName,
  type MetricName,
  metricFieldsOf,
  metricSlot,
} from './fields';
import { MetricColumn, type MetricValues } from './metric-column';
import { storedMetricValue } from './metric-value';
import { createResultsReader, readResultByKeys } from './result-reader';
import {
  type EndpointReading,
  planShape,
  type ShapeReading,
  sameKeys,
  shapeKeys,
} from './result-shape';
import type {
  BucketInput,
  FieldCoverage,
  IngestOptions,
  IngestSummary,
  PageInput,
  UsageTable,
  UsageTableOptions,
} from './usage-table-api';

const GROWTH_FACTOR = 2;

/**
 * The table's implementation. Not exported from the package: {@link createUsageTable} returns
 * it typed as {@link UsageTable}, and the roll-up functions read its columns directly.
 */
export class ColumnarUsageTable implements UsageTable {
  readonly storedDimensions: readonly Dimension[];
  readonly storedMetrics: readonly MetricName[];
  /** Per dimension slot: whether it is stored. */
  readonly dimensionStored: Uint8Array;
  /** Per metric slot: whether it is stored. */
  readonly metricStored: Uint8Array;
  readonly dictionaries: DimensionDictionary[] = allDimensions.map(() => new DimensionDictionary());
  /**
   * Per dimension slot: codes (1, 2 or 4 bytes a row, widened as the dictionary grows), or null
   * while every row is null there.
   */
  readonly codes: Array<CodeArray | null> = allDimensions.map(() => null);
  /** Per metric slot: values, or null while no row reported it. */
  readonly metrics: Array<MetricColumn | null> = allMetrics.map(() => null);
  /** Per row: its bucket. */
  rowBucket: Int32Array;
  rowCount = 0;
  capacity: number;
  /**
   * Counts the changes to rows (ingesting, compacting): copies of columns made at
   * one version (the WebAssembly passes keep some) are stale at the next.
   */
  version = 0;

  bucketCount = 0;
  bucketStart = new Float64Array(64);
  bucketEnd = new Float64Array(64);
  bucketEndpoint = new Uint8Array(64);
  /** Live rows per bucket. */
  bucketRows = new Int32Array(64);
  /** Row ranges `[start, end, start, end, ...]` per bucket. */
  readonly bucketRanges: number[][] = [];
  /** Bucket id by `endpoint:start:end:groupingMask`. Ids never change, so caches may key on them. */
  readonly bucketIds = new Map<string, number>();

  readonly #replace: 'groups' | 'buckets';
  readonly #keyedReader: boolean;
  readonly #readings = new Map<EndpointName, EndpointReading>();
  readonly #groupings = new Map<string, number>();
  readonly #warnings = new Set<string>();
  #dead: Uint8Array | null = null;
  #deadCount = 0;
  // The bucket being read, for error paths and the reader's callbacks (a path string is only
  // built when an error needs one).
  #basePath = '';
  #bucketIndex = 0;
  #results: readonly unknown[] = [];
  #rowStart = 0;

  constructor(options: UsageTableOptions = {}) {
    const dimensions = options.dimensions ?? allDimensions;
    dimensions.forEach((name, index) => {
      if (!isDimension(name)) {
        throw new UsageAggregateError(
          `dimensions[${index}]: unknown dimension "${String(name)}"; known: ${allDimensions.join(', ')}`,
        );
      }
    });
    const metrics = options.metrics ?? allMetrics.map((spec) => spec.name);
    metrics.forEach((name, index) => {
      if (!isMetricName(name)) {
        throw new UsageAggregateError(
          `metrics[${index}]: unknown metric "${String(name)}"; known: ${allMetrics.map((spec) => spec.name).join(', ')}`,
        );
      }
    });
    this.storedDimensions = allDimensions.filter((name) => dimensions.includes(name));
    this.storedMetrics = allMetrics
      .map((spec) => spec.name)
      .filter((name) => metrics.includes(name));
    this.dimensionStored = new Uint8Array(allDimensions.length);
    for (const name of this.storedDimensions)
      this.dimensionStored[dimensionSlot.get(name) as number] = 1;
    this.metricStored = new Uint8Array(allMetrics.length);
    for (const name of this.storedMetrics) this.metricStored[metricSlot.get(name) as number] = 1;
    const partial = this.storedDimensions.length < allDimensions.length;
    this.#replace = partial ? 'buckets' : (options.replace ?? 'groups');
    this.#keyedReader = options.keyedReader ?? false;
    this.capacity = Math.max(16, Math.floor(options.initialCapacity ?? 1024));
    this.rowBucket = new Int32Array(this.capacity);
  }

  ingestPage(endpoint: EndpointName, page: PageInput, options: IngestOptions = {}): IngestSummary {
    if (page === null || typeof page !== 'object' || !Array.isArray(page.data)) {
      throw new UsageDataError('a page must be an object with a "data" array of buckets', 'data');
    }
    this.version += 1;
    return this.#ingest(endpoint, page.data, options, 'data');
  }

  ingestBuckets(
    endpoint: EndpointName,
    buckets: readonly BucketInput[],
    options: IngestOptions = {},
  ): IngestSummary {
    if (!Array.isArray(buckets)) {
      throw new UsageDataError('buckets must be an array', 'buckets');
    }
    this.version += 1;
    return this.#ingest(endpoint, buckets, options, 'buckets');
  }

  endpoints(): EndpointName[] {
    const present = new Uint8Array(endpointNames.length);
    for (let bucket = 0; bucket < this.bucketCount; bucket += 1) {
      if ((this.bucketRows[bucket] as number) > 0)
        present[this.bucketEndpoint[bucket] as number] = 1;
    }
    return endpointNames.filter((_, index) => present[index] === 1);
  }

  coverage(endpoint: EndpointName, metric: MetricName): FieldCoverage {
    const endpointIndex = this.#endpointSlot(endpoint);
    const slot = metricSlot.get(metric);
    if (slot === undefined) {
      throw new UsageAggregateError(
        `unknown metric "${String(metric)}"; known: ${allMetrics.map((spec) => spec.name).join(', ')}`,
      );
    }
    this.compact();
    let rows = 0;
    for (let bucket = 0; bucket < this.bucketCount; bucket += 1) {
      if (this.bucketEndpoint[bucket] === endpointIndex) rows += this.bucketRows[bucket] as number;
    }
    const column = this.metrics[slot];
    if (!endpointDefinesMetric[endpointIndex]?.[slot] || column === null || column === undefined) {
      return { rows, reported: 0, absent: rows };
    }
    let absent = 0;
    for (let bucket = 0; bucket < this.bucketCount; bucket += 1) {
      if (this.bucketEndpoint[bucket] !== endpointIndex) continue;
      const ranges = this.bucketRanges[bucket] as number[];
      for (let index = 0; index < ranges.length; index += 2) {
        for (let row = ranges[index] as number; row < (ranges[index + 1] as number); row += 1) {
          if (column.isAbsent(row)) absent += 1;
        }
      }
    }
    return { rows, reported: rows - absent, absent };
  }

  memoryBytes(): number {
    let bytes = this.rowBucket.byteLength + (this.#dead?.byteLength ?? 0);
    for (const codes of this.codes) bytes += codes?.byteLength ?? 0;
    for (const column of this.metrics) bytes += column?.byteLength ?? 0;
    for (const dictionary of this.dictionaries) {
      for (const value of dictionary.values) {
        // A Map entry, an array slot and the string itself (one byte a character, 16 of header).
        bytes += typeof value === 'string' ? 40 + value.length : 8;
      }
    }
    bytes +=
      this.bucketStart.byteLength +
      this.bucketEnd.byteLength +
      this.bucketEndpoint.byteLength +
      this.bucketRows.byteLength +
      this.bucketCount * 96;
    return bytes;
  }

  dimensionValues(dimension: Dimension): DimensionValue[] {
    const slot = dimensionSlot.get(dimension);
    if (slot === undefined) {
      throw new UsageAggregateError(
        `unknown dimension "${String(dimension)}"; known: ${allDimensions.join(', ')}`,
      );
    }
    this.compact();
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

  /**
   * Returns the code array of a dimension slot, allocating it (all null) when needed.
   *
   * @param slot The dimension slot.
   *
   * @returns The codes.
   */
  dimensionCodes(slot: number): CodeArray {
    let codes = this.codes[slot];
    if (codes === null || codes === undefined) {
      codes = allocateCodes(
        codeBytesFor((this.dictionaries[slot] as DimensionDictionary).size),
        this.capacity,
      );
      this.codes[slot] = codes;
    }
    return codes;
  }

  /**
   * Widens the code array of a dimension slot to hold every code of its dictionary.
   *
   * @param slot The dimension slot.
   *
   * @returns The (possibly new) codes.
   */
  widenDimensionCodes(slot: number): CodeArray {
    const codes = widenCodes(
      this.dimensionCodes(slot),
      (this.dictionaries[slot] as DimensionDictionary).size,
    );
    this.codes[slot] = codes;
    return codes;
  }

  /**
   * Returns the column of a metric slot, allocating it (every existing row absent) when needed.
   *
   * @param slot The metric slot.
   * @param absentRows Rows `[0, absentRows)` to mark absent when the column is created.
   *
   * @returns The column.
   */
  metricColumn(slot: number, absentRows = this.rowCount): MetricColumn {
    let column = this.metrics[slot];
    if (column === null || column === undefined) {
      column = new MetricColumn(
        allMetrics[slot] as (typeof allMetrics)[number],
        this.capacity,
        absentRows,
      );
      this.metrics[slot] = column;
    }
    return column;
  }

  /** Removes rows marked dead by replacements, keeping row order. */
  compact(): void {
    if (this.#deadCount === 0 || this.#dead === null) return;
    this.version += 1;
    const dead = this.#dead;
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
    this.#rebuildRanges();
  }

  #endpointSlot(endpoint: EndpointName): number {
    if (typeof endpoint !== 'string' || !isEndpointName(endpoint)) {
      throw new UsageAggregateError(
        `unknown endpoint "${String(endpoint)}"; known: ${endpointNames.join(', ')}`,
      );
    }
    return endpointSlot.get(endpoint) as number;
  }

  #reading(endpoint: EndpointName): EndpointReading {
    let reading = this.#readings.get(endpoint);
    if (reading === undefined) {
      const dimensions = dimensionsOf(endpoint).filter(
        (name) => this.dimensionStored[dimensionSlot.get(name) as number] === 1,
      );
      const metrics = metricFieldsOf(endpoint).filter(
        (field) => this.metricStored[metricSlot.get(field.name) as number] === 1,
      );
      reading = {
        endpoint,
        slot: endpointSlot.get(endpoint) as number,
        fullPlan: {
          dimensions,
          metrics,
          slowMetrics: new Set(metrics.map((_, index) => index)),
          watched: [],
        },
        fullDimensionSlots: dimensions.map((name) => dimensionSlot.get(name) as number),
        fullMetricSlots: metrics.map((field) => metricSlot.get(field.name) as number),
        shapes: new Map(),
        lastShape: undefined,
      };
      this.#readings.set(endpoint, reading);
    }
    return reading;
  }

  #shape(reading: EndpointReading, first: unknown): ShapeReading {
    const last = reading.lastShape;
    if (last !== undefined && sameKeys(first, last.keys, this.#keyedReader)) return last;
    const keys = shapeKeys(first, this.#keyedReader);
    const signature = keys.join(',');
    const shape = reading.shapes.get(signature);
    if (shape !== undefined) {
      reading.lastShape = shape;
      return shape;
    }
    const keyed = this.#keyedReader;
    const plan = planShape(reading.fullPlan, keys, keyed);
    const { dimensions, metrics } = plan;
    const metricSlots = metrics.map((field) => metricSlot.get(field.name) as number);
    const dimensionSlots = dimensions.map((name) => dimensionSlot.get(name) as number);
    const read = new Set(metricSlots);
    const codes = dimensionSlots.map((slot) => this.dimensionCodes(slot));
    const columns = metricSlots.map((slot) => this.metricColumn(slot));
    const created: ShapeReading = {
      keys,
      plan,
      reader: createResultsReader(plan, keyed),
      dimensionSlots,
      metricSlots,
      unreadMetricSlots: allMetrics
        .map((_, slot) => slot)
        .filter((slot) => this.metricStored[slot] === 1 && !read.has(slot)),
      codes,
      dictionaries: dimensionSlots.map((slot) => this.dictionaries[slot] as DimensionDictionary),
      columns,
      values: columns.map((column) => column.values),
      absents: columns.map((column) => column.absent),
      storeMetric: (position, row, resultIndex, value) =>
        this.#storeMetric(
          columns[position] as MetricColumn,
          metrics[position] as MetricField,
          row,
          resultIndex,
          value,
        ),
      rejectDimension: (position, resultIndex, value) => {
        if (position < 0) {
          throw new UsageDataError('a result must be an object', this.#resultPath(resultIndex));
        }
        throw new UsageDataError(
          `a grouping field must be a string, a boolean or null, not ${typeof value}`,
          `${this.#resultPath(resultIndex)}.${dimensions[position]}`,
        );
      },
      widen: (position) => {
        const widened = this.widenDimensionCodes(dimensionSlots[position] as number);
        codes[position] = widened;
        return widened;
      },
      reread: (resultIndex) =>
        this.#rereadResult(
          reading,
          this.#results[resultIndex],
          this.#rowStart + resultIndex,
          resultIndex,
          this.#rowStart + this.#results.length,
        ),
    };
    reading.shapes.set(signature, created);
    reading.lastShape = created;
    return created;
  }

  /** Path of a result of the bucket being read, for errors. */
  #resultPath(resultIndex: number): string {
    return `${this.#basePath}[${this.#bucketIndex}].results[${resultIndex}]`;
  }

  /** {@link ColumnarUsageTable.#resultPath} as one function, made once, for value checks. */
  readonly #resultPathOf = (resultIndex: number): string => this.#resultPath(resultIndex);

  #ensureCapacity(rows: number): void {
    if (rows <= this.capacity) return;
    let capacity = this.capacity;
    while (capacity < rows) capacity *= GROWTH_FACTOR;
    const int32Bytes = ColumnArena.size(capacity * 4);
    let bytes = int32Bytes;
    for (const codes of this.codes)
      if (codes) bytes += ColumnArena.size(capacity * codes.BYTES_PER_ELEMENT);
    for (const column of this.metrics) bytes += column?.arenaBytes(capacity) ?? 0;
    if (this.#dead !== null) bytes += ColumnArena.size(capacity);
    const arena = new ColumnArena(bytes);
    const rowBucket = arena.int32(capacity);
    rowBucket.set(this.rowBucket);
    this.rowBucket = rowBucket;
    for (let slot = 0; slot < this.codes.length; slot += 1) {
      const codes = this.codes[slot];
      if (codes === null || codes === undefined) continue;
      const grown = allocateCodes(codes.BYTES_PER_ELEMENT, capacity, arena);
      grown.set(codes);
      this.codes[slot] = grown;
    }
    for (const column of this.metrics) column?.grow(capacity, arena);
    if (this.#dead !== null) {
      const dead = arena.uint8(capacity);
      dead.set(this.#dead);
      this.#dead = dead;
    }
    this.capacity = capacity;
  }

  #ingest(
    endpoint: EndpointName,
    buckets: readonly BucketInput[],
    options: IngestOptions,
    basePath: string,
  ): IngestSummary {
    const reading = this.#reading(this.#endpointSlotName(endpoint));
    const requestedMask = this.#groupByMask(endpoint, options.groupBy);
    const summary: IngestSummary = { buckets: 0, results: 0, appended: 0, replaced: 0, removed: 0 };
    // Grow once for the whole call, not bucket by bucket.
    let incoming = 0;
    for (const bucket of buckets) incoming += resultsOf(bucket)?.length ?? 0;
    this.#ensureCapacity(this.rowCount + incoming);
    this.#basePath = basePath;
    for (let bucketIndex = 0; bucketIndex < buckets.length; bucketIndex += 1) {
      this.#bucketIndex = bucketIndex;
      const { start, end, results } = checkBucket(buckets[bucketIndex], basePath, bucketIndex);
      summary.buckets += 1;
      summary.results += results.length;
      const rowStart = this.rowCount;
      this.#readBucket(reading, results, rowStart);
      const mask =
        requestedMask ?? this.#observedMask(reading, rowStart, rowStart + results.length);
      this.#placeBucket(
        reading.slot,
        start,
        end,
        mask,
        rowStart,
        rowStart + results.length,
        summary,
      );
    }
    this.compact();
    return summary;
  }

  #endpointSlotName(endpoint: EndpointName): EndpointName {
    this.#endpointSlot(endpoint);
    return endpoint;
  }

  #groupByMask(
    endpoint: EndpointName,
    groupBy: readonly Dimension[] | undefined,
  ): number | undefined {
    if (groupBy === undefined) return undefined;
    const allowed = dimensionsOf(endpoint);
    let mask = 0;
    groupBy.forEach((name, index) => {
      if (!allowed.includes(name)) {
        throw new UsageAggregateError(
          `groupBy[${index}]: "${String(name)}" is not a dimension of ${endpoint}; allowed: ${allowed.join(', ')}`,
        );
      }
      mask += 2 ** (dimensionSlot.get(name) as number);
    });
    return mask;
  }

  #observedMask(reading: EndpointReading, rowStart: number, rowEnd: number): number {
    let mask = 0;
    for (const slot of reading.fullDimensionSlots) {
      const codes = this.codes[slot];
      if (codes === null || codes === undefined) continue;
      for (let row = rowStart; row < rowEnd; row += 1) {
        if (codes[row] !== NULL_CODE) {
          mask += 2 ** slot;
          break;
        }
      }
    }
    return mask;
  }

  #readBucket(reading: EndpointReading, results: readonly unknown[], rowStart: number): void {
    const count = results.length;
    if (count === 0) return;
    this.#ensureCapacity(rowStart + count);
    const shape = this.#shape(reading, results[0]);
    for (const slot of shape.unreadMetricSlots) {
      this.metrics[slot]?.markAbsent(rowStart, rowStart + count);
    }
    const { codes, columns, values, absents } = shape;
    for (let position = 0; position < codes.length; position += 1) {
      codes[position] = this.dimensionCodes(shape.dimensionSlots[position] as number);
    }
    for (let position = 0; position < columns.length; position += 1) {
      values[position] = (columns[position] as MetricColumn).values;
      absents[position] = (columns[position] as MetricColumn).absent;
    }
    this.#results = results;
    this.#rowStart = rowStart;
    try {
      shape.reader(
        results,
        rowStart,
        values,
        absents,
        codes,
        shape.dictionaries as DimensionDictionary[],
        shape.storeMetric,
        shape.rejectDimension,
        shape.widen,
        shape.reread,
      );
    } catch (error) {
      // Rows past rowCount must stay clean: readers only set absent bits, never clear them.
      this.#clearRows(rowStart, rowStart + count);
      throw error;
    }
    this.rowCount = rowStart + count;
  }

  #rereadResult(
    reading: EndpointReading,
    result: unknown,
    row: number,
    resultIndex: number,
    bucketRowEnd: number,
  ): void {
    const plan = reading.fullPlan;
    const codes = reading.fullDimensionSlots.map((slot) => this.dimensionCodes(slot));
    const dictionaries = reading.fullDimensionSlots.map(
      (slot) => this.dictionaries[slot] as DimensionDictionary,
    );
    readResultByKeys(
      plan,
      result as Record<string, unknown>,
      row,
      resultIndex,
      codes,
      dictionaries,
      (position, targetRow, index, value) =>
        this.#storeMetric(
          // A column first seen here: every row of this bucket lacks it unless re-read.
          this.metricColumn(reading.fullMetricSlots[position] as number, bucketRowEnd),
          plan.metrics[position] as MetricField,
          targetRow,
          index,
          value,
        ),
      (position, index, value) => {
        throw new UsageDataError(
          `a grouping field must be a string, a boolean or null, not ${typeof value}`,
          `${this.#resultPath(index)}.${plan.dimensions[position]}`,
        );
      },
      (position) => this.widenDimensionCodes(reading.fullDimensionSlots[position] as number),
    );
  }

  #storeMetric(
    column: MetricColumn,
    field: MetricField,
    row: number,
    resultIndex: number,
    value: unknown,
  ): MetricValues {
    const stored = storedMetricValue(column.spec, field, value, this.#resultPathOf, resultIndex);
    if (stored !== undefined) return column.store(row, stored);
    column.markAbsent(row, row + 1);
    return column.values;
  }

  #placeBucket(
    endpointIndex: number,
    start: number,
    end: number,
    mask: number,
    rowStart: number,
    rowEnd: number,
    summary: IngestSummary,
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
    const existing = this.bucketIds.get(key);
    if (existing === undefined) {
      const bucket = this.#addBucket(key, endpointIndex, start, end);
      this.rowBucket.fill(bucket, rowStart, rowEnd);
      if (rowEnd > rowStart) (this.bucketRanges[bucket] as number[]).push(rowStart, rowEnd);
      this.bucketRows[bucket] = rowEnd - rowStart;
      summary.appended += rowEnd - rowStart;
      return;
    }
    this.rowBucket.fill(existing, rowStart, rowEnd);
    if (this.#replace === 'buckets') {
      const ranges = this.bucketRanges[existing] as number[];
      for (let index = 0; index < ranges.length; index += 2) {
        for (let row = ranges[index] as number; row < (ranges[index + 1] as number); row += 1) {
          this.#markDead(row);
          summary.removed += 1;
        }
      }
      ranges.length = 0;
      if (rowEnd > rowStart) ranges.push(rowStart, rowEnd);
      this.bucketRows[existing] = rowEnd - rowStart;
      summary.appended += rowEnd - rowStart;
      return;
    }
    this.#replaceGroups(existing, rowStart, rowEnd, summary);
  }

  #addBucket(key: string, endpointIndex: number, start: number, end: number): number {
    const bucket = this.bucketCount;
    if (bucket === this.bucketStart.length) {
      const size = bucket * GROWTH_FACTOR;
      const grow = <TArray extends Float64Array | Uint8Array | Int32Array>(
        array: TArray,
        next: TArray,
      ) => {
        next.set(array);
        return next;
      };
      this.bucketStart = grow(this.bucketStart, new Float64Array(size));
      this.bucketEnd = grow(this.bucketEnd, new Float64Array(size));
      this.bucketEndpoint = grow(this.bucketEndpoint, new Uint8Array(size));
      this.bucketRows = grow(this.bucketRows, new Int32Array(size));
    }
    this.bucketStart[bucket] = start;
    this.bucketEnd[bucket] = end;
    this.bucketEndpoint[bucket] = endpointIndex;
    this.bucketRanges.push([]);
    this.bucketIds.set(key, bucket);
    this.bucketCount = bucket + 1;
    return bucket;
  }

  /** A key of a row's stored dimension codes: a number when it fits, a string otherwise. */
  #groupKey(row: number, slots: readonly number[]): number | string {
    let key = 0;
    let multiplier = 1;
    for (const slot of slots) {
      const code = this.codes[slot]?.[row] ?? NULL_CODE;
      key += code * multiplier;
      multiplier *= (this.dictionaries[slot] as DimensionDictionary).size;
      if (multiplier > Number.MAX_SAFE_INTEGER) {
        return slots.map((each) => this.codes[each]?.[row] ?? NULL_CODE).join(',');
      }
    }
    return key;
  }

  #replaceGroups(bucket: number, rowStart: number, rowEnd: number, summary: IngestSummary): void {
    const slots = allDimensions
      .map((_, slot) => slot)
      .filter((slot) => this.dimensionStored[slot] === 1);
    const oldRows = new Map<number | string, number[]>();
    const ranges = this.bucketRanges[bucket] as number[];
    for (let index = 0; index < ranges.length; index += 2) {
      for (let row = ranges[index] as number; row < (ranges[index + 1] as number); row += 1) {
        const key = this.#groupKey(row, slots);
        const rows = oldRows.get(key);
        if (rows === undefined) oldRows.set(key, [row]);
        else rows.push(row);
      }
    }
    let kept = rowStart;
    for (let row = rowStart; row < rowEnd; row += 1) {
      const key = this.#groupKey(row, slots);
      const rows = oldRows.get(key);
      if (rows !== undefined) {
        oldRows.delete(key);
        this.#copyMetrics(row, rows[0] as number);
        for (let index = 1; index < rows.length; index += 1) {
          this.#markDead(rows[index] as number);
          this.bucketRows[bucket] = (this.bucketRows[bucket] as number) - 1;
          summary.removed += 1;
        }
        summary.replaced += 1;
        continue;
      }
      if (kept !== row) this.#moveRow(row, kept);
      kept += 1;
    }
    this.#clearRows(kept, rowEnd);
    this.rowCount = kept;
    if (kept > rowStart) ranges.push(rowStart, kept);
    this.bucketRows[bucket] = (this.bucketRows[bucket] as number) + (kept - rowStart);
    summary.appended += kept - rowStart;
  }

  #copyMetrics(from: number, to: number): void {
    for (const column of this.metrics) column?.copyRow(from, to);
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
    if (this.#dead === null) this.#dead = new Uint8Array(this.capacity);
    if (this.#dead[row] === 1) return;
    this.#dead[row] = 1;
    this.#deadCount += 1;
  }

  #rebuildRanges(): void {
    for (const ranges of this.bucketRanges) ranges.length = 0;
    this.bucketRows.fill(0);
    for (let row = 0; row < this.rowCount; row += 1) {
      const bucket = this.rowBucket[row] as number;
      const ranges = this.bucketRanges[bucket] as number[];
      if (ranges.length > 0 && ranges[ranges.length - 1] === row)
        ranges[ranges.length - 1] = row + 1;
      else ranges.push(row, row + 1);
      this.bucketRows[bucket] = (this.bucketRows[bucket] as number) + 1;
    }
  }
}

/**
 * Creates an empty columnar usage table. Ingest pages or buckets of any endpoint into it, then
 * roll it up with {@link rollup} as many times as needed.
 *
 * @param options Which fields to store, how re-ingestion replaces rows, initial capacity.
 *
 * @returns The table.
 */
export function createUsageTable(options?: UsageTableOptions): UsageTable {
  return new ColumnarUsageTable(options);
}

/**
 * Returns the implementation behind a {@link UsageTable}.
 *
 * @param table A table made by {@link createUsageTable}.
 *
 * @returns The implementation.
 */
export function columnarTable(table: UsageTable): ColumnarUsageTable {
  if (!(table instanceof ColumnarUsageTable)) {
    throw new UsageAggregateError('expected a table made by createUsageTable()');
  }
  return table;
}
