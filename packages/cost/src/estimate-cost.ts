import { type EndpointName, endpointNames, endpoints, isEndpointName } from '@usagekit/schemas';
import { InvalidCostInputError } from './errors';
import { addMoney, type Money, multiplyToMicros } from './money';
import type { PriceBook } from './price-book';
import type { Confidence, PriceLookup, PriceSource } from './price-types';
import { type PriceUnit, priceVariantOf } from './price-unit';
import { ENDPOINT_PRICING, type UsageEndpointName } from './usage-decomposition';
import { toEpochMs } from './utc-day';

/** A usage bucket as the client yields it or a page's `data` holds. */
export interface UsageBucketLike {
  readonly start_time: number;
  readonly end_time?: number | undefined;
  readonly results?: readonly Readonly<Record<string, unknown>>[] | undefined;
}

/** Raw buckets of one usage endpoint. */
export interface EndpointBuckets {
  readonly endpoint: EndpointName;
  readonly buckets: readonly UsageBucketLike[];
}

/**
 * A plain row from the aggregation engine: the period start, the endpoint, dimension values
 * (top level or under `dimensions`) and metric sums under `metrics`.
 */
export interface UsageRow {
  readonly endpoint: EndpointName;
  /** Unix seconds (below 10¹¹), Unix milliseconds, or an ISO string; priced on its UTC day. */
  readonly period_start: number | string;
  /** The period end, used for vector storage duration. @default one day after the start */
  readonly period_end?: number | string | undefined;
  readonly metrics: Readonly<Record<string, number | null | undefined>>;
  readonly dimensions?: Readonly<Record<string, unknown>> | undefined;
  readonly [dimension: string]: unknown;
}

/** What {@link estimateCost} accepts. */
export type EstimateInput = EndpointBuckets | readonly (EndpointBuckets | UsageRow)[];

/** Options of {@link estimateCost}. */
export interface EstimateOptions {
  /** The prices to use. */
  readonly priceBook: PriceBook;
  /** The endpoint of rows that do not name one. */
  readonly endpoint?: EndpointName | undefined;
}

/** Dimension values of a line: null means the usage was not grouped by it. */
export type LineDimensions = Readonly<Record<string, string | boolean | null>>;

/** One priced line: a unit of one endpoint's usage on one UTC day for one group. */
export interface PricedLine {
  readonly endpoint: UsageEndpointName;
  /** UTC day `YYYY-MM-DD`. */
  readonly date: string;
  readonly dimensions: LineDimensions;
  readonly unit: PriceUnit;
  /** Units used (tokens, characters, seconds, images, GiB-days, sessions, calls). */
  readonly quantity: number;
  /** Price per unit as an exact decimal string in USD, or null when unpriced. */
  readonly unitPrice: string | null;
  /** Price per unit in pico-units (10⁻¹² USD), or null when unpriced. */
  readonly unitPricePicos: number | null;
  readonly effectiveFrom: string | null;
  readonly source: PriceSource | null;
  readonly sourceDetail: string | null;
  readonly matchedModel: string | null;
  /** quantity × unit price, rounded once to micro-units; null when unpriced (never a silent 0). */
  readonly amount: Money | null;
  readonly confidence: Confidence;
  /** What was assumed (estimated) or why there is no price (unpriced). */
  readonly assumption?: string | undefined;
}

/** Usage that could not be priced, summed by endpoint, model, unit and reason. */
export interface UnpricedUsage {
  readonly endpoint: UsageEndpointName;
  readonly model: string | null;
  readonly unit: PriceUnit;
  readonly quantity: number;
  readonly reason: string;
  readonly lines: number;
}

/** Amount and line count for one confidence level. */
export interface ConfidenceTotal {
  readonly amount: Money;
  readonly lines: number;
}

/** The result of {@link estimateCost}. */
export interface CostEstimate {
  readonly lines: PricedLine[];
  /** Sum of priced line amounts; unpriced usage is listed in `unpriced`, not counted as 0. */
  readonly total: Money;
  readonly currency: 'usd';
  readonly unpriced: UnpricedUsage[];
  readonly byConfidence: {
    readonly exact: ConfidenceTotal;
    readonly estimated: ConfidenceTotal;
    readonly unpriced: ConfidenceTotal;
  };
}

/** Bytes in one GiB; vector storage is billed per GiB-day. */
const GIB = 1024 ** 3;
/** Seconds in a day. */
const DAY_SECONDS = 86_400;
/** The free vector storage per organization. */
const FREE_VECTOR_BYTES = GIB;

interface Group {
  readonly endpoint: UsageEndpointName;
  readonly dayIndex: number;
  readonly dimensions: LineDimensions;
  readonly quantities: Float64Array;
  readonly plan: readonly PriceLookup[];
}

interface VectorRow {
  readonly startSeconds: number;
  readonly durationSeconds: number;
  readonly bytes: number;
  readonly dimensions: LineDimensions;
}

function readDimension(
  source: Readonly<Record<string, unknown>>,
  nested: Readonly<Record<string, unknown>> | undefined,
  name: string,
): unknown {
  return nested === undefined ? source[name] : (nested[name] ?? source[name]);
}

function dimensionValue(value: unknown): string | boolean | null {
  return typeof value === 'string' || typeof value === 'boolean' ? value : null;
}

function toUsageEndpoint(name: unknown): UsageEndpointName {
  if (typeof name !== 'string' || !isEndpointName(name)) {
    throw new InvalidCostInputError('usage input', [
      `endpoint: unknown endpoint ${JSON.stringify(name)}; allowed: ${endpointNames.filter((endpoint) => endpoint !== 'costs').join(', ')}`,
    ]);
  }
  if (name === 'costs') {
    throw new InvalidCostInputError('usage input', [
      'endpoint: costs buckets are the bill, not usage; pass them to reconcile() or calibrate()',
    ]);
  }
  return name;
}

function dayString(dayIndex: number): string {
  return new Date(dayIndex * DAY_SECONDS * 1000).toISOString().slice(0, 10);
}

/**
 * Prices usage: raw buckets of any usage endpoint (`{ endpoint, buckets }`) or plain rows from the
 * aggregation engine. Every unit becomes a line per UTC day and group, at the price in force that
 * day, with its source and confidence. Quantities of a line are summed before they are priced,
 * so each line rounds once. Unpriced usage is listed next to the total, never counted as $0.
 * Vector storage: `usage_bytes` is taken as held for the whole bucket, and the first GiB per
 * organization is free, shared pro rata.
 *
 * @param input Buckets or rows.
 * @param options The price book.
 *
 * @returns Lines, the total, unpriced usage and totals by confidence.
 *
 * @throws {InvalidCostInputError} For an unknown endpoint or costs buckets.
 */
export function estimateCost(input: EstimateInput, options: EstimateOptions): CostEstimate {
  const book = options.priceBook;
  const groups = new Map<string, Group>();
  const vectorRows: VectorRow[] = [];
  const dimensionLists = new Map<UsageEndpointName, readonly string[]>();

  function dimensionsOf(endpoint: UsageEndpointName): readonly string[] {
    let list = dimensionLists.get(endpoint);
    if (list === undefined) {
      list = endpoints[endpoint].dimensions as readonly string[];
      dimensionLists.set(endpoint, list);
    }
    return list;
  }

  function planFor(endpoint: UsageEndpointName, dayIndex: number, dimensions: LineDimensions) {
    const pricing = ENDPOINT_PRICING[endpoint];
    const date = dayString(dayIndex);
    const model = dimensions.model;
    const qualifier = pricing.qualifierDimension
      ? dimensions[pricing.qualifierDimension]
      : undefined;
    return pricing.units.map((unit) =>
      book.lookup({
        endpoint,
        model: typeof model === 'string' ? model : null,
        unit,
        date,
        variant: priceVariantOf(
          dimensions.batch === true ? true : null,
          typeof dimensions.service_tier === 'string' ? dimensions.service_tier : null,
        ),
        size: endpoint === 'images' && typeof qualifier === 'string' ? qualifier : null,
        contextLevel:
          endpoint === 'web_search_calls' && typeof qualifier === 'string' ? qualifier : null,
      }),
    );
  }

  function add(
    endpoint: UsageEndpointName,
    startSeconds: number,
    endSeconds: number | undefined,
    source: Readonly<Record<string, unknown>>,
    nested: Readonly<Record<string, unknown>> | undefined,
    metrics: Readonly<Record<string, unknown>>,
  ): void {
    const names = dimensionsOf(endpoint);
    if (endpoint === 'vector_stores') {
      const dimensions: Record<string, string | boolean | null> = {};
      for (const name of names)
        dimensions[name] = dimensionValue(readDimension(source, nested, name));
      const bytes = metrics.usage_bytes;
      vectorRows.push({
        startSeconds,
        durationSeconds: endSeconds === undefined ? DAY_SECONDS : endSeconds - startSeconds,
        bytes: typeof bytes === 'number' ? bytes : 0,
        dimensions,
      });
      return;
    }
    const dayIndex = Math.floor(startSeconds / DAY_SECONDS);
    let key = `${endpoint}\u0001${dayIndex}`;
    if (nested === undefined) {
      for (let index = 0; index < names.length; index += 1) {
        key += `\u0001${source[names[index] as string]}`;
      }
    } else {
      for (let index = 0; index < names.length; index += 1)
        key += `\u0001${readDimension(source, nested, names[index] as string)}`;
    }
    let group = groups.get(key);
    if (group === undefined) {
      const dimensions: Record<string, string | boolean | null> = {};
      for (const name of names)
        dimensions[name] = dimensionValue(readDimension(source, nested, name));
      group = {
        endpoint,
        dayIndex,
        dimensions,
        quantities: new Float64Array(ENDPOINT_PRICING[endpoint].units.length),
        plan: planFor(endpoint, dayIndex, dimensions),
      };
      groups.set(key, group);
    }
    ENDPOINT_PRICING[endpoint].decompose(metrics, group.quantities);
  }

  const items: readonly (EndpointBuckets | UsageRow)[] = Array.isArray(input)
    ? (input as readonly (EndpointBuckets | UsageRow)[])
    : [input as EndpointBuckets];
  for (const item of items) {
    if ('buckets' in item && Array.isArray(item.buckets)) {
      const endpoint = toUsageEndpoint(item.endpoint);
      for (const bucket of item.buckets) {
        const results = bucket.results ?? [];
        for (const result of results) {
          add(endpoint, bucket.start_time, bucket.end_time, result, undefined, result);
        }
      }
    } else {
      const row = item as UsageRow;
      const endpoint = toUsageEndpoint(row.endpoint ?? options.endpoint);
      const startSeconds = Math.floor(toEpochMs(row.period_start) / 1000);
      const endSeconds =
        row.period_end === undefined ? undefined : Math.floor(toEpochMs(row.period_end) / 1000);
      add(endpoint, startSeconds, endSeconds, row, row.dimensions, row.metrics);
    }
  }

  const lines: PricedLine[] = [];
  for (const group of groups.values()) {
    const units = ENDPOINT_PRICING[group.endpoint].units;
    const date = dayString(group.dayIndex);
    for (let slot = 0; slot < units.length; slot += 1) {
      const quantity = group.quantities[slot] ?? 0;
      if (quantity === 0) continue;
      lines.push(
        lineOf(
          group.endpoint,
          date,
          group.dimensions,
          units[slot] as PriceUnit,
          quantity,
          group.plan[slot] as PriceLookup,
        ),
      );
    }
  }
  lines.push(...vectorLines(vectorRows, book));
  return summarize(lines);
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
  const totals = new Map<number, number>();
  for (const row of rows)
    totals.set(row.startSeconds, (totals.get(row.startSeconds) ?? 0) + row.bytes);
  const groups = new Map<
    string,
    { dayIndex: number; dimensions: LineDimensions; gibDays: number }
  >();
  for (const row of rows) {
    const total = totals.get(row.startSeconds) ?? 0;
    if (row.bytes <= 0 || total <= FREE_VECTOR_BYTES) continue;
    const billableBytes = (row.bytes * (total - FREE_VECTOR_BYTES)) / total;
    const gibDays = (billableBytes / GIB) * (row.durationSeconds / DAY_SECONDS);
    const dayIndex = Math.floor(row.startSeconds / DAY_SECONDS);
    const key = `${dayIndex}\u0001${JSON.stringify(row.dimensions)}`;
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
        'usage_bytes taken as held for the whole bucket; the first GiB per organization is free, shared pro rata across projects',
      ),
    );
  }
  return lines;
}

function summarize(lines: PricedLine[]): CostEstimate {
  let total = 0;
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
      total = addMoney(total, line.amount);
      bucket.amount = addMoney(bucket.amount, line.amount);
      continue;
    }
    const model = typeof line.dimensions.model === 'string' ? line.dimensions.model : null;
    const reason = line.assumption ?? 'no price';
    const key = `${line.endpoint}\u0001${model}\u0001${line.unit}\u0001${reason}`;
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
  return {
    lines,
    total,
    currency: 'usd',
    unpriced: [...unpriced.values()],
    byConfidence: confidence,
  };
}
