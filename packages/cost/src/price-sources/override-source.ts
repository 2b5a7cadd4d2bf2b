import type { PriceOverrides } from '../price-overrides';
import { selectDated } from './dated-entries';
import type { PriceProvider } from './price-provider';

/**
 * The user's overrides as a price source: an entry matches its exact name, a prefix of the name
 * (`match: 'prefix'`) or any name (`*`); the latest entry in force wins.
 *
 * @param overrides Validated overrides (from `loadPriceOverrides`), or none.
 *
 * @returns The provider.
 */
export function overrideProvider(overrides: PriceOverrides | undefined): PriceProvider {
  const entries = overrides?.entries ?? [];
  return {
    source: 'override',
    find(name, unit, variant, context) {
      const matching = entries.filter(
        (entry) =>
          entry.tier === variant &&
          entry.picos[unit] !== undefined &&
          (entry.model === name ||
            entry.model === '*' ||
            (entry.match === 'prefix' && name.startsWith(entry.model))),
      );
      const selected = selectDated(matching, context);
      if (selected === undefined) return undefined;
      const { entry } = selected;
      return {
        picos: entry.picos[unit] ?? 0,
        effectiveFrom: entry.effectiveFrom,
        matchedModel: entry.model,
        source: 'override',
        sourceDetail: entry.note ? `user override: ${entry.note}` : 'user override',
        assumption: selected.assumption,
      };
    },
    listNames() {
      return entries
        .filter((entry) => entry.match === 'exact' && entry.model !== '*')
        .map((entry) => entry.model);
    },
  };
}
