import type { CalibratedPrice, CalibratedPrices } from '../calibrate';
import type { PriceProvider } from './price-provider';

/**
 * Prices calibrated from the organization's bill as a price source. They apply only to days after
 * the last day the bill covers (before it, the bill itself is the truth); the most recently
 * measured price of a (model, unit, tier) wins.
 *
 * @param calibration The prices of `calibrate(costs).prices`, or none.
 *
 * @returns The provider.
 */
export function calibrationProvider(calibration: CalibratedPrices | undefined): PriceProvider {
  return {
    source: 'calibrated',
    find(name, unit, variant, context) {
      if (calibration === undefined) return undefined;
      if (calibration.coveredThrough !== null && context.day <= calibration.coveredThrough) {
        return undefined;
      }
      let best: CalibratedPrice | undefined;
      for (const price of calibration.prices) {
        if (price.model !== name || price.unit !== unit || price.variant !== variant) continue;
        if (best === undefined || price.lastDay > best.lastDay) best = price;
      }
      if (best === undefined) return undefined;
      return {
        picos: best.unitPricePicos,
        effectiveFrom: best.firstDay,
        matchedModel: best.model,
        source: 'calibrated',
        sourceDetail: `calibrated from the bill's line item "${best.lineItem}" (${best.firstDay}..${best.lastDay})`,
      };
    },
    // Calibrated prices are listed under the names the list sources know.
    listNames: () => [],
  };
}
