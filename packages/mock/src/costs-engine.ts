import { amountUnitsOf, picosOf } from './amount';
import type { DemoOrganization, UsageEndpointName } from './organization';
import {
  type MockPriceQuery,
  type MockPriceUnit,
  type MockPricing,
  unitPricePicos,
} from './pricing';
import type { SeriesEngine } from './series-engine';
import { MINUTES_PER_DAY, SECONDS_PER_DAY } from './time';

const BYTES_PER_GIBIBYTE = 1_073_741_824;
const SECONDS_PER_HOUR = 3_600;
const HOURS_PER_DAY = 24;
/** Vector storage quantities are rounded to this many parts of a GiB-hour. */
const GIBIBYTE_HOUR_PARTS = 1_000_000;
/** A discount's remaining share is kept in basis points. */
const BASIS_POINTS = 10_000;
const PICOS_PER_USD = 1_000_000_000_000;

/** The cost rows of one UTC day, columnar; one row per line item, project, user, key and source. */
export interface CostDay {
  readonly count: number;
  readonly lineItem: readonly string[];
  readonly projectId: readonly (string | null)[];
  readonly userId: readonly (string | null)[];
  readonly apiKeyId: readonly (string | null)[];
  readonly apiSource: readonly (string | null)[];
  readonly quantity: readonly number[];
  readonly quantityUnit: readonly (string | null)[];
  /** Amounts in units of 1e-10 USD (integers). */
  readonly amountUnits: readonly number[];
}

interface Scope {
  readonly projectId: string | null;
  readonly userId: string | null;
  readonly apiKeyId: string | null;
  readonly apiSource: string | null;
}

class CostDayBuilder implements CostDay {
  count = 0;
  readonly lineItem: string[] = [];
  readonly projectId: (string | null)[] = [];
  readonly userId: (string | null)[] = [];
  readonly apiKeyId: (string | null)[] = [];
  readonly apiSource: (string | null)[] = [];
  readonly quantity: number[] = [];
  readonly quantityUnit: (string | null)[] = [];
  readonly amountUnits: number[] = [];
  readonly #rows = new Map<string, number>();

  add(lineItem: string, scope: Scope, quantity: number, unit: string | null, amount: number): void {
    if (quantity === 0) return;
    const key = JSON.stringify([
      lineItem,
      scope.projectId,
      scope.userId,
      scope.apiKeyId,
      scope.apiSource,
    ]);
    const existing = this.#rows.get(key);
    if (existing !== undefined) {
      this.quantity[existing] = (this.quantity[existing] as number) + quantity;
      this.amountUnits[existing] = (this.amountUnits[existing] as number) + amount;
      return;
    }
    this.#rows.set(key, this.count);
    this.lineItem.push(lineItem);
    this.projectId.push(scope.projectId);
    this.userId.push(scope.userId);
    this.apiKeyId.push(scope.apiKeyId);
    this.apiSource.push(scope.apiSource);
    this.quantity.push(quantity);
    this.quantityUnit.push(unit);
    this.amountUnits.push(amount);
    this.count++;
  }
}

/**
 * The lines a completions-like result bills, each with the usage components it sums and the unit
 * each component is priced at.
 */
const TOKEN_LINES: readonly (readonly [string, readonly (readonly [string, MockPriceUnit])[]])[] = [
  [
    'input',
    [
      ['input_text_tokens', 'input_tokens'],
      ['input_image_tokens', 'image_input_tokens'],
    ],
  ],
  [
    'cached input',
    [
      ['input_cached_text_tokens', 'cached_input_tokens'],
      ['input_cached_image_tokens', 'cached_image_input_tokens'],
    ],
  ],
  ['audio input', [['input_audio_tokens', 'audio_input_tokens']]],
  ['cached audio input', [['input_cached_audio_tokens', 'cached_audio_input_tokens']]],
  [
    'cache write',
    [
      ['input_cache_write_12h_tokens', 'cache_write_tokens'],
      ['input_cache_write_30m_tokens', 'cache_write_tokens'],
    ],
  ],
  ['output', [['output_text_tokens', 'output_tokens']]],
  ['audio output', [['output_audio_tokens', 'audio_output_tokens']]],
  ['image output', [['output_image_tokens', 'image_output_tokens']]],
];

/** What selects a price besides the model, unit and day. */
type Qualifiers = Pick<MockPriceQuery, 'batch' | 'serviceTier' | 'size' | 'contextLevel'>;

/** A Unix day as `YYYY-MM-DD`, the form prices are dated in. */
function isoDay(day: number): string {
  return new Date(day * SECONDS_PER_DAY * 1000).toISOString().slice(0, 10);
}

function text(value: string | boolean | null | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * Bills a line item's name the way the Costs API does: a fine-tuned model appears as `ft-<base>`.
 */
function billedModelName(model: string): string {
  if (!model.startsWith('ft:')) return model;
  return `ft-${model.split(':')[1] ?? model}`;
}

/**
 * Turns the usage of each day into the rows the Costs API reports: line items priced at the mock's
 * own prices (independent of the cost estimator), plus charges usage cannot see (Scale Tier units,
 * fine-tuning training), with the organization's negotiated discounts and billing rounding applied.
 * Amounts are exact integers of 10⁻¹⁰ USD: each series' line is priced in integer pico-USD and
 * rounded once.
 */
export class CostsEngine {
  readonly #organization: DemoOrganization;
  readonly #engines: ReadonlyMap<UsageEndpointName, SeriesEngine>;
  readonly #pricing: MockPricing;
  /** Remaining share after each negotiated discount, in basis points, by model. */
  readonly #discounts: ReadonlyMap<string, number>;
  readonly #days = new Map<number, CostDay>();
  /** Unit prices already looked up, by day and query: a day's lines ask for the same few. */
  readonly #prices = new Map<string, number>();

  /**
   * @param organization The organization.
   * @param engines The usage engine of every usage endpoint.
   * @param pricing The prices.
   * @throws {Error} when there is no price for something the organization uses, on the
   *   first day it uses it.
   */
  constructor(
    organization: DemoOrganization,
    engines: ReadonlyMap<UsageEndpointName, SeriesEngine>,
    pricing: MockPricing,
  ) {
    this.#organization = organization;
    this.#engines = engines;
    this.#pricing = pricing;
    this.#discounts = new Map(
      organization.billing.negotiatedDiscounts.map((discount) => [
        discount.model,
        Math.round((100 - discount.percentOff) * (BASIS_POINTS / 100)),
      ]),
    );
    this.#checkPrices();
  }

  #price(
    date: string,
    endpoint: UsageEndpointName | 'fine_tuning',
    model: string | null,
    unit: MockPriceUnit,
    qualifiers?: Qualifiers,
  ): number {
    const key = `${date}|${endpoint}|${model}|${unit}|${qualifiers?.batch}|${qualifiers?.serviceTier}|${qualifiers?.size}|${qualifiers?.contextLevel}`;
    let picos = this.#prices.get(key);
    if (picos === undefined) {
      picos = unitPricePicos(this.#pricing, {
        endpoint,
        model,
        unit,
        date,
        batch: qualifiers?.batch,
        serviceTier: qualifiers?.serviceTier,
        size: qualifiers?.size,
        contextLevel: qualifiers?.contextLevel,
      });
      this.#prices.set(key, picos);
    }
    return picos;
  }

  #checkPrices(): void {
    const builder = new CostDayBuilder();
    for (const [, engine] of this.#engines) {
      const probe = engine.probe();
      for (let series = 0; series < engine.seriesCount; series++) {
        const date = isoDay(engine.firstActiveDay(series));
        if (engine.level) this.#price(date, engine.endpoint, null, 'gb_days');
        else this.#addSeries(builder, engine, series, probe, date);
      }
    }
    for (const job of this.#organization.billing.fineTuningJobs) {
      this.#price(isoDay(job.day), 'fine_tuning', job.model, 'training_tokens');
    }
  }

  /**
   * The cost rows of one UTC day, through `now` for the current day.
   *
   * @param day The Unix day.
   *
   * @returns The rows; do not modify.
   */
  day(day: number): CostDay {
    const cached = this.#days.get(day);
    if (cached) return cached;
    const builder = new CostDayBuilder();
    const firstMinute = day * MINUTES_PER_DAY;
    const startDay = this.#organization.start / SECONDS_PER_DAY;
    const nowDay = Math.floor(this.#organization.now / SECONDS_PER_DAY);
    if (day >= startDay && day <= nowDay) {
      const date = isoDay(day);
      for (const [, engine] of this.#engines) {
        if (engine.level) {
          this.#addStorage(builder, engine, day, date);
          continue;
        }
        const sums = new Float64Array(engine.seriesCount * engine.componentCount);
        engine.accumulate(firstMinute, firstMinute + MINUTES_PER_DAY, sums);
        for (let series = 0; series < engine.seriesCount; series++) {
          this.#addSeries(builder, engine, series, sums, date);
        }
        if (engine.endpoint === 'completions') this.#addFreeUsage(builder, engine, sums, day, date);
      }
      this.#addOrganizationCharges(builder, day);
    }
    this.#days.set(day, builder);
    return builder;
  }

  #addSeries(
    builder: CostDayBuilder,
    engine: SeriesEngine,
    series: number,
    sums: Float64Array,
    date: string,
  ): void {
    const dimension = (name: string) => text(engine.dimensions.get(name)?.[series]);
    const value = (name: string) => {
      const index = engine.components.indexOf(name);
      return index < 0 ? 0 : (sums[series * engine.componentCount + index] as number);
    };
    const scope: Scope = {
      projectId: dimension('project_id'),
      userId: dimension('user_id'),
      apiKeyId: dimension('api_key_id'),
      apiSource: dimension('api_source'),
    };
    const endpoint = engine.endpoint;
    const model = dimension('model');
    const single = (
      lineItem: string,
      unit: MockPriceUnit,
      quantity: number,
      quantityUnit: string | null,
      qualifiers?: Qualifiers,
    ) => {
      if (quantity === 0) return;
      const picos = picosOf(quantity, this.#price(date, endpoint, model, unit, qualifiers));
      builder.add(lineItem, scope, quantity, quantityUnit, amountUnitsOf(picos));
    };
    switch (endpoint) {
      case 'completions':
      case 'decisions': {
        const serviceTier = dimension('service_tier') ?? 'default';
        // Scale Tier tokens are prepaid: the org-level "scale tier units" line covers them.
        if (serviceTier === 'scale') return;
        const batch = engine.dimensions.get('batch')?.[series] === true;
        const modifier = batch ? 'batch ' : serviceTier === 'default' ? '' : `${serviceTier} `;
        const prefix = endpoint === 'decisions' ? 'decisions | ' : '';
        const share = model === null ? undefined : this.#discounts.get(model);
        for (const [kind, parts] of TOKEN_LINES) {
          let quantity = 0;
          let picos = 0n;
          for (const [component, unit] of parts) {
            const tokens = value(component);
            if (tokens === 0) continue;
            quantity += tokens;
            picos += picosOf(
              tokens,
              this.#price(date, endpoint, model, unit, { batch, serviceTier }),
            );
          }
          if (quantity === 0) continue;
          builder.add(
            `${prefix}${billedModelName(model ?? '')}, ${modifier}${kind}`,
            scope,
            quantity,
            'tokens',
            share === undefined ? amountUnitsOf(picos) : amountUnitsOf(picos, share, BASIS_POINTS),
          );
        }
        return;
      }
      case 'embeddings': {
        const batch = engine.dimensions.get('batch')?.[series] === true;
        single(
          `${model}, ${batch ? 'batch ' : ''}input`,
          'input_tokens',
          value('input_tokens'),
          'tokens',
          {
            batch,
          },
        );
        return;
      }
      case 'moderations':
        // Moderations are free: the Costs API has no line item for them.
        return;
      case 'images': {
        const size = dimension('size');
        single(`${model}, ${size} images`, 'images', value('images'), 'images', { size });
        return;
      }
      case 'audio_speeches':
        single(`${model}, characters`, 'characters', value('characters'), 'characters');
        return;
      case 'audio_transcriptions': {
        // Billed per started minute of audio per key and day: a rounding difference by design.
        const seconds = value('seconds');
        if (seconds === 0) return;
        const billedSeconds = Math.ceil(seconds / 60) * 60;
        const picos = picosOf(billedSeconds, this.#price(date, endpoint, model, 'seconds'));
        builder.add(`${model}, audio`, scope, seconds, 'duration_seconds', amountUnitsOf(picos));
        return;
      }
      case 'web_search_calls':
        single('web search tool calls', 'calls', value('num_requests'), null, {
          contextLevel: dimension('context_level'),
        });
        return;
      case 'file_search_calls':
        single('file search tool calls', 'calls', value('num_requests'), null);
        return;
      case 'code_interpreter_sessions':
        single('code interpreter sessions', 'sessions', value('num_sessions'), null);
        return;
      case 'vector_stores':
        return;
    }
  }

  /**
   * Vector storage, billed in GiB-hours of the byte-time held over the day (the same levels the
   * usage endpoint averages, rounded to 10⁻⁶ GiB-hour) at the GiB-day price ÷ 24, with no free
   * allowance.
   */
  #addStorage(builder: CostDayBuilder, engine: SeriesEngine, day: number, date: string): void {
    const byteSeconds = new Float64Array(engine.seriesCount);
    engine.accumulateByteSeconds(day * SECONDS_PER_DAY, (day + 1) * SECONDS_PER_DAY, byteSeconds);
    const gibibyteDayPicos = this.#price(date, engine.endpoint, null, 'gb_days');
    for (let series = 0; series < engine.seriesCount; series++) {
      const parts = Math.round(
        ((byteSeconds[series] as number) / (BYTES_PER_GIBIBYTE * SECONDS_PER_HOUR)) *
          GIBIBYTE_HOUR_PARTS,
      );
      if (parts === 0) continue;
      const scope: Scope = {
        projectId: text(engine.dimensions.get('project_id')?.[series]),
        userId: null,
        apiKeyId: null,
        apiSource: null,
      };
      const picos = picosOf(parts, gibibyteDayPicos);
      builder.add(
        'vector store storage',
        scope,
        parts / GIBIBYTE_HOUR_PARTS,
        'gibibyte_hours',
        amountUnitsOf(picos, 1, HOURS_PER_DAY * GIBIBYTE_HOUR_PARTS),
      );
    }
  }

  /**
   * The free usage credits of the day: a negative `"free usage credit"` line per credit, for the
   * free uncached input tokens at their list price.
   */
  #addFreeUsage(
    builder: CostDayBuilder,
    engine: SeriesEngine,
    sums: Float64Array,
    day: number,
    date: string,
  ): void {
    const uncached = engine.components.indexOf('input_text_tokens');
    for (const credit of this.#organization.billing.freeUsage) {
      if (day < credit.firstDay) continue;
      let eligible = 0;
      for (let series = 0; series < engine.seriesCount; series++) {
        const at = (name: string) => engine.dimensions.get(name)?.[series];
        const standard = at('batch') !== true && (at('service_tier') ?? 'default') === 'default';
        if (at('project_id') !== credit.projectId || at('model') !== credit.model || !standard)
          continue;
        eligible += sums[series * engine.componentCount + uncached] as number;
      }
      const tokens = Math.min(eligible, credit.tokensPerDay);
      const price = this.#price(date, engine.endpoint, credit.model, 'input_tokens');
      builder.add(
        'free usage credit',
        { projectId: credit.projectId, userId: null, apiKeyId: null, apiSource: null },
        tokens,
        'tokens',
        -amountUnitsOf(picosOf(tokens, price)),
      );
    }
  }

  #addOrganizationCharges(builder: CostDayBuilder, day: number): void {
    const { scaleTier, fineTuningJobs } = this.#organization.billing;
    const organizationScope: Scope = {
      projectId: null,
      userId: null,
      apiKeyId: null,
      apiSource: null,
    };
    if (day >= scaleTier.firstDay) {
      const unitPicos = Math.round(scaleTier.pricePerUnitPerDay * PICOS_PER_USD);
      builder.add(
        'scale tier units',
        organizationScope,
        scaleTier.unitsPerDay,
        null,
        amountUnitsOf(picosOf(scaleTier.unitsPerDay, unitPicos)),
      );
    }
    for (const job of fineTuningJobs) {
      if (job.day !== day) continue;
      const price = this.#price(isoDay(day), 'fine_tuning', job.model, 'training_tokens');
      const picos = picosOf(job.trainedTokens, price);
      builder.add(
        `ft-${job.model}, training`,
        { ...organizationScope, projectId: job.projectId },
        job.trainedTokens,
        'tokens',
        amountUnitsOf(picos),
      );
    }
  }
}
