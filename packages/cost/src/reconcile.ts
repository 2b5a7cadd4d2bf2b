import { type BillCategory, billLineOfLineItem, billLineOfPricedLine } from './bill-line';
import { unitsOfQuantity } from './calibrate';
import { type CostRow, type CostsInput, flattenCosts } from './costs-rows';
import type { CostEstimate } from './estimate-cost';
import type { Money } from './money';
import { priceVariantOf } from './price-unit';
import type { PricedLine } from './pricing/priced-line';
import { allocateScaleTierUnits } from './scale-tier-allocation';
import { utcDay } from './utc-day';
import type { VarianceCause, VarianceCauseName } from './variance-cause';
import { type CauseContext, causesOf, type GroupFigures } from './variance-causes';

/**
 * The names of the causes a group's variance has (see {@link VarianceCauseName}), plus
 * `unexplained` when part of it has none. Kept for callers that list labels; the dollars are in
 * {@link ReconciliationGroup.causes}.
 */
export type VarianceReason = VarianceCauseName | 'unexplained';

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
  /**
   * Organization-level charges allocated into (+) or out of (−) the group, in micro-units: the
   * "scale tier units" line moves from its null-project group to the groups of the Scale Tier
   * usage it prepays, in proportion to their scale-tier tokens that day. Sums to 0 over all groups.
   */
  readonly allocated: Money;
  /** billed + allocated − estimated, in micro-units; equals Σ `causes[].amount` + `unexplained`. */
  readonly variance: Money;
  /** What explains the variance, in micro-units, largest first; empty when there is none. */
  readonly causes: readonly VarianceCause[];
  /** The part of the variance no cause explains, in micro-units. */
  readonly unexplained: Money;
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
  /** The names of `causes`, plus `unexplained` when it is not 0. */
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
}

/** The result of {@link reconcile}. */
export interface Reconciliation {
  /** The grouping beyond day and project, or null for none. */
  readonly by: ReconcileDimension | null;
  /** One group per (day, project[, key]), ordered by day, project and key. */
  readonly groups: ReconciliationGroup[];
  /**
   * Estimated, billed and variance (billed − estimated) over every group, in micro-units, with the
   * causes summed by name (largest first) and the unexplained rest: variance = Σ causes + unexplained.
   */
  readonly totals: {
    readonly estimated: Money;
    readonly billed: Money;
    readonly variance: Money;
    readonly causes: readonly VarianceCause[];
    readonly unexplained: Money;
  };
  /** The last UTC day the costs cover, or null when they are empty. */
  readonly billedThrough: string | null;
}

interface Accumulator extends GroupFigures {
  key: string | null;
  lineItems: Set<string>;
  estimated: number;
  scaleEstimated: number;
  billed: number;
  /** Bill amount of the group's org-level "scale tier units" rows, in micro-units. */
  scaleUnitsBilled: number;
  allocated: number;
  lines: number;
  unpricedLines: number;
  assumedLines: number;
  tierLines: number;
  /** Scale Tier tokens of the group, the weight of its share of the "scale tier units" line. */
  scaleUnits: number;
  estimatedUnits: number;
  billedUnits: number;
  billedRows: number;
  unpriced: Map<string, { unit: string; reason: string; quantity: number }>;
}

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
  const estimated = group.estimated - group.scaleEstimated;
  if (
    group.billedRows === 0 ||
    !(group.billedUnits > 0) ||
    !(group.estimatedUnits > 0) ||
    estimated <= 0 ||
    group.unpricedLines > 0
  ) {
    return { price: null, quantity: null };
  }
  const quantity = group.billedUnits / group.estimatedUnits;
  const price = group.billed / group.billedUnits / (estimated / group.estimatedUnits);
  return { price, quantity };
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
        scaleEstimated: 0,
        billed: 0,
        scaleUnitsBilled: 0,
        allocated: 0,
        lines: 0,
        unpricedLines: 0,
        assumedLines: 0,
        tierLines: 0,
        scaleUnits: 0,
        estimatedUnits: 0,
        billedUnits: 0,
        billedRows: 0,
        unpriced: new Map(),
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
    if (row.lineItem !== null) {
      group.lineItems.add(row.lineItem);
      if (
        row.projectId === null &&
        billLineOfLineItem(row.lineItem)?.category === 'scale tier units'
      ) {
        group.scaleUnitsBilled += row.amountMicros ?? 0;
      }
    }
    const converted =
      row.quantity === null || row.quantityUnit === null
        ? undefined
        : unitsOfQuantity(row.quantity, row.quantityUnit);
    group.billedUnits = converted === undefined ? Number.NaN : group.billedUnits + converted.units;
  }
  /** Unpriced usage per (day, project), for bill rows that no usage line meets. */
  const unpricedByProject = new Map<string, Accumulator['unpriced']>();
  for (const line of input.estimate.lines) {
    const projectId =
      typeof line.dimensions.project_id === 'string' ? line.dimensions.project_id : null;
    const { key, category } = keyOfLine(by, line);
    const group = groupOf(line.date, projectId, key, category);
    group.lines += 1;
    const batch = typeof line.dimensions.batch === 'boolean' ? line.dimensions.batch : null;
    const tier =
      typeof line.dimensions.service_tier === 'string' ? line.dimensions.service_tier : null;
    const variant = priceVariantOf(batch, tier);
    if (variant === 'scale') group.scaleUnits += line.quantity;
    else if (variant !== 'standard') group.tierLines += 1;
    if (line.confidence === 'estimated') group.assumedLines += 1;
    if (line.amount === null) {
      group.unpricedLines += 1;
      const reason = line.assumption ?? 'no price';
      const projectKey = JSON.stringify([line.date, projectId]);
      const ofProject = unpricedByProject.get(projectKey) ?? new Map();
      unpricedByProject.set(projectKey, ofProject);
      for (const unpriced of [group.unpriced, ofProject]) {
        const entryKey = `${line.unit}\u0000${reason}`;
        const entry = unpriced.get(entryKey) ?? { unit: line.unit, reason, quantity: 0 };
        entry.quantity += line.quantity;
        unpriced.set(entryKey, entry);
      }
    } else if (variant === 'scale') {
      group.estimated += line.amount;
      group.scaleEstimated += line.amount;
    } else {
      group.estimated += line.amount;
      group.estimatedUnits += line.quantity;
    }
  }
  allocateScaleTierUnits(groups.values());
  const inProgressDay = input.now === undefined ? null : utcDay(input.now);
  const context: CauseContext = {
    isBilledDay: (day) =>
      billedThrough !== null &&
      day <= billedThrough &&
      (inProgressDay === null || day < inProgressDay),
    unpricedOfProject: (day, projectId) => unpricedByProject.get(JSON.stringify([day, projectId])),
    tolerance,
  };
  const result: ReconciliationGroup[] = [];
  let estimatedTotal = 0;
  let billedTotal = 0;
  let unexplainedTotal = 0;
  const causeTotals = new Map<VarianceCauseName, { amount: number; details: Set<string> }>();
  for (const group of groups.values()) {
    const ratios = ratiosOf(group);
    const { causes, unexplained } = causesOf(group, context);
    estimatedTotal += group.estimated;
    billedTotal += group.billed;
    unexplainedTotal += unexplained;
    for (const cause of causes) {
      const total = causeTotals.get(cause.cause) ?? { amount: 0, details: new Set() };
      total.amount += cause.amount;
      if (cause.cause === 'unpriced_usage' && cause.detail !== null)
        total.details.add(cause.detail);
      causeTotals.set(cause.cause, total);
    }
    const reasons: VarianceReason[] = causes.map((cause) => cause.cause);
    if (unexplained !== 0) reasons.push('unexplained');
    const variance = group.billed + group.allocated - group.estimated;
    result.push({
      date: group.date,
      projectId: group.projectId,
      key: group.key,
      category: group.category,
      lineItems: [...group.lineItems].sort(),
      estimated: group.estimated,
      billed: group.billed,
      allocated: group.allocated,
      variance,
      causes,
      unexplained,
      variancePercent: group.billed === 0 ? null : (variance / group.billed) * 100,
      unpricedLines: group.unpricedLines,
      effectivePriceRatio: ratios.price,
      quantityRatio: ratios.quantity,
      reasons: [...new Set(reasons)],
    });
  }
  result.sort(
    (left, right) =>
      left.date.localeCompare(right.date) ||
      String(left.projectId).localeCompare(String(right.projectId)) ||
      String(left.key).localeCompare(String(right.key)),
  );
  const totalCauses: VarianceCause[] = [...causeTotals]
    .map(([cause, total]) => ({
      cause,
      amount: total.amount,
      detail: total.details.size === 0 ? null : [...total.details].join('; '),
    }))
    .filter((cause) => cause.amount !== 0)
    .sort((left, right) => Math.abs(right.amount) - Math.abs(left.amount));
  return {
    by,
    groups: result,
    totals: {
      estimated: estimatedTotal,
      billed: billedTotal,
      variance: billedTotal - estimatedTotal,
      causes: totalCauses,
      unexplained: unexplainedTotal,
    },
    billedThrough,
  };
}
