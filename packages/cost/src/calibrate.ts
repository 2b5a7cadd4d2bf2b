import { billLineOfLineItem } from './bill-line';
import { type CostsInput, flattenCosts } from './costs-rows';
import { parseLineItem } from './line-item';
import type { Money } from './money';
import { type PriceUnit, type PriceVariant, TOKEN_UNITS } from './price-unit';
import { addDays } from './utc-day';

/** A price derived from the bill: what the organization actually paid per unit. */
export interface CalibratedPrice {
  /** The model (or `*` for a tool) the line item prices. */
  readonly model: string;
  /** The unit the price is for. */
  readonly unit: PriceUnit;
  /** The processing tier the price is for. */
  readonly variant: PriceVariant;
  /** Effective price per unit in pico-units, over the trailing window. */
  readonly unitPricePicos: number;
  /** First UTC day of the window the price was measured on. */
  readonly firstDay: string;
  /** Last UTC day of that window. */
  readonly lastDay: string;
  /** The line item it was read from. */
  readonly lineItem: string;
}

/** Prices calibrated to an organization's bill, for `createPriceBook({ calibration })`. */
export interface CalibratedPrices {
  /** The last day the bill covers; calibrated prices apply only to later days. */
  readonly coveredThrough: string | null;
  /** The calibrated prices, one per (model, unit, tier). */
  readonly prices: readonly CalibratedPrice[];
}

/** The effective unit price of one line item over all the days given. */
export interface CalibrationLine {
  /** The Costs API line item. */
  readonly lineItem: string;
  /** What the line item prices, or null when the line item could not be read. */
  readonly model: string | null;
  /** The unit it prices, or null when the line item could not be read. */
  readonly unit: PriceUnit | null;
  /** The processing tier the line item names. */
  readonly variant: PriceVariant;
  /**
   * The canonical bill line key (what `reconcile` groups by line item on), or null when the line
   * item could not be read.
   */
  readonly billLine: string | null;
  /** The Costs API `quantity_unit`. */
  readonly quantityUnit: string;
  /** Sum of `quantity`, in `quantityUnit`. */
  readonly quantity: number;
  /** The quantity converted to {@link unit} (tokens, seconds, GiB-days…), or to `quantityUnit` when unit is null. */
  readonly units: number;
  /** Billed amount over all days, in micro-units. */
  readonly amountMicros: Money;
  /** Effective price per converted unit in pico-units, over all days. */
  readonly unitPricePicos: number;
  /** Effective price over the trailing window only (catches recent price changes). */
  readonly recentUnitPricePicos: number;
  /** First UTC day the line item was billed. */
  readonly firstDay: string;
  /** Last UTC day the line item was billed. */
  readonly lastDay: string;
}

/** A line item whose quantity cannot be turned into a unit price, and why. */
export interface CalibrationSkip {
  /** The Costs API line item, or null when costs were not grouped by line item. */
  readonly lineItem: string | null;
  /** The Costs API `quantity_unit`, or null when absent. */
  readonly quantityUnit: string | null;
  /** Billed amount of the skipped rows, in micro-units. */
  readonly amountMicros: Money;
  /** Why no unit price could be derived. */
  readonly reason: string;
}

/** What {@link calibrate} found. */
export interface Calibration {
  /** Effective unit prices of the line items that could be read. */
  readonly lines: CalibrationLine[];
  /** Line items with an unknown `quantity_unit`, no quantity, or no line item grouping. */
  readonly skipped: CalibrationSkip[];
  /** Line items with a quantity whose text names no model and unit we recognise. */
  readonly unparsed: CalibrationLine[];
  /** The calibrated prices, for a price book. */
  readonly prices: CalibratedPrices;
}

/** Options of {@link calibrate}. */
export interface CalibrateOptions {
  /**
   * Days at the end of the bill over which the calibrated price is measured.
   * @default 7
   */
  readonly windowDays?: number | undefined;
}

/** Units of `quantity_unit` and how many of our units one of them is. */
const QUANTITY_UNITS: Readonly<Record<string, { factor: number; kind: 'tokens' | PriceUnit }>> = {
  tokens: { factor: 1, kind: 'tokens' },
  '1000_tokens': { factor: 1000, kind: 'tokens' },
  images: { factor: 1, kind: 'images' },
  characters: { factor: 1, kind: 'characters' },
  duration_seconds: { factor: 1, kind: 'seconds' },
  duration_minutes: { factor: 60, kind: 'seconds' },
  duration_hours: { factor: 3600, kind: 'seconds' },
  gibibyte_hours: { factor: 1 / 24, kind: 'gb_days' },
};

/** The conversion of a `quantity_unit` (untrusted text: own keys only). */
function conversionOf(
  quantityUnit: string,
): { readonly factor: number; readonly kind: 'tokens' | PriceUnit } | undefined {
  return Object.hasOwn(QUANTITY_UNITS, quantityUnit) ? QUANTITY_UNITS[quantityUnit] : undefined;
}

/**
 * Converts a Costs API `quantity` in `quantity_unit` to the estimator's units (tokens, images,
 * characters, seconds, GiB-days).
 *
 * @param quantity The billed quantity.
 * @param quantityUnit The Costs API `quantity_unit`.
 *
 * @returns The quantity in estimator units and their kind, or undefined for an unknown unit.
 */
export function unitsOfQuantity(
  quantity: number,
  quantityUnit: string,
): { readonly units: number; readonly kind: 'tokens' | PriceUnit } | undefined {
  const conversion = conversionOf(quantityUnit);
  return conversion === undefined
    ? undefined
    : { units: quantity * conversion.factor, kind: conversion.kind };
}

function fits(kind: 'tokens' | PriceUnit, unit: PriceUnit): boolean {
  return kind === 'tokens' ? TOKEN_UNITS.has(unit) : kind === unit;
}

interface Accumulator {
  lineItem: string;
  quantityUnit: string;
  quantity: number;
  amountMicros: number;
  firstDay: string;
  lastDay: string;
  byDay: Map<string, { quantity: number; amountMicros: number }>;
}

/**
 * Derives the effective unit price of every Costs API line item from its `quantity`,
 * `quantity_unit` and amount, and a {@link CalibratedPrices} that prices days the bill does not
 * cover yet at what the organization actually paid (catching discounts and price changes).
 * Line items are mapped back to models and units (`"gpt-4o-2024-08-06, cached input"`,
 * `"ft-gpt-4o-2024-08-06, input"`); ones that do not parse are reported, not guessed.
 *
 * @param costs Costs API buckets grouped by `line_item` (other groupings are summed).
 * @param options The trailing window.
 *
 * @returns Lines, skipped and unparsed line items, and the calibrated prices.
 */
export function calibrate(costs: CostsInput, options: CalibrateOptions = {}): Calibration {
  const windowDays = options.windowDays ?? 7;
  const accumulators = new Map<string, Accumulator>();
  const skipped = new Map<string, CalibrationSkip>();
  let coveredThrough: string | null = null;
  for (const row of flattenCosts(costs)) {
    if (coveredThrough === null || row.day > coveredThrough) coveredThrough = row.day;
    const amountMicros = row.amountMicros ?? 0;
    const reason =
      row.lineItem === null
        ? 'costs not grouped by line_item'
        : row.quantity === null || row.quantityUnit === null
          ? 'no quantity or quantity_unit'
          : conversionOf(row.quantityUnit) === undefined
            ? `unknown quantity_unit "${row.quantityUnit}"`
            : undefined;
    if (
      reason !== undefined ||
      row.lineItem === null ||
      row.quantity === null ||
      row.quantityUnit === null
    ) {
      const key = `${row.lineItem}\u0000${row.quantityUnit}\u0000${reason}`;
      const previous = skipped.get(key);
      skipped.set(key, {
        lineItem: row.lineItem,
        quantityUnit: row.quantityUnit,
        amountMicros: (previous?.amountMicros ?? 0) + amountMicros,
        reason: reason ?? 'no quantity',
      });
      continue;
    }
    const key = `${row.lineItem}\u0000${row.quantityUnit}`;
    let accumulator = accumulators.get(key);
    if (accumulator === undefined) {
      accumulator = {
        lineItem: row.lineItem,
        quantityUnit: row.quantityUnit,
        quantity: 0,
        amountMicros: 0,
        firstDay: row.day,
        lastDay: row.day,
        byDay: new Map(),
      };
      accumulators.set(key, accumulator);
    }
    accumulator.quantity += row.quantity;
    accumulator.amountMicros += amountMicros;
    if (row.day < accumulator.firstDay) accumulator.firstDay = row.day;
    if (row.day > accumulator.lastDay) accumulator.lastDay = row.day;
    const day = accumulator.byDay.get(row.day) ?? { quantity: 0, amountMicros: 0 };
    day.quantity += row.quantity;
    day.amountMicros += amountMicros;
    accumulator.byDay.set(row.day, day);
  }

  const lines: CalibrationLine[] = [];
  const unparsed: CalibrationLine[] = [];
  const prices: CalibratedPrice[] = [];
  for (const accumulator of accumulators.values()) {
    const conversion = conversionOf(accumulator.quantityUnit);
    if (conversion === undefined || accumulator.quantity <= 0) {
      skipped.set(`${accumulator.lineItem}\u0000zero`, {
        lineItem: accumulator.lineItem,
        quantityUnit: accumulator.quantityUnit,
        amountMicros: accumulator.amountMicros,
        reason: 'zero quantity',
      });
      continue;
    }
    const parsed = parseLineItem(accumulator.lineItem);
    const usable = parsed !== undefined && fits(conversion.kind, parsed.unit);
    const units = accumulator.quantity * conversion.factor;
    const windowStart = addDays(accumulator.lastDay, -(windowDays - 1));
    let recentUnits = 0;
    let recentMicros = 0;
    for (const [day, totals] of accumulator.byDay) {
      if (day < windowStart) continue;
      recentUnits += totals.quantity * conversion.factor;
      recentMicros += totals.amountMicros;
    }
    const line: CalibrationLine = {
      lineItem: accumulator.lineItem,
      model: usable ? parsed.model : null,
      unit: usable ? parsed.unit : null,
      variant: usable ? parsed.variant : 'standard',
      billLine: usable ? (billLineOfLineItem(accumulator.lineItem)?.key ?? null) : null,
      quantityUnit: accumulator.quantityUnit,
      quantity: accumulator.quantity,
      units,
      amountMicros: accumulator.amountMicros,
      unitPricePicos: Math.round((accumulator.amountMicros * 1e6) / units),
      recentUnitPricePicos:
        recentUnits > 0
          ? Math.round((recentMicros * 1e6) / recentUnits)
          : Math.round((accumulator.amountMicros * 1e6) / units),
      firstDay: accumulator.firstDay,
      lastDay: accumulator.lastDay,
    };
    if (!usable) {
      unparsed.push(line);
      continue;
    }
    lines.push(line);
    prices.push({
      model: parsed.model,
      unit: parsed.unit,
      variant: parsed.variant,
      unitPricePicos: line.recentUnitPricePicos,
      firstDay: [windowStart, accumulator.firstDay].sort()[1] ?? windowStart,
      lastDay: accumulator.lastDay,
      lineItem: accumulator.lineItem,
    });
  }
  return {
    lines,
    skipped: [...skipped.values()],
    unparsed,
    prices: { coveredThrough, prices },
  };
}
