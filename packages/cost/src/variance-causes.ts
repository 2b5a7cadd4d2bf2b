import type { BillCategory } from './bill-line';
import type { Money } from './money';
import type { VarianceCause, VarianceCauseName } from './variance-cause';

/** What the cause attribution reads of one reconciliation group. */
export interface GroupFigures {
  readonly date: string;
  readonly projectId: string | null;
  readonly category: BillCategory | null;
  /** The group's line items as billed, for details. */
  readonly lineItems: ReadonlySet<string>;
  /** Estimate of every priced line, in micro-units. */
  readonly estimated: Money;
  /** Estimate of the Scale Tier lines, in micro-units (within `estimated`). */
  readonly scaleEstimated: Money;
  /** Bill amount, in micro-units. */
  readonly billed: Money;
  /** Org-level charges allocated into (+) or out of (−) the group, in micro-units. */
  readonly allocated: Money;
  /** Usage lines of the group. */
  readonly lines: number;
  /** Bill rows of the group. */
  readonly billedRows: number;
  /** Lines priced on an assumption. */
  readonly assumedLines: number;
  /** Lines of batch, flex or priority usage. */
  readonly tierLines: number;
  /** Quantity of the priced non-Scale-Tier lines, in estimator units. */
  readonly estimatedUnits: number;
  /** Billed quantity in estimator units, NaN once a row has none or an unknown unit. */
  readonly billedUnits: number;
  /** Unpriced usage of the group: "quantity unit: reason" per (unit, reason). */
  readonly unpriced: ReadonlyMap<string, { unit: string; reason: string; quantity: number }>;
}

/** What the attribution needs beyond the group. */
export interface CauseContext {
  /** Whether the bill covers the day completely. */
  readonly isBilledDay: (day: string) => boolean;
  /** Unpriced usage of the group's day and project (any key), for bill rows with no usage. */
  readonly unpricedOfProject: (
    day: string,
    projectId: string | null,
  ) => ReadonlyMap<string, { unit: string; reason: string; quantity: number }> | undefined;
  /** Variances within this many micro-units count as rounding. */
  readonly tolerance: Money;
}

/** Causes of a group's variance, and the part none of them explains. */
export interface GroupCauses {
  readonly causes: VarianceCause[];
  readonly unexplained: Money;
}

/** Bill categories of tokens: a model's usage, priced per token. */
const TOKEN_CATEGORIES: ReadonlySet<BillCategory | null> = new Set<BillCategory | null>([
  'input',
  'cached input',
  'cache write',
  'audio input',
  'cached audio input',
  'output',
  'audio output',
  'image output',
  null,
]);

function describeUnpriced(
  unpriced: ReadonlyMap<string, { unit: string; reason: string; quantity: number }>,
): string {
  return [...unpriced.values()]
    .map((entry) => `${entry.quantity.toLocaleString('en-US')} ${entry.unit}: ${entry.reason}`)
    .join('; ');
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

/**
 * Splits a group's variance (billed + allocated − estimated) into causes in exact micro-units;
 * what none explains is `unexplained`, so `variance = Σ causes + unexplained` always holds.
 *
 * @param group The group's figures.
 * @param context The bill's coverage, the project's unpriced usage and the rounding tolerance.
 *
 * @returns The causes (largest first) and the unexplained remainder.
 */
export function causesOf(group: GroupFigures, context: CauseContext): GroupCauses {
  const variance = group.billed + group.allocated - group.estimated;
  const causes: VarianceCause[] = [];
  let remaining = variance;
  const add = (cause: VarianceCauseName, amount: Money, detail: string | null = null) => {
    if (amount === 0) return;
    causes.push({ cause, amount, detail });
    remaining -= amount;
  };
  const finish = (): GroupCauses => {
    if (remaining !== 0 && Math.abs(remaining) <= context.tolerance) add('rounding', remaining);
    causes.sort((left, right) => Math.abs(right.amount) - Math.abs(left.amount));
    return { causes, unexplained: remaining };
  };
  if (variance === 0) return finish();
  if (group.scaleEstimated > 0 || (group.allocated > 0 && group.lines > 0)) {
    add('scale_tier', group.allocated - group.scaleEstimated, 'scale tier units allocated');
  }
  if (group.lines > 0 && !context.isBilledDay(group.date)) {
    add('timing', remaining, `${group.date} is not billed completely yet`);
    return finish();
  }
  if (group.lines === 0) {
    const items = [...group.lineItems].join(', ') || null;
    const unpriced = context.unpricedOfProject(group.date, group.projectId);
    if (group.projectId === null && group.allocated === 0)
      add('org_level_charge', remaining, items);
    else if (group.billed < 0) {
      add(/\bfree\b/i.test(items ?? '') ? 'free_usage' : 'credit', remaining, items);
    } else if (unpriced !== undefined && TOKEN_CATEGORIES.has(group.category)) {
      add('unpriced_usage', remaining, describeUnpriced(unpriced));
    } else add('not_in_usage', remaining, items);
    return finish();
  }
  if (group.unpriced.size > 0 && group.billedRows > 0) {
    add('unpriced_usage', remaining, describeUnpriced(group.unpriced));
    return finish();
  }
  const estimated = group.estimated - group.scaleEstimated;
  if (group.billedRows === 0 || estimated <= 0) return finish();
  // At the estimate's unit price, the bill's quantity would cost `expected`: the rest of the
  // bill is a price effect, calibrated against the bill's own quantity.
  const expected =
    group.billedUnits > 0 && group.estimatedUnits > 0
      ? Math.round((estimated * group.billedUnits) / group.estimatedUnits)
      : 0;
  if (expected > 0) {
    const priceEffect = group.billed - expected;
    const ratio = group.billed / expected;
    const detail = `billed at ${percent(ratio)} of the estimated unit price`;
    if (Math.abs(priceEffect) <= context.tolerance) add('rounding', priceEffect);
    else if (group.category === 'audio seconds' && priceEffect > 0) {
      add('billing_granularity', priceEffect, 'billed per started minute');
    } else if (group.tierLines > 0) add('tier_or_batch', priceEffect, detail);
    else add(priceEffect < 0 ? 'discount' : 'price_difference', priceEffect, detail);
    const quantityEffect = expected - estimated;
    if (group.category === 'vector storage' && quantityEffect < 0) {
      add('free_usage', quantityEffect, 'free vector storage allowance');
    }
    return finish();
  }
  if (group.assumedLines > 0) add('assumed_price', remaining, [...group.lineItems].join(', '));
  return finish();
}
