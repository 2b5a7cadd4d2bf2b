import type { DemoOrganization, UsageEndpointName } from './organization';
import type { MockPricing, PricedComponent } from './price-table';
import type { SeriesEngine } from './series-engine';
import { MINUTES_PER_DAY } from './time';

/** Costs are kept as integers of this many units per USD, so sums over groups are exact. */
export const AMOUNT_UNITS_PER_USD = 10_000_000_000;

const BYTES_PER_GIBIBYTE = 1_073_741_824;
const MINUTES_PER_HOUR = 60;

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

  add(lineItem: string, scope: Scope, quantity: number, unit: string | null, usd: number): void {
    if (quantity === 0) return;
    const key = JSON.stringify([
      lineItem,
      scope.projectId,
      scope.userId,
      scope.apiKeyId,
      scope.apiSource,
    ]);
    const amount = Math.round(usd * AMOUNT_UNITS_PER_USD);
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

/** Completions token components grouped into the kinds a line item bills. */
const TOKEN_KINDS: readonly [PricedComponent, readonly string[]][] = [
  ['input', ['input_text_tokens', 'input_image_tokens']],
  ['cached input', ['input_cached_text_tokens', 'input_cached_image_tokens']],
  ['audio input', ['input_audio_tokens']],
  ['cached audio input', ['input_cached_audio_tokens']],
  ['cache write', ['input_cache_write_12h_tokens', 'input_cache_write_30m_tokens']],
  ['output', ['output_text_tokens']],
  ['audio output', ['output_audio_tokens']],
  ['image output', ['output_image_tokens']],
];

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
 * Turns the usage of each day into the rows the Costs API reports: line items priced through a
 * {@link MockPricing}, plus charges usage cannot see (Scale Tier units, fine-tuning training),
 * with the organization's negotiated discounts and billing rounding applied.
 */
export class CostsEngine {
  readonly #organization: DemoOrganization;
  readonly #engines: ReadonlyMap<UsageEndpointName, SeriesEngine>;
  readonly #pricing: MockPricing;
  readonly #discounts: ReadonlyMap<string, number>;
  readonly #days = new Map<number, CostDay>();

  /**
   * @param organization The organization.
   * @param engines The usage engine of every usage endpoint.
   * @param pricing The price table.
   * @throws {Error} when the price table has no price for something the organization uses.
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
        1 - discount.percentOff / 100,
      ]),
    );
    this.#checkPrices();
  }

  #price(item: string, component: PricedComponent): number {
    const price = this.#pricing.price(item, component);
    if (price === undefined)
      throw new Error(`mock price table: no price for ${item} (${component})`);
    return price;
  }

  #checkPrices(): void {
    const builder = new CostDayBuilder();
    for (const [, engine] of this.#engines) {
      const probe = engine.probe();
      for (let series = 0; series < engine.seriesCount; series++) {
        this.#addSeries(builder, engine, series, probe);
      }
    }
    for (const job of this.#organization.billing.fineTuningJobs) this.#price(job.model, 'training');
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
    const startDay = this.#organization.start / 86_400;
    const nowDay = Math.floor(this.#organization.now / 86_400);
    if (day >= startDay && day <= nowDay) {
      for (const [, engine] of this.#engines) {
        if (engine.level) {
          this.#addStorage(builder, engine, firstMinute);
          continue;
        }
        const sums = new Float64Array(engine.seriesCount * engine.componentCount);
        engine.accumulate(firstMinute, firstMinute + MINUTES_PER_DAY, sums);
        for (let series = 0; series < engine.seriesCount; series++) {
          this.#addSeries(builder, engine, series, sums);
        }
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
    const model = dimension('model') ?? '';
    switch (engine.endpoint) {
      case 'completions':
      case 'decisions': {
        const tier = dimension('service_tier') ?? 'default';
        // Scale Tier tokens are prepaid: the org-level "scale tier units" line covers them.
        if (tier === 'scale') return;
        const batch = engine.dimensions.get('batch')?.[series] === true;
        const modifier = batch ? 'batch ' : tier === 'default' ? '' : `${tier} `;
        const prefix = engine.endpoint === 'decisions' ? 'decisions | ' : '';
        const factor =
          this.#pricing.tierMultiplier(tier, batch) * (this.#discounts.get(model) ?? 1);
        for (const [kind, components] of TOKEN_KINDS) {
          let quantity = 0;
          for (const component of components) quantity += value(component);
          if (quantity === 0) continue;
          builder.add(
            `${prefix}${billedModelName(model)}, ${modifier}${kind}`,
            scope,
            quantity,
            'tokens',
            quantity * this.#price(model, kind) * factor,
          );
        }
        return;
      }
      case 'embeddings': {
        const tokens = value('input_tokens');
        builder.add(
          `${model}, input`,
          scope,
          tokens,
          'tokens',
          tokens * this.#price(model, 'input'),
        );
        return;
      }
      case 'moderations':
        // Moderations are free: the Costs API has no line item for them.
        return;
      case 'images': {
        const images = value('images');
        const size = dimension('size') ?? '';
        const usd = images * this.#price(`${model} ${size}`, 'image');
        builder.add(`${model}, ${size} images`, scope, images, 'images', usd);
        return;
      }
      case 'audio_speeches': {
        const characters = value('characters');
        const usd = characters * this.#price(model, 'character');
        builder.add(`${model}, characters`, scope, characters, 'characters', usd);
        return;
      }
      case 'audio_transcriptions': {
        // Billed per started minute of audio per key and day: a rounding difference by design.
        const seconds = value('seconds');
        const usd = Math.ceil(seconds / 60) * this.#price(model, 'minute');
        builder.add(`${model}, audio`, scope, seconds, 'duration_seconds', usd);
        return;
      }
      case 'web_search_calls': {
        const calls = value('num_requests');
        const level = dimension('context_level') ?? 'medium';
        const usd = calls * this.#price(`web_search:${level}`, 'call');
        builder.add('web search tool calls', scope, calls, null, usd);
        return;
      }
      case 'file_search_calls': {
        const calls = value('num_requests');
        const usd = calls * this.#price('file_search', 'call');
        builder.add('file search tool calls', scope, calls, null, usd);
        return;
      }
      case 'code_interpreter_sessions': {
        const sessions = value('num_sessions');
        const usd = sessions * this.#price('code_interpreter', 'session');
        builder.add('code interpreter sessions', scope, sessions, null, usd);
        return;
      }
      case 'vector_stores':
        return;
    }
  }

  #addStorage(builder: CostDayBuilder, engine: SeriesEngine, firstMinute: number): void {
    const levels = new Float64Array(engine.seriesCount);
    const byteHours = new Float64Array(engine.seriesCount);
    for (let hour = 0; hour < 24; hour++) {
      engine.levelAt(firstMinute + hour * MINUTES_PER_HOUR, levels);
      for (let series = 0; series < engine.seriesCount; series++) {
        byteHours[series] = (byteHours[series] as number) + (levels[series] as number);
      }
    }
    const price = this.#price('vector_store', 'gibibyte hour');
    for (let series = 0; series < engine.seriesCount; series++) {
      const gibibyteHours =
        Math.round(((byteHours[series] as number) / BYTES_PER_GIBIBYTE) * 1e6) / 1e6;
      const scope: Scope = {
        projectId: text(engine.dimensions.get('project_id')?.[series]),
        userId: null,
        apiKeyId: null,
        apiSource: null,
      };
      builder.add(
        'vector store storage',
        scope,
        gibibyteHours,
        'gibibyte_hours',
        gibibyteHours * price,
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
      builder.add(
        'scale tier units',
        organizationScope,
        scaleTier.unitsPerDay,
        null,
        scaleTier.unitsPerDay * scaleTier.pricePerUnitPerDay,
      );
    }
    for (const job of fineTuningJobs) {
      if (job.day !== day) continue;
      builder.add(
        `ft-${job.model}, training`,
        { ...organizationScope, projectId: job.projectId },
        job.trainedTokens,
        'tokens',
        job.trainedTokens * this.#price(job.model, 'training'),
      );
    }
  }
}
