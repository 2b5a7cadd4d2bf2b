import { endpoints, type MetricField } from '@usagekit/schemas';
import { InvalidCostInputError } from '../errors';
import type { PriceLookup } from '../price-types';
import { type PriceUnit, TOKEN_PRICE_UNITS } from '../price-unit';
import { dayOfIndex } from '../utc-day';
import { type PricedLine, priceLine } from './priced-line';
import type { PricingStrategy } from './pricing-strategy';
import type { UsageEndpointName } from './usage-endpoint';

/**
 * A reported counter as a number: absent and null counters count 0.
 *
 * @param value The reported value.
 *
 * @returns The number, or 0.
 */
export function numberOr0(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

/**
 * The registry's required metrics among `metrics`: what a roll-up row of the endpoint must carry.
 *
 * @param endpoint The usage endpoint.
 * @param metrics The metrics a strategy sums.
 *
 * @returns The required ones, in order.
 */
export function requiredOf(
  endpoint: UsageEndpointName,
  metrics: readonly string[],
): readonly string[] {
  const fields = endpoints[endpoint].metrics as readonly MetricField[];
  return metrics.filter((name) =>
    fields.some((field) => field.name === name && field.required === true),
  );
}

/**
 * Refuses a counted quantity that is not a whole number of units below 2^53 (it could not be
 * priced exactly).
 *
 * @param endpoint The usage endpoint.
 * @param unit The unit.
 * @param quantity The quantity.
 * @param date The UTC day of the usage.
 * @param metrics The counters the quantity came from.
 *
 * @throws {InvalidCostInputError} When the quantity is not a safe integer.
 */
export function assertWholeUnits(
  endpoint: UsageEndpointName,
  unit: PriceUnit,
  quantity: number,
  date: string,
  metrics: readonly string[],
): void {
  if (Number.isSafeInteger(quantity)) return;
  throw new InvalidCostInputError('usage input', [
    `${endpoint} ${unit} on ${date}: summed to ${quantity}, not a whole number of units below 2^53; check the counters (${metrics.join(', ')})`,
  ]);
}

/**
 * Says so when a roll-up period spans days whose prices differ; such a row is priced at the price
 * in force on its first day.
 */
function periodAssumption(
  first: PriceLookup,
  last: PriceLookup,
  date: string,
  lastDayIndex: number,
): string | undefined {
  if (first === last) return undefined;
  const same =
    first.priced === last.priced &&
    (!first.priced || !last.priced || first.unitPricePicos === last.unitPricePicos);
  if (same) return undefined;
  return `the price changed within the period ${date}..${dayOfIndex(lastDayIndex)}; priced at the price in force on ${date} (roll up by day for exact prices)`;
}

/**
 * A strategy from its parts: metrics are summed per group, split into disjoint units (linear, so
 * daily roll-ups give the same quantities as raw buckets) and each unit priced at the price in
 * force on the group's first day, rounding once per line.
 *
 * @param parts The endpoint, its units and metrics, how results add up and split into units.
 *
 * @returns The strategy.
 */
export function meteredPricing(
  parts: Pick<
    PricingStrategy,
    'units' | 'metrics' | 'accumulate' | 'decompose' | 'qualifierDimension' | 'level'
  > & { readonly endpoint: UsageEndpointName; readonly wholeUnits?: boolean | undefined },
): PricingStrategy {
  const { units, metrics, decompose } = parts;
  const wholeUnits = parts.wholeUnits ?? true;
  return {
    units,
    metrics,
    requiredMetrics: requiredOf(parts.endpoint, metrics),
    qualifierDimension: parts.qualifierDimension,
    level: parts.level,
    accumulate: parts.accumulate,
    decompose,
    wholeUnits,
    price({ endpoint, groups, rates }) {
      const lines: PricedLine[] = [];
      const quantities = new Float64Array(units.length);
      for (const group of groups) {
        decompose(group.sums, quantities);
        const plan = rates.forGroup(group.dayIndex, group.dimensions);
        const endPlan =
          group.lastDayIndex > group.dayIndex
            ? rates.forGroup(group.lastDayIndex, group.dimensions)
            : plan;
        const date = dayOfIndex(group.dayIndex);
        for (let slot = 0; slot < units.length; slot += 1) {
          const quantity = quantities[slot] as number;
          if (quantity === 0) continue;
          const unit = units[slot] as PriceUnit;
          if (wholeUnits) assertWholeUnits(endpoint, unit, quantity, date, metrics);
          const price = plan[slot] as PriceLookup;
          lines.push(
            priceLine({ endpoint, date, dimensions: group.dimensions, unit, quantity }, price, {
              assumption: periodAssumption(
                price,
                endPlan[slot] as PriceLookup,
                date,
                group.lastDayIndex,
              ),
            }),
          );
        }
      }
      return lines;
    },
  };
}

/**
 * The completions counters the split needs. Remainders (`input_uncached_tokens`,
 * `input_text_tokens`, `input_cached_text_tokens`, `output_text_tokens`) are derived from the
 * totals by the spec's identities, so a counter that some rows lack cannot skew summed roll-ups.
 */
const COMPLETIONS_METRICS = [
  'input_tokens',
  'input_cached_tokens',
  'input_cache_write_tokens',
  'input_cache_write_12h_tokens',
  'input_cache_write_30m_tokens',
  'input_audio_tokens',
  'input_image_tokens',
  'input_cached_audio_tokens',
  'input_cached_image_tokens',
  'output_tokens',
  'output_audio_tokens',
  'output_image_tokens',
] as const;

/** The completions counters, as the estimator reads them (named loads keep the hot loop monomorphic). */
interface CompletionsCounters {
  readonly input_tokens?: unknown;
  readonly input_cached_tokens?: unknown;
  readonly input_cache_write_tokens?: unknown;
  readonly input_cache_write_12h_tokens?: unknown;
  readonly input_cache_write_30m_tokens?: unknown;
  readonly input_audio_tokens?: unknown;
  readonly input_image_tokens?: unknown;
  readonly input_cached_audio_tokens?: unknown;
  readonly input_cached_image_tokens?: unknown;
  readonly output_tokens?: unknown;
  readonly output_audio_tokens?: unknown;
  readonly output_image_tokens?: unknown;
}

function accumulateCompletions(
  result: Readonly<Record<string, unknown>>,
  sums: Float64Array,
  offset: number,
): void {
  const counters = result as CompletionsCounters;
  sums[offset] = (sums[offset] as number) + numberOr0(counters.input_tokens);
  sums[offset + 1] = (sums[offset + 1] as number) + numberOr0(counters.input_cached_tokens);
  sums[offset + 2] = (sums[offset + 2] as number) + numberOr0(counters.input_cache_write_tokens);
  sums[offset + 3] =
    (sums[offset + 3] as number) + numberOr0(counters.input_cache_write_12h_tokens);
  sums[offset + 4] =
    (sums[offset + 4] as number) + numberOr0(counters.input_cache_write_30m_tokens);
  sums[offset + 5] = (sums[offset + 5] as number) + numberOr0(counters.input_audio_tokens);
  sums[offset + 6] = (sums[offset + 6] as number) + numberOr0(counters.input_image_tokens);
  sums[offset + 7] = (sums[offset + 7] as number) + numberOr0(counters.input_cached_audio_tokens);
  sums[offset + 8] = (sums[offset + 8] as number) + numberOr0(counters.input_cached_image_tokens);
  sums[offset + 9] = (sums[offset + 9] as number) + numberOr0(counters.output_tokens);
  sums[offset + 10] = (sums[offset + 10] as number) + numberOr0(counters.output_audio_tokens);
  sums[offset + 11] = (sums[offset + 11] as number) + numberOr0(counters.output_image_tokens);
}

/**
 * Splits summed completions counters into disjoint priced units with the spec's identities:
 * input = cached + cache writes + uncached; uncached = text + audio + image; cached = cached text +
 * cached audio + cached image; output = text + audio + image; cache writes = 12h + 30m (+ writes
 * whose retention is not reported). Text is the remainder, so every token is priced exactly once.
 *
 * @param sums Sums of {@link COMPLETIONS_METRICS}.
 * @param out Quantities by slot of `TOKEN_PRICE_UNITS`, overwritten.
 */
function decomposeCompletions(sums: ArrayLike<number>, out: Float64Array): void {
  const input = sums[0] as number;
  const cached = sums[1] as number;
  const cacheWrite = sums[2] as number;
  const write12h = sums[3] as number;
  const write30m = sums[4] as number;
  const audio = sums[5] as number;
  const image = sums[6] as number;
  const cachedAudio = sums[7] as number;
  const cachedImage = sums[8] as number;
  const output = sums[9] as number;
  const outputAudio = sums[10] as number;
  const outputImage = sums[11] as number;
  const uncached = input - cached - cacheWrite;
  out[0] = Math.max(0, uncached - audio - image);
  out[1] = Math.max(0, cached - cachedAudio - cachedImage);
  out[2] = Math.max(0, cacheWrite - write12h - write30m);
  out[3] = write12h;
  out[4] = write30m;
  out[5] = audio;
  out[6] = cachedAudio;
  out[7] = image;
  out[8] = cachedImage;
  out[9] = Math.max(0, output - outputAudio - outputImage);
  out[10] = outputAudio;
  out[11] = outputImage;
}

/**
 * The strategy of a token endpoint that reports completions counters (completions, decisions).
 *
 * @param endpoint The endpoint.
 *
 * @returns The strategy.
 */
export function tokenPricing(endpoint: 'completions' | 'decisions'): PricingStrategy {
  return meteredPricing({
    endpoint,
    units: TOKEN_PRICE_UNITS,
    metrics: COMPLETIONS_METRICS,
    accumulate: accumulateCompletions,
    decompose: decomposeCompletions,
  });
}

/**
 * The strategy of an endpoint with one counted metric priced as one unit.
 *
 * @param endpoint The endpoint.
 * @param unit The unit priced.
 * @param metric The registry metric counting it.
 * @param qualifierDimension The dimension that selects a qualified price, if any.
 *
 * @returns The strategy.
 */
export function singleUnitPricing(
  endpoint: UsageEndpointName,
  unit: PriceUnit,
  metric: string,
  qualifierDimension?: string,
): PricingStrategy {
  return meteredPricing({
    endpoint,
    units: [unit],
    metrics: [metric],
    accumulate(result, sums, offset) {
      sums[offset] = (sums[offset] as number) + numberOr0(result[metric]);
    },
    decompose(sums, out) {
      out[0] = sums[0] as number;
    },
    qualifierDimension,
  });
}
