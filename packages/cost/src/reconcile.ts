import { type CostsInput, flattenCosts } from './costs-rows';
import type { CostEstimate, PricedLine } from './estimate-cost';
import { parseLineItem } from './line-item';
import type { Money } from './money';

/** Why an estimate and the bill differ for a group. */
export type VarianceReason =
  | 'missing_price'
  | 'estimated_price'
  | 'tier_or_batch'
  | 'org_level_charge'
  | 'not_in_usage'
  | 'not_billed'
  | 'rounding'
  | 'unexplained';

/** The grouping beyond day and project, read from how the costs were grouped. */
export type ReconcileDimension = 'line_item' | 'api_key_id' | 'user_id';

/** One (day, project[, line item | API key | user]) group: estimate against bill. */
export interface ReconciliationGroup {
  /** UTC day `YYYY-MM-DD`. */
  readonly date: string;
  /** The project, or null for organization-level charges. */
  readonly projectId: string | null;
  /** The line item, API key or user, when the costs were grouped by it. */
  readonly key: string | null;
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
}

/** The result of {@link reconcile}. */
export interface Reconciliation {
  /** The grouping beyond day and project, or null for none. */
  readonly by: ReconcileDimension | null;
  /** One group per (day, project[, key]), ordered by day, project and key. */
  readonly groups: ReconciliationGroup[];
  /** Estimated, billed and variance (billed − estimated) over every group, in micro-units. */
  readonly totals: { readonly estimated: Money; readonly billed: Money; readonly variance: Money };
}

interface Accumulator {
  date: string;
  projectId: string | null;
  key: string | null;
  estimated: number;
  billed: number;
  lines: number;
  unpriced: number;
  estimatedLines: number;
  tierLines: number;
}

function lineItemKeyOfLine(line: PricedLine): string | null {
  const model = line.dimensions.model;
  if (typeof model !== 'string') return null;
  const normalized = model.toLowerCase().startsWith('ft:')
    ? `ft:${model.slice(3).split(':')[0]}`
    : model.toLowerCase();
  const tier = line.dimensions.batch === true ? 'batch' : 'standard';
  return `${normalized}|${line.unit}|${tier}`;
}

function lineItemKeyOfCost(lineItem: string): string {
  const parsed = parseLineItem(lineItem);
  if (parsed === undefined || parsed.tool !== undefined) return lineItem;
  return `${parsed.model}|${parsed.unit}|${parsed.variant === 'batch' ? 'batch' : 'standard'}`;
}

/**
 * Joins an estimate with Costs API results by UTC day and project (and line item, API key or
 * user when the costs are grouped by it), and attributes each group's variance where it can:
 * a missing price, estimated prices, batch or tier handling, organization-level charges (a null
 * project is normal for those), rounding. Anything else is `unexplained`.
 *
 * @param input The estimate, the costs and the options.
 *
 * @returns One group per key, sorted by day then project, and the totals.
 */
export function reconcile(input: ReconcileInput): Reconciliation {
  const rows = flattenCosts(input.costs);
  const by: ReconcileDimension | null =
    input.by ??
    (rows.some((row) => row.lineItem !== null)
      ? 'line_item'
      : rows.some((row) => row.apiKeyId !== null)
        ? 'api_key_id'
        : rows.some((row) => row.userId !== null)
          ? 'user_id'
          : null);
  const tolerance = input.roundingToleranceMicros ?? 5000;
  const groups = new Map<string, Accumulator>();
  const groupOf = (date: string, projectId: string | null, key: string | null) => {
    const id = `${date}\u0001${projectId}\u0001${key}`;
    let group = groups.get(id);
    if (group === undefined) {
      group = {
        date,
        projectId,
        key,
        estimated: 0,
        billed: 0,
        lines: 0,
        unpriced: 0,
        estimatedLines: 0,
        tierLines: 0,
      };
      groups.set(id, group);
    }
    return group;
  };
  for (const row of rows) {
    const key =
      by === 'line_item'
        ? row.lineItem === null
          ? null
          : lineItemKeyOfCost(row.lineItem)
        : by === 'api_key_id'
          ? row.apiKeyId
          : by === 'user_id'
            ? row.userId
            : null;
    groupOf(row.day, row.projectId, key).billed += row.amountMicros ?? 0;
  }
  for (const line of input.estimate.lines) {
    const projectId =
      typeof line.dimensions.project_id === 'string' ? line.dimensions.project_id : null;
    const dimension = by === null || by === 'line_item' ? null : line.dimensions[by];
    const key =
      by === 'line_item'
        ? lineItemKeyOfLine(line)
        : typeof dimension === 'string'
          ? dimension
          : null;
    const group = groupOf(line.date, projectId, key);
    group.lines += 1;
    if (line.amount === null) group.unpriced += 1;
    else group.estimated += line.amount;
    if (line.confidence === 'estimated') group.estimatedLines += 1;
    const tier = line.dimensions.service_tier;
    if (
      line.dimensions.batch === true ||
      tier === 'flex' ||
      tier === 'priority' ||
      tier === 'scale'
    ) {
      group.tierLines += 1;
    }
  }
  const result: ReconciliationGroup[] = [];
  let estimatedTotal = 0;
  let billedTotal = 0;
  for (const group of groups.values()) {
    const variance = group.billed - group.estimated;
    const reasons: VarianceReason[] = [];
    if (variance !== 0) {
      if (Math.abs(variance) <= Math.max(tolerance, group.lines)) reasons.push('rounding');
      else {
        if (group.unpriced > 0) reasons.push('missing_price');
        if (group.tierLines > 0) reasons.push('tier_or_batch');
        if (group.estimatedLines > 0) reasons.push('estimated_price');
        if (group.lines === 0)
          reasons.push(group.projectId === null ? 'org_level_charge' : 'not_in_usage');
        if (group.billed === 0 && group.lines > 0) reasons.push('not_billed');
        if (reasons.length === 0) reasons.push('unexplained');
      }
    }
    estimatedTotal += group.estimated;
    billedTotal += group.billed;
    result.push({
      date: group.date,
      projectId: group.projectId,
      key: group.key,
      estimated: group.estimated,
      billed: group.billed,
      variance,
      variancePercent: group.billed === 0 ? null : (variance / group.billed) * 100,
      unpricedLines: group.unpriced,
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
  };
}
