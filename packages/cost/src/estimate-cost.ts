import { type EndpointName, endpointNames, endpoints, isEndpointName } from '@usagekit/schemas';
import { InvalidCostInputError } from './errors';
import {
  addMoney,
  assertMoney,
  type Money,
  multiplyToMicros,
  roundBigPicosToMicros,
} from './money';
import type { PriceBook } from './price-book';
import type { Confidence, PriceLookup, PriceSource } from './price-types';
import { PRICE_VARIANTS, type PriceUnit, type PriceVariant, priceVariantOf } from './price-unit';
import { ENDPOINT_PRICING, type UsageEndpointName } from './usage-decomposition';
import { type DimensionValue, dimensionValue, GroupTable } from './usage-group-table';

/** A usage bucket as the client yields it or a page's `data` holds. */
export interface UsageBucketLike {
  /** Start of the bucket, Unix seconds. */
  readonly start_time: number;
  /** End of the bucket, Unix seconds (vector storage duration). @default one day after the start */
  readonly end_time?: number | undefined;
  /** The bucket's results: dimension fields and counters as the Usage API returns them. */
  readonly results?: readonly Readonly<Record<string, unknown>>[] | undefined;
}

/** Raw buckets of one usage endpoint. */
export interface EndpointBuckets {
  /** The usage endpoint the buckets came from (`costs` is refused: it is the bill). */
  readonly endpoint: EndpointName;
  /** The buckets, in any order. */
  readonly buckets: readonly UsageBucketLike[];
}

/** The kind of a roll-up row, as `@usagekit/aggregate` labels it. */
export type AggregateRowKind = 'detail' | 'other' | 'subtotal' | 'total' | 'grand_total';

/**
 * A row of `rollup(table, query).rows` from `@usagekit/aggregate`, read structurally (this package
 * does not depend on it): period bounds, the row kind, one field per grouped dimension (`null`
 * when not grouped by it, `endpoint` when grouped by endpoint) and one field per summed metric,
 * named as in the registry.
 */
export interface AggregateRow {
  /** Period start, Unix seconds; the row is priced on this UTC day. */
  readonly period_start: number;
  /** Period end (exclusive), Unix seconds. @default one day after the start */
  readonly period_end?: number | undefined;
  /**
   * Only `detail` rows (or rows without a kind) are priced; `subtotal`, `total` and `grand_total`
   * rows are skipped so nothing counts twice, and top-N `other` rows are refused.
   */
  readonly row_kind?: AggregateRowKind | undefined;
  /** The endpoint, when the roll-up was grouped by `endpoint`; else give it on {@link AggregateRows}. */
  readonly endpoint?: unknown;
  /** Dimension values and metric sums. */
  readonly [field: string]: unknown;
}

/** Roll-up rows of one endpoint, or rows that carry `endpoint`; a whole `RollupResult` fits. */
export interface AggregateRows {
  /** The endpoint of rows that do not carry one. */
  readonly endpoint?: EndpointName | undefined;
  /** The rows. */
  readonly rows: readonly AggregateRow[];
}

/** What {@link estimateCost} accepts: raw buckets, roll-up rows, or a list of either. */
export type EstimateInput =
  | EndpointBuckets
  | AggregateRows
  | readonly (EndpointBuckets | AggregateRows | AggregateRow)[];

/** Options of {@link estimateCost}. */
export interface EstimateOptions {
  /** The prices to use. */
  readonly priceBook: PriceBook;
  /** The endpoint of roll-up rows that name none (neither on the row nor on its container). */
  readonly endpoint?: EndpointName | undefined;
}

/** Dimension values of a line: null means the usage was not grouped by it. */
export type LineDimensions = Readonly<Record<string, string | boolean | null>>;

/** One priced line: a unit of one endpoint's usage on one UTC day for one group. */
export interface PricedLine {
  /** The usage endpoint. */
  readonly endpoint: UsageEndpointName;
  /** UTC day `YYYY-MM-DD` the usage (or the roll-up period) starts on. */
  readonly date: string;
  /** The group: every registry dimension of the endpoint, null when not grouped by it. */
  readonly dimensions: LineDimensions;
  /** What is counted and priced. */
  readonly unit: PriceUnit;
  /** Units used (tokens, characters, seconds, images, GiB-days, sessions, calls). */
  readonly quantity: number;
  /** Price per unit as an exact decimal string in USD, or null when unpriced. */
  readonly unitPrice: string | null;
  /** Price per unit in pico-units (10⁻¹² USD), or null when unpriced. */
  readonly unitPricePicos: number | null;
  /** First UTC day the price is in force, or null when unknown or unpriced. */
  readonly effectiveFrom: string | null;
  /** Which source the price came from, or null when unpriced. */
  readonly source: PriceSource | null;
  /** The source in detail (dataset and model key, URL, override note), or null when unpriced. */
  readonly sourceDetail: string | null;
  /** The model (or tool key) whose price was used, or null. */
  readonly matchedModel: string | null;
  /** quantity × unit price, rounded once to micro-units; null when unpriced (never a silent 0). */
  readonly amount: Money | null;
  /** How sure the amount is. */
  readonly confidence: Confidence;
  /** What was assumed (estimated) or why there is no price (unpriced). */
  readonly assumption?: string | undefined;
}

/** Usage that could not be priced, summed by endpoint, model, unit and reason. */
export interface UnpricedUsage {
  /** The usage endpoint. */
  readonly endpoint: UsageEndpointName;
  /** The model as reported, or null when not grouped by model. */
  readonly model: string | null;
  /** The unit that has no price. */
  readonly unit: PriceUnit;
  /** Units used without a price. */
  readonly quantity: number;
  /** Why there is no price. */
  readonly reason: string;
  /** How many lines this covers. */
  readonly lines: number;
}

/** Amount and line count for one confidence level. */
export interface ConfidenceTotal {
  /** Sum of the lines' rounded amounts (0 for unpriced lines). */
  readonly amount: Money;
  /** Number of lines. */
  readonly lines: number;
}

/** The result of {@link estimateCost}. */
export interface CostEstimate {
  /** One line per (endpoint, UTC day, group, unit) with a non-zero quantity. */
  readonly lines: PricedLine[];
  /**
   * The exact sum of every priced line's quantity × unit price, rounded once to micro-units.
   * Unpriced usage is listed in `unpriced`, not counted as 0.
   */
  readonly total: Money;
  /** `total` minus the sum of the rounded line amounts: what per-line rounding moved (a few micro-units). */
  readonly roundingDifference: Money;
  /** The currency of every amount. */
  readonly currency: 'usd';
  /** Usage without a price, next to the total instead of hidden in it. */
  readonly unpriced: UnpricedUsage[];
  /** Roll-up rows skipped because they repeat detail rows (`subtotal`, `total`, `grand_total`). */
  readonly skippedRows: number;
  /** Line amounts and counts by confidence; amounts add up to `total - roundingDifference`. */
  readonly byConfidence: {
    /** Lines whose usage maps to a published price. */
    readonly exact: ConfidenceTotal;
    /** Lines priced under a stated assumption. */
    readonly estimated: ConfidenceTotal;
    /** Lines without a price (amount 0 here, listed in `unpriced`). */
    readonly unpriced: ConfidenceTotal;
  };
}

/** Bytes in one GiB; vector storage is billed per GiB-day. */
const GIB = 1024 ** 3;
/** Seconds in a day. */
const DAY_SECONDS = 86_400;
/** The longest day (25 hours, when a zone falls back). */
const MAX_DAY_SECONDS = 25 * 3600;
/** The free vector storage per organization. */
const FREE_VECTOR_BYTES = GIB;
/** Vector storage of one project over one period, in byte-days. */
interface VectorRow {
  readonly startSeconds: number;
  /** Days in the period: the free GiB is granted once per day. */
  readonly periodDays: number;
  /** Bytes held × days held. */
  readonly byteDays: number;
  readonly dimensions: LineDimensions;
}

function dayString(dayIndex: number): string {
  return new Date(dayIndex * DAY_SECONDS * 1000).toISOString().slice(0, 10);
}

function invalid(path: string, message: string): InvalidCostInputError {
  return new InvalidCostInputError('usage input', [`${path}: ${message}`]);
}

function toUsageEndpoint(name: unknown, path: string): UsageEndpointName {
  if (name === 'costs') {
    throw invalid(path, 'costs are the bill, not usage; pass them to reconcile() or calibrate()');
  }
  if (typeof name === 'string' && isEndpointName(name) && name !== 'costs') return name;
  throw invalid(
    path,
    `${name === undefined ? 'missing' : `unknown endpoint ${JSON.stringify(name)}`}; allowed: ${endpointNames.filter((endpoint) => endpoint !== 'costs').join(', ')} (group the roll-up by endpoint, or pass { endpoint, rows })`,
  );
}

function seconds(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalid(path, `must be Unix seconds (a finite number), got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Prices usage: raw buckets of any usage endpoint (`{ endpoint, buckets }`) or roll-up rows of
 * `@usagekit/aggregate` (`{ endpoint?, rows }`, or rows carrying `endpoint`). Usage is grouped by
 * (UTC day, every dimension), its counters summed, split into units once per group and priced at
 * the price in force that day, so each line rounds once. The total is the exact pico-unit sum
 * rounded once; unpriced usage is listed next to it, never counted as $0. Vector storage:
 * `usage_bytes` is taken as held for the whole bucket, and the first GiB per organization is
 * free, shared pro rata.
 *
 * @param input Buckets, roll-up rows, or a list of them.
 * @param options The price book, and the endpoint of rows that name none.
 *
 * @returns Lines, the total, unpriced usage and totals by confidence.
 *
 * @throws {InvalidCostInputError} For an unknown or missing endpoint, costs buckets, a row
 *   without a required metric or with a bad period, or a top-N `other` row.
 */
export function estimateCost(input: EstimateInput, options: EstimateOptions): CostEstimate {
  const tables = new Map<UsageEndpointName, GroupTable>();
  const vectorRows: VectorRow[] = [];
  let skippedRows = 0;

  function tableFor(endpoint: UsageEndpointName): GroupTable {
    let table = tables.get(endpoint);
    if (table === undefined) {
      table = new GroupTable(endpoint);
      tables.set(endpoint, table);
    }
    return table;
  }

  function addVector(
    startSeconds: number,
    periodDays: number,
    byteDays: number,
    result: Readonly<Record<string, unknown>>,
  ): void {
    const dimensions: Record<string, DimensionValue> = {};
    for (const name of endpoints.vector_stores.dimensions) {
      dimensions[name] = dimensionValue(result[name]);
    }
    vectorRows.push({ startSeconds, periodDays, byteDays, dimensions });
  }

  function addBuckets(item: EndpointBuckets, path: string): void {
    const endpoint = toUsageEndpoint(item.endpoint, `${path}.endpoint`);
    const table = tableFor(endpoint);
    item.buckets.forEach((bucket, bucketIndex) => {
      const start = seconds(bucket.start_time, `${path}.buckets[${bucketIndex}].start_time`);
      const results = bucket.results ?? [];
      if (endpoint === 'vector_stores') {
        // usage_bytes is a snapshot, held for the whole bucket.
        const end = bucket.end_time;
        const periodDays = end === undefined || end <= start ? 1 : (end - start) / DAY_SECONDS;
        for (const result of results) {
          const bytes = typeof result.usage_bytes === 'number' ? result.usage_bytes : 0;
          addVector(start, periodDays, bytes * periodDays, result);
        }
        return;
      }
      const dayIndex = Math.floor(start / DAY_SECONDS);
      const root = table.rootFor(dayIndex);
      for (let index = 0; index < results.length; index += 1) {
        table.add(root, dayIndex, dayIndex, results[index] as Readonly<Record<string, unknown>>);
      }
    });
  }

  function addRow(row: AggregateRow, fallback: EndpointName | undefined, path: string): void {
    const kind = row.row_kind;
    if (kind === 'subtotal' || kind === 'total' || kind === 'grand_total') {
      skippedRows += 1;
      return;
    }
    if (kind === 'other') {
      throw invalid(
        `${path}.row_kind`,
        'a top-N "other" row folds groups together and its dimension values are labels; roll up without `top` to price it',
      );
    }
    if (kind !== undefined && kind !== 'detail') {
      throw invalid(
        `${path}.row_kind`,
        `unknown row kind ${JSON.stringify(kind)}; allowed: detail, subtotal, total, grand_total`,
      );
    }
    if (row.endpoint !== undefined && fallback !== undefined && row.endpoint !== fallback) {
      throw invalid(
        `${path}.endpoint`,
        `the row says ${JSON.stringify(row.endpoint)} but its rows list says ${JSON.stringify(fallback)}`,
      );
    }
    const endpoint = toUsageEndpoint(
      row.endpoint ?? fallback ?? options.endpoint,
      `${path}.endpoint`,
    );
    const start = seconds(row.period_start, `${path}.period_start`);
    const end =
      row.period_end === undefined ? undefined : seconds(row.period_end, `${path}.period_end`);
    const pricing = ENDPOINT_PRICING[endpoint];
    for (const metric of pricing.requiredMetrics) {
      if (typeof row[metric] !== 'number') {
        throw invalid(
          `${path}.${metric}`,
          `missing; ${endpoint} rows need ${pricing.requiredMetrics.join(', ')} (roll up with the default metrics)`,
        );
      }
    }
    if (endpoint === 'vector_stores') {
      // A snapshot summed over a longer period is no longer storage held; the free GiB is per day.
      if (end !== undefined && end - start > MAX_DAY_SECONDS) {
        throw invalid(
          `${path}.period_end`,
          'vector_stores rows must span one day at most (usage_bytes is a storage snapshot and the first GiB is free per day); roll up with grain "day" or pass the raw buckets',
        );
      }
      addVector(start, 1, typeof row.usage_bytes === 'number' ? row.usage_bytes : 0, row);
      return;
    }
    const dayIndex = Math.floor(start / DAY_SECONDS);
    const lastDayIndex =
      end === undefined || end <= start ? dayIndex : Math.floor((end - 1) / DAY_SECONDS);
    const table = tableFor(endpoint);
    table.add(table.rootFor(dayIndex), dayIndex, lastDayIndex, row);
  }

  function addItem(item: EndpointBuckets | AggregateRows | AggregateRow, path: string): void {
    if ('buckets' in item && Array.isArray(item.buckets)) addBuckets(item as EndpointBuckets, path);
    else if ('rows' in item && Array.isArray(item.rows)) {
      const container = item as AggregateRows;
      container.rows.forEach((row, index) => {
        addRow(row, container.endpoint, `${path}.rows[${index}]`);
      });
    } else if ('period_start' in item) addRow(item as AggregateRow, undefined, path);
    else {
      throw invalid(
        path,
        'expected { endpoint, buckets }, { endpoint?, rows } or a roll-up row with period_start',
      );
    }
  }

  if (Array.isArray(input)) {
    (input as readonly (EndpointBuckets | AggregateRows | AggregateRow)[]).forEach(
      (item, index) => {
        addItem(item, `input[${index}]`);
      },
    );
  } else addItem(input as EndpointBuckets | AggregateRows, 'input');

  const lines: PricedLine[] = [];
  for (const table of tables.values()) priceGroups(table, options.priceBook, lines);
  lines.push(...vectorLines(vectorRows, options.priceBook));
  return summarize(lines, skippedRows);
}

/** Bits of each part of a plan key: day index, variant, qualifier code, model code. */
const DAY_RADIX = 2 ** 17;
const VARIANT_RADIX = 8;
const QUALIFIER_RADIX = 2 ** 10;

/**
 * Prices every group of a table: one price plan per (model, day, tier, qualifier), cached under a
 * numeric key made of dictionary codes, then one line per non-zero unit.
 */
function priceGroups(table: GroupTable, book: PriceBook, lines: PricedLine[]): void {
  const { endpoint, pricing, names } = table;
  const modelSlot = names.indexOf('model');
  const batchSlot = names.indexOf('batch');
  const tierSlot = names.indexOf('service_tier');
  const qualifierSlot =
    pricing.qualifierDimension === undefined ? -1 : names.indexOf(pricing.qualifierDimension);
  const modelCodes = new Map<DimensionValue, number>();
  const qualifierCodes = new Map<DimensionValue, number>();
  const plans = new Map<number, readonly PriceLookup[]>();
  const quantities = new Float64Array(pricing.units.length);
  const width = names.length;

  const codeOf = (codes: Map<DimensionValue, number>, value: DimensionValue): number => {
    let code = codes.get(value);
    if (code === undefined) {
      code = codes.size;
      codes.set(value, code);
    }
    return code;
  };

  const planFor = (
    dayIndex: number,
    model: DimensionValue,
    variant: PriceVariant,
    qualifier: DimensionValue,
  ): readonly PriceLookup[] => {
    const modelCode = codeOf(modelCodes, model);
    const qualifierCode = codeOf(qualifierCodes, qualifier);
    if (qualifierCode >= QUALIFIER_RADIX || dayIndex >= DAY_RADIX || dayIndex < 0) {
      throw invalid(
        'input',
        `cannot key prices for day ${dayIndex} and ${qualifierCode} qualifiers`,
      );
    }
    const key =
      ((modelCode * QUALIFIER_RADIX + qualifierCode) * VARIANT_RADIX +
        PRICE_VARIANTS.indexOf(variant)) *
        DAY_RADIX +
      dayIndex;
    let plan = plans.get(key);
    if (plan === undefined) {
      const date = dayString(dayIndex);
      plan = pricing.units.map((unit) =>
        book.lookup({
          endpoint,
          model: typeof model === 'string' ? model : null,
          unit,
          date,
          variant,
          size: endpoint === 'images' && typeof qualifier === 'string' ? qualifier : null,
          contextLevel:
            endpoint === 'web_search_calls' && typeof qualifier === 'string' ? qualifier : null,
        }),
      );
      plans.set(key, plan);
    }
    return plan;
  };

  for (let group = 0; group < table.count; group += 1) {
    pricing.decompose(table.sums, group * table.width, quantities);
    const base = group * width;
    const model = modelSlot < 0 ? null : (table.values[base + modelSlot] as DimensionValue);
    const batch = batchSlot < 0 ? null : table.values[base + batchSlot];
    const tier = tierSlot < 0 ? null : table.values[base + tierSlot];
    const qualifier =
      qualifierSlot < 0 ? null : (table.values[base + qualifierSlot] as DimensionValue);
    const variant = priceVariantOf(
      batch === true ? true : null,
      typeof tier === 'string' ? tier : null,
    );
    const dayIndex = table.days[group] as number;
    const lastDayIndex = table.lastDays[group] as number;
    const plan = planFor(dayIndex, model, variant, qualifier);
    const endPlan =
      lastDayIndex > dayIndex ? planFor(lastDayIndex, model, variant, qualifier) : plan;
    let dimensions: LineDimensions | undefined;
    let date: string | undefined;
    for (let slot = 0; slot < quantities.length; slot += 1) {
      const quantity = quantities[slot] as number;
      if (quantity === 0) continue;
      if (!Number.isSafeInteger(quantity)) {
        throw invalid(
          `${endpoint} ${pricing.units[slot]} on ${dayString(dayIndex)}`,
          `summed to ${quantity}, not a whole number of units below 2^53; check the counters (${pricing.metrics.join(', ')})`,
        );
      }
      if (dimensions === undefined) {
        const record: Record<string, DimensionValue> = {};
        for (let index = 0; index < width; index += 1) {
          record[names[index] as string] = table.values[base + index] as DimensionValue;
        }
        dimensions = record;
        date = dayString(dayIndex);
      }
      const price = plan[slot] as PriceLookup;
      lines.push(
        lineOf(
          endpoint,
          date as string,
          dimensions,
          pricing.units[slot] as PriceUnit,
          quantity,
          price,
          undefined,
          periodAssumption(price, endPlan[slot] as PriceLookup, date as string, lastDayIndex),
        ),
      );
    }
  }
}

/**
 * Says so when a roll-up period spans days whose prices differ; such a row is priced at the price
 * in force on its first day.
 */
function periodAssumption(
  first: PriceLookup,
  last: PriceLookup,
  date: string,
  lastDayIndex: number,
): string | undefined {
  if (first === last) return undefined;
  const same =
    first.priced === last.priced &&
    (!first.priced || !last.priced || first.unitPricePicos === last.unitPricePicos);
  if (same) return undefined;
  return `the price changed within the period ${date}..${dayString(lastDayIndex)}; priced at the price in force on ${date} (roll up by day for exact prices)`;
}
function lineOf(
  endpoint: UsageEndpointName,
  date: string,
  dimensions: LineDimensions,
  unit: PriceUnit,
  quantity: number,
  price: PriceLookup,
  amountOverride?: Money,
  extraAssumption?: string,
): PricedLine {
  if (!price.priced) {
    return {
      endpoint,
      date,
      dimensions,
      unit,
      quantity,
      unitPrice: null,
      unitPricePicos: null,
      effectiveFrom: null,
      source: null,
      sourceDetail: null,
      matchedModel: price.matchedModel ?? null,
      amount: null,
      confidence: 'unpriced',
      assumption: price.reason,
    };
  }
  const assumption =
    extraAssumption === undefined
      ? price.assumption
      : price.assumption === undefined
        ? extraAssumption
        : `${extraAssumption}; ${price.assumption}`;
  return {
    endpoint,
    date,
    dimensions,
    unit,
    quantity,
    unitPrice: price.unitPrice,
    unitPricePicos: price.unitPricePicos,
    effectiveFrom: price.effectiveFrom,
    source: price.source,
    sourceDetail: price.sourceDetail,
    matchedModel: price.matchedModel,
    amount: amountOverride ?? multiplyToMicros(quantity, price.unitPricePicos),
    confidence: assumption === undefined ? price.confidence : 'estimated',
    assumption,
  };
}

function vectorLines(rows: readonly VectorRow[], book: PriceBook): PricedLine[] {
  const totals = new Map<number, { byteDays: number; periodDays: number }>();
  for (const row of rows) {
    const total = totals.get(row.startSeconds) ?? { byteDays: 0, periodDays: row.periodDays };
    total.byteDays += row.byteDays;
    totals.set(row.startSeconds, total);
  }
  const groups = new Map<
    string,
    { dayIndex: number; dimensions: LineDimensions; gibDays: number }
  >();
  for (const row of rows) {
    const total = totals.get(row.startSeconds) as { byteDays: number; periodDays: number };
    const free = FREE_VECTOR_BYTES * total.periodDays;
    if (row.byteDays <= 0 || total.byteDays <= free) continue;
    const gibDays = (row.byteDays * (total.byteDays - free)) / total.byteDays / GIB;
    const dayIndex = Math.floor(row.startSeconds / DAY_SECONDS);
    const key = JSON.stringify([dayIndex, row.dimensions]);
    const group = groups.get(key) ?? { dayIndex, dimensions: row.dimensions, gibDays: 0 };
    group.gibDays += gibDays;
    groups.set(key, group);
  }
  const lines: PricedLine[] = [];
  for (const group of groups.values()) {
    const date = dayString(group.dayIndex);
    const price = book.lookup({ endpoint: 'vector_stores', model: null, unit: 'gb_days', date });
    const amount = price.priced
      ? Math.round((group.gibDays * price.unitPricePicos) / 1e6)
      : undefined;
    lines.push(
      lineOf(
        'vector_stores',
        date,
        group.dimensions,
        'gb_days',
        group.gibDays,
        price,
        amount,
        'usage_bytes taken as held for the whole bucket (a daily roll-up row as one daily snapshot); the first GiB per organization and day is free, shared pro rata across projects',
      ),
    );
  }
  return lines;
}

/** Exact pico-units of a priced line: integer quantities multiply exactly, GiB-days round once. */
function linePicos(line: PricedLine): bigint {
  const price = line.unitPricePicos ?? 0;
  return Number.isInteger(line.quantity)
    ? BigInt(line.quantity) * BigInt(price)
    : BigInt(Math.round(line.quantity * price));
}

function summarize(lines: PricedLine[], skippedRows: number): CostEstimate {
  let exactPicos = 0n;
  let lineSum = 0;
  const confidence = {
    exact: { amount: 0, lines: 0 },
    estimated: { amount: 0, lines: 0 },
    unpriced: { amount: 0, lines: 0 },
  };
  const unpriced = new Map<string, UnpricedUsage>();
  for (const line of lines) {
    const bucket = confidence[line.confidence];
    bucket.lines += 1;
    if (line.amount !== null) {
      exactPicos += linePicos(line);
      lineSum = addMoney(lineSum, line.amount);
      bucket.amount = addMoney(bucket.amount, line.amount);
      continue;
    }
    const model = typeof line.dimensions.model === 'string' ? line.dimensions.model : null;
    const reason = line.assumption ?? 'no price';
    const key = JSON.stringify([line.endpoint, model, line.unit, reason]);
    const previous = unpriced.get(key);
    unpriced.set(key, {
      endpoint: line.endpoint,
      model,
      unit: line.unit,
      reason,
      quantity: (previous?.quantity ?? 0) + line.quantity,
      lines: (previous?.lines ?? 0) + 1,
    });
  }
  const total = assertMoney(Number(roundBigPicosToMicros(exactPicos)), 'total');
  return {
    lines,
    total,
    roundingDifference: total - lineSum,
    currency: 'usd',
    unpriced: [...unpriced.values()],
    skippedRows,
    byConfidence: confidence,
  };
}
