import { joinAssumptions } from '../assumption';
import { selectDated } from './dated-entries';
import type { PriceProvider } from './price-provider';
import type { SupplementEntry } from './supplement-entry';

/**
 * The curated supplement as a price source: entries indexed by model name and aliases, filtered
 * by tier, unit and endpoint, the latest in force for the context's qualifiers winning.
 *
 * @param entries The curated entries (`SUPPLEMENT_ENTRIES`, or a pinned set in tests).
 *
 * @returns The provider.
 */
export function supplementProvider(entries: readonly SupplementEntry[]): PriceProvider {
  const index = new Map<string, SupplementEntry[]>();
  for (const entry of entries) {
    for (const name of [entry.model, ...(entry.aliases ?? [])]) {
      const list = index.get(name);
      if (list === undefined) index.set(name, [entry]);
      else list.push(entry);
    }
  }
  return {
    source: 'supplement',
    find(name, unit, variant, context) {
      const named = index.get(name);
      if (named === undefined) return undefined;
      const matching = named.filter(
        (entry) =>
          entry.variant === variant &&
          entry.usdPerUnit[unit] !== undefined &&
          (entry.endpoints === undefined ||
            (context.endpoint !== undefined && entry.endpoints.includes(context.endpoint))),
      );
      const selected = selectDated(matching, context);
      if (selected === undefined) return undefined;
      const { entry } = selected;
      return {
        picos: Math.round((entry.usdPerUnit[unit] ?? 0) * 1e12),
        effectiveFrom: entry.effectiveFrom,
        matchedModel: entry.model,
        source: 'supplement',
        sourceDetail: entry.source,
        assumption: joinAssumptions(entry.assumption, selected.assumption),
      };
    },
    listNames() {
      const names: string[] = [];
      for (const [name, named] of index) {
        if (name !== '*' && named.some((entry) => entry.endpoints === undefined)) names.push(name);
      }
      return names;
    },
  };
}
