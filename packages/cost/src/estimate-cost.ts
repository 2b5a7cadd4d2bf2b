import { type EndpointName, endpointNames, isEndpointName } from '@usagekit/schemas';
import { InvalidCostInputError } from './errors';
import { addMoney, assertMoney, type Money, roundBigPicosToMicros } from './money';
import type { PriceBook } from './price-book';
import type { PriceUnit } from './price-unit';
import { ENDPOINT_PRICING } from './pricing/endpoint-pricing';
import type { PricedLine } from './pricing/priced-line';
import { createUnitRates } from './pricing/unit-rates';
import type { UsageEndpointName } from './pricing/usage-endpoint';
import { GroupTable, type UsagePeriod } from './pricing/usage-group-table';
import { DAY_SECONDS } from './utc-day';

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
  /** How many priced lines (from a result pricer: how many results) this covers. */
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

/** The longest row whose level is read as held throughout it (25 hours: a day a zone falls back). */
const MAX_LEVEL_ROW_SECONDS = 25 * 3600;

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
 * rounded once; unpriced usage is listed next to it, never counted as $0. Each endpoint's groups
 * are priced by its strategy in `ENDPOINT_PRICING` (vector storage on byte-time: `usage_bytes` ×
 * the bucket's seconds, in GiB-days, or a roll-up row's `usage_bytes_seconds`).
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
  let skippedRows = 0;

  function tableFor(endpoint: UsageEndpointName): GroupTable {
    let table = tables.get(endpoint);
    if (table === undefined) {
      table = new GroupTable(endpoint, ENDPOINT_PRICING[endpoint]);
      tables.set(endpoint, table);
    }
    return table;
  }

  function add(
    table: GroupTable,
    period: UsagePeriod,
    results: readonly Readonly<Record<string, unknown>>[],
  ): void {
    const root = table.rootFor(period);
    for (let index = 0; index < results.length; index += 1) {
      table.add(root, period, results[index] as Readonly<Record<string, unknown>>);
    }
  }

  function addBuckets(item: EndpointBuckets, path: string): void {
    const table = tableFor(toUsageEndpoint(item.endpoint, `${path}.endpoint`));
    item.buckets.forEach((bucket, bucketIndex) => {
      const start = seconds(bucket.start_time, `${path}.buckets[${bucketIndex}].start_time`);
      const end = bucket.end_time;
      const dayIndex = Math.floor(start / DAY_SECONDS);
      add(
        table,
        {
          dayIndex,
          lastDayIndex: dayIndex,
          seconds: end === undefined || end <= start ? DAY_SECONDS : end - start,
        },
        bucket.results ?? [],
      );
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
    const table = tableFor(endpoint);
    const { requiredMetrics, level } = table.strategy;
    for (const metric of requiredMetrics) {
      if (typeof row[metric] !== 'number') {
        throw invalid(
          `${path}.${metric}`,
          `missing; ${endpoint} rows need ${requiredMetrics.join(', ')} (roll up with the default metrics)`,
        );
      }
    }
    const rowSeconds = end === undefined || end <= start ? DAY_SECONDS : end - start;
    // Without its byte-time, a level is read as held over the whole row: only safe within a day.
    if (
      level !== undefined &&
      typeof row[level.timeMetric] !== 'number' &&
      rowSeconds > MAX_LEVEL_ROW_SECONDS
    ) {
      throw invalid(
        `${path}.${level.timeMetric}`,
        `missing; a ${endpoint} row longer than a day is priced on its byte-time (${level.metric} is a level, not a sum); roll up with grain "day", pass the raw buckets, or give ${level.timeMetric}`,
      );
    }
    const dayIndex = Math.floor(start / DAY_SECONDS);
    const lastDayIndex =
      end === undefined || end <= start ? dayIndex : Math.floor((end - 1) / DAY_SECONDS);
    add(table, { dayIndex, lastDayIndex, seconds: rowSeconds }, [row]);
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
  for (const table of tables.values()) {
    const { endpoint, strategy } = table;
    const rates = createUnitRates(
      options.priceBook,
      endpoint,
      strategy.units,
      strategy.qualifierDimension,
    );
    for (const line of strategy.price({ endpoint, groups: table.groups(), rates }))
      lines.push(line);
  }
  return summarize(lines, skippedRows);
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
