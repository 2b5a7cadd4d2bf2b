import type { BillCategory } from './bill-line';
import { largestRemainder } from './largest-remainder';

/** What the allocation reads and writes of a reconciliation group. */
export interface AllocatableGroup {
  readonly date: string;
  readonly category: BillCategory | null;
  /** Bill amount of the group's "scale tier units" rows, in micro-units. */
  readonly scaleUnitsBilled: number;
  /** Scale Tier tokens of the group. */
  readonly scaleUnits: number;
  /** Org-level charges moved into (+) or out of (−) the group, in micro-units. */
  allocated: number;
}

/**
 * Allocates each day's "scale tier units" bill rows (organization-level, no project) to the
 * groups of that day's Scale Tier usage, in proportion to their Scale Tier tokens, exactly (the
 * shares sum to the billed amount; largest remainder). A day with no Scale Tier usage keeps its
 * units where they were billed.
 *
 * @param groups Every reconciliation group; `allocated` is updated in place.
 */
export function allocateScaleTierUnits(groups: Iterable<AllocatableGroup>): void {
  const byDay = new Map<string, { sources: AllocatableGroup[]; targets: AllocatableGroup[] }>();
  for (const group of groups) {
    const isSource = group.scaleUnitsBilled !== 0;
    const isTarget = group.scaleUnits > 0;
    if (!isSource && !isTarget) continue;
    const day = byDay.get(group.date) ?? { sources: [], targets: [] };
    if (isSource) day.sources.push(group);
    if (isTarget) day.targets.push(group);
    byDay.set(group.date, day);
  }
  for (const { sources, targets } of byDay.values()) {
    if (targets.length === 0) continue;
    for (const source of sources) {
      const shares = largestRemainder(
        source.scaleUnitsBilled,
        targets.map((target) => target.scaleUnits),
      );
      source.allocated -= source.scaleUnitsBilled;
      targets.forEach((target, index) => {
        target.allocated += shares[index] ?? 0;
      });
    }
  }
}
