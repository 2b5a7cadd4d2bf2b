import { type BillCategory, billLineOfLineItem, billLineOfPricedLine } from './bill-line';
import { unitsOfQuantity } from './calibrate';
import { type CostRow, type CostsInput, flattenCosts } from './costs-rows';
import type { CostEstimate } from './estimate-cost';
import type { Money } from './money';
import { priceVariantOf } from './price-unit';
import type { PricedLine } from './pricing/priced-line';
import { utcDay } from './utc-day';

/**
 * Why an estimate and the bill differ for a group:
 * - `missing_price`: usage without a price (not in the estimate's amount);
 * - `estimated_price`: prices resting on an assumption (unit not exact);
 * - `tier_or_batch`: batch or service-tier usage (Scale Tier usage is prepaid by org-level units);
 * - `org_level_charge`: billed with a null project and no usage behind it (Scale Tier units…);
 * - `not_in_usage`: billed for a project with no usage reported (fine-tuning training…);
 * - `not_billed`: usage on a day the bill does not cover yet (the in-progress UTC day);
 * - `not_in_bill`: usage on a day the bill covers, with no bill line for it;
 * - `rounding`: within the rounding tolerance;
 * - `price_differs`: same quantity, other unit price (a negotiated discount or a price change;
 *   see `effectivePriceRatio`);
 * - `billing_granularity`: billed in coarser steps than usage is counted (transcription per
 *   started minute);
 * - `free_tier`: a free allowance the bill deducts and the estimate does not: the first GiB of
 *   vector storage (billed below the estimate at the same unit price);
 * - `quantity_differs`: same unit price, other quantity (usage and bill count differently);
 * - `unexplained`: none of the above.
 */
export type VarianceReason =
  | 'missing_price'
  | 'estimated_price'
  | 'tier_or_batch'
  | 'org_level_charge'
  | 'not_in_usage'
  | 'not_billed'
  | 'not_in_bill'
  | 'rounding'
  | 'price_differs'
  | 'billing_granularity'
  | 'free_tier'
  | 'quantity_differs'
  | 'unexplained';

/** The grouping beyond day and project, read from how the costs were grouped. */
export type ReconcileDimension = 'line_item' | 'api_key_id' | 'user_id';

/** One (day, project[, line item | API key | user]) group: estimate against bill. */
export interface ReconciliationGroup {
  /** UTC day `YYYY-MM-DD`. */
  readonly date: string;
  /** The project, or null for organization-level charges. */
  readonly projectId: string | null;
  /**
   * The canonical bill line key (see `billLineOfLineItem`) when grouped by line item (a line item
   * that cannot be read keeps its own text and stays unmatched), else the API key or user, else null.
   */
  readonly key: string | null;
  /** What the bill line charges for, when grouped by line item and the line could be read. */
  readonly category: BillCategory | null;
  /** The Costs API line items joined into this group, as billed. */
  readonly lineItems: readonly string[];
  /** Sum of the estimate's priced line amounts, in micro-units. */
  readonly estimated: Money;
  /** Sum of the Costs API amounts, in micro-units. */
  readonly billed: Money;
  /** billed − estimated. */
  readonly variance: Money;
  /** variance / billed × 100, or null when nothing was billed. */
  readonly variancePercent: number | null;
  /** Lines of usage in the group that have no price (not in `estimated`). */
  readonly unpricedLines: number;
  /**
   * The bill's effective unit price (amount ÷ `quantity` in estimator units) over the estimate's
   * unit price, when both sides have quantities; 0.85 reads as a 15 % discount.
   */
  readonly effectivePriceRatio: number | null;
  /** Billed quantity (in estimator units) over estimated quantity, when both are known. */
  readonly quantityRatio: number | null;
  /** What explains the variance; empty when there is none. */
  readonly reasons: VarianceReason[];
}

/** Options of {@link reconcile}. */
export interface ReconcileInput {
  /** The estimate of `estimateCost`. */
  readonly estimate: CostEstimate;
  /** Costs API buckets (grouped by project_id and optionally line_item, api_key_id or user_id). */
  readonly costs: CostsInput;
  /** The extra grouping; detected from the costs rows when omitted. */
  readonly by?: ReconcileDimension | undefined;
  /** Variances within this many micro-units count as rounding. @default 5000 (half a cent) */
  readonly roundingToleranceMicros?: number | undefined;
  /**
   * The current time (Unix seconds or milliseconds, ISO string or Date): its UTC day is in
   * progress and not billed yet. Days after the last day the costs cover are never billed yet.
   * @default the last day the costs cover is complete
   */
  readonly now?: number | string | Date | undefined;
  /**
   * Relative difference under which two unit prices or two quantities count as equal.
   * @default 0.005
   */
  readonly ratioTolerance?: number | undefined;
}

/** The result of {@link reconcile}. */
export interface Reconciliation {
  /** The grouping beyond day and project, or null for none. */
  readonly by: ReconcileDimension | null;
  /** One group per (day, project[, key]), ordered by day, project and key. */
  readonly groups: ReconciliationGroup[];
  /** Estimated, billed and variance (billed − estimated) over every group, in micro-units. */
  readonly totals: { readonly estimated: Money; readonly billed: Money; readonly variance: Money };
  /** The last UTC day the costs cover, or null when they are empty. */
  readonly billedThrough: string | null;
}

interface Accumulator {
  date: string;
  projectId: string | null;
  key: string | null;
  category: BillCategory | null;
  lineItems: Set<string>;
  estimated: number;
  billed: number;
  lines: number;
  unpriced: number;
  estimatedLines: number;
  tierLines: number;
  scaleLines: number;
  /** Quantity of the priced estimate lines, in estimator units. */
  estimatedUnits: number;
  /** Billed quantity in estimator units, NaN once a row has none or an unknown unit. */
  billedUnits: number;
  billedRows: number;
}

/** Transcription is billed per started minute: each billed row can round up by under 60 s. */
const SECONDS_PER_BILLED_MINUTE = 60;
/**
 * Share above the per-second price that rounding up to started minutes explains when the bill
 * sums several keys into one row (each key and day rounds up on its own).
 */
const MINUTE_ROUNDING_SHARE = 0.02;

function keyOfCostRow(
  by: ReconcileDimension | null,
  row: CostRow,
): {
  key: string | null;
  category: BillCategory | null;
} {
  if (by === 'line_item') {
    if (row.lineItem === null) return { key: null, category: null };
    const line = billLineOfLineItem(row.lineItem);
    return line === undefined
      ? { key: row.lineItem.trim(), category: null }
      : { key: line.key, category: line.category };
  }
  return {
    key: by === 'api_key_id' ? row.apiKeyId : by === 'user_id' ? row.userId : null,
    category: null,
  };
}

function keyOfLine(
  by: ReconcileDimension | null,
  line: PricedLine,
): {
  key: string | null;
  category: BillCategory | null;
} {
  if (by === 'line_item') {
    const billLine = billLineOfPricedLine(line);
    return { key: billLine.key, category: billLine.category };
  }
  const dimension = by === null ? null : line.dimensions[by];
  return { key: typeof dimension === 'string' ? dimension : null, category: null };
}

function detectDimension(rows: readonly CostRow[]): ReconcileDimension | null {
  if (rows.some((row) => row.lineItem !== null)) return 'line_item';
  if (rows.some((row) => row.apiKeyId !== null)) return 'api_key_id';
  if (rows.some((row) => row.userId !== null)) return 'user_id';
  return null;
}

/** Quantity and unit-price comparison of a group whose two sides both carry quantities. */
function ratiosOf(group: Accumulator): { price: number | null; quantity: number | null } {
  if (
    group.billedRows === 0 ||
    !(group.billedUnits > 0) ||
    !(group.estimatedUnits > 0) ||
    group.estimated <= 0 ||
    group.unpriced > 0
  ) {
    return { price: null, quantity: null };
  }
  const quantity = group.billedUnits / group.estimatedUnits;
  const price = group.billed / group.billedUnits / (group.estimated / group.estimatedUnits);
  return { price, quantity };
}

interface Coverage {
  readonly billedThrough: string | null;
  readonly inProgressDay: string | null;
}

function isBilledDay(day: string, coverage: Coverage): boolean {
  if (coverage.billedThrough === null || day > coverage.billedThrough) return false;
  return coverage.inProgressDay === null || day < coverage.inProgressDay;
}

/** Reasons beyond rounding for a group whose variance is not zero. */
function reasonsOf(
  group: Accumulator,
  variance: number,
  ratios: { price: number | null; quantity: number | null },
  coverage: Coverage,
  tolerance: number,
): VarianceReason[] {
  const reasons: VarianceReason[] = [];
  if (group.unpriced > 0) reasons.push('missing_price');
  if (group.lines === 0) {
    reasons.push(group.projectId === null ? 'org_level_charge' : 'not_in_usage');
    return reasons;
  }
  if (group.billedRows === 0 && group.billed === 0) {
    if (group.scaleLines === group.lines) reasons.push('tier_or_batch');
    else reasons.push(isBilledDay(group.date, coverage) ? 'not_in_bill' : 'not_billed');
    return reasons;
  }
  const unitPrice = group.estimatedUnits > 0 ? group.estimated / group.estimatedUnits : 0;
  const samePrice = ratios.price !== null && Math.abs(ratios.price - 1) <= tolerance;
  const sameQuantity = ratios.quantity !== null && Math.abs(ratios.quantity - 1) <= tolerance;
  if (
    group.category === 'audio seconds' &&
    variance > 0 &&
    unitPrice > 0 &&
    (ratios.quantity === null || sameQuantity) &&
    (variance / unitPrice <= SECONDS_PER_BILLED_MINUTE * Math.max(group.lines, group.billedRows) ||
      (ratios.price !== null && ratios.price <= 1 + MINUTE_ROUNDING_SHARE))
  ) {
    reasons.push('billing_granularity');
  } else if (sameQuantity && !samePrice && ratios.price !== null) {
    reasons.push('price_differs');
  } else if (variance < 0 && !isBilledDay(group.date, coverage)) {
    reasons.push('not_billed');
  } else if (group.category === 'vector storage' && samePrice && ratios.quantity !== null) {
    // The estimate prices the byte-time held without deducting the free first GiB; a bill that
    // deducts it is lower (the allowance), any other gap is how the bill samples the level.
    if (variance < 0) reasons.push('free_tier');
    reasons.push('billing_granularity');
  } else if (samePrice && !sameQuantity && ratios.quantity !== null) {
    reasons.push('quantity_differs');
  }
  if (reasons.length > 0) return reasons;
  if (group.tierLines > 0) reasons.push('tier_or_batch');
  if (group.estimatedLines > 0) reasons.push('estimated_price');
  if (reasons.length === 0) reasons.push('unexplained');
  return reasons;
}

/**
 * Joins an estimate with Costs API results by UTC day and project (and line item, API key or
 * user when the costs are grouped by it), and attributes each group's variance where it can.
 * Line items are joined on their canonical bill line (`billLineOfLineItem` on the bill's text,
 * `billLineOfPricedLine` on the estimate's lines), so `"gpt-4.1-2025-04-14, cached input"` meets
 * the estimate's cached text and cached image tokens of that model. A null project is normal
 * (organization-level charges). See {@link VarianceReason} for what each reason means.
 *
 * @param input The estimate, the costs and the options.
 *
 * @returns One group per key, sorted by day then project, the totals and the last billed day.
 */
export function reconcile(input: ReconcileInput): Reconciliation {
  const rows = flattenCosts(input.costs);
  const by: ReconcileDimension | null = input.by ?? detectDimension(rows);
  const tolerance = input.roundingToleranceMicros ?? 5000;
  const ratioTolerance = input.ratioTolerance ?? 0.005;
  const groups = new Map<string, Accumulator>();
  const groupOf = (
    date: string,
    projectId: string | null,
    key: string | null,
    category: BillCategory | null,
  ) => {
    const id = JSON.stringify([date, projectId, key]);
    let group = groups.get(id);
    if (group === undefined) {
      group = {
        date,
        projectId,
        key,
        category,
        lineItems: new Set(),
        estimated: 0,
        billed: 0,
        lines: 0,
        unpriced: 0,
        estimatedLines: 0,
        tierLines: 0,
        scaleLines: 0,
        estimatedUnits: 0,
        billedUnits: 0,
        billedRows: 0,
      };
      groups.set(id, group);
    }
    return group;
  };
  let billedThrough: string | null = null;
  for (const row of rows) {
    if (billedThrough === null || row.day > billedThrough) billedThrough = row.day;
    const { key, category } = keyOfCostRow(by, row);
    const group = groupOf(row.day, row.projectId, key, category);
    group.billed += row.amountMicros ?? 0;
    group.billedRows += 1;
    if (row.lineItem !== null) group.lineItems.add(row.lineItem);
    const converted =
      row.quantity === null || row.quantityUnit === null
        ? undefined
        : unitsOfQuantity(row.quantity, row.quantityUnit);
    group.billedUnits = converted === undefined ? Number.NaN : group.billedUnits + converted.units;
  }
  for (const line of input.estimate.lines) {
    const projectId =
      typeof line.dimensions.project_id === 'string' ? line.dimensions.project_id : null;
    const { key, category } = keyOfLine(by, line);
    const group = groupOf(line.date, projectId, key, category);
    group.lines += 1;
    if (line.amount === null) group.unpriced += 1;
    else {
      group.estimated += line.amount;
      group.estimatedUnits += line.quantity;
    }
    if (line.confidence === 'estimated') group.estimatedLines += 1;
    const batch = typeof line.dimensions.batch === 'boolean' ? line.dimensions.batch : null;
    const tier =
      typeof line.dimensions.service_tier === 'string' ? line.dimensions.service_tier : null;
    const variant = priceVariantOf(batch, tier);
    if (variant !== 'standard') group.tierLines += 1;
    if (variant === 'scale') group.scaleLines += 1;
  }
  const coverage: Coverage = {
    billedThrough,
    inProgressDay: input.now === undefined ? null : utcDay(input.now),
  };
  const result: ReconciliationGroup[] = [];
  let estimatedTotal = 0;
  let billedTotal = 0;
  for (const group of groups.values()) {
    const variance = group.billed - group.estimated;
    const ratios = ratiosOf(group);
    const reasons: VarianceReason[] =
      variance === 0
        ? []
        : Math.abs(variance) <= Math.max(tolerance, group.lines)
          ? ['rounding']
          : reasonsOf(group, variance, ratios, coverage, ratioTolerance);
    estimatedTotal += group.estimated;
    billedTotal += group.billed;
    result.push({
      date: group.date,
      projectId: group.projectId,
      key: group.key,
      category: group.category,
      lineItems: [...group.lineItems].sort(),
      estimated: group.estimated,
      billed: group.billed,
      variance,
      variancePercent: group.billed === 0 ? null : (variance / group.billed) * 100,
      unpricedLines: group.unpriced,
      effectivePriceRatio: ratios.price,
      quantityRatio: ratios.quantity,
      reasons,
    });
  }
  result.sort(
    (left, right) =>
      left.date.localeCompare(right.date) ||
      String(left.projectId).localeCompare(String(right.projectId)) ||
      String(left.key).localeCompare(String(right.key)),
  );
  return {
    by,
    groups: result,
    totals: {
      estimated: estimatedTotal,
      billed: billedTotal,
      variance: billedTotal - estimatedTotal,
    },
    billedThrough,
  };
}
