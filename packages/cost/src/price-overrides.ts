import * as v from 'valibot';
import { InvalidCostInputError } from './errors';
import { PRICE_UNITS, PRICE_VARIANTS, type PriceUnit, type PriceVariant } from './price-unit';

const unitPrices = v.record(
  v.picklist(
    PRICE_UNITS,
    (issue) => `unknown unit ${issue.received}; allowed: ${PRICE_UNITS.join(', ')}`,
  ),
  v.pipe(v.number('must be a number'), v.finite('must be finite'), v.minValue(0, 'must be ≥ 0')),
);

const dayString = v.pipe(
  v.string('must be a string'),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a UTC day YYYY-MM-DD'),
  v.check((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)), 'must be a real calendar day'),
);

/** The schema of one override entry. */
const PriceOverrideSchema = v.pipe(
  v.strictObject(
    {
      model: v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty')),
      match: v.optional(v.picklist(['exact', 'prefix'], 'must be "exact" or "prefix"'), 'exact'),
      tier: v.optional(
        v.picklist(PRICE_VARIANTS, `must be one of ${PRICE_VARIANTS.join(', ')}`),
        'standard',
      ),
      effectiveFrom: v.optional(v.nullable(dayString), null),
      size: v.optional(v.string('must be a string like 1024x1024')),
      quality: v.optional(v.string('must be a string')),
      contextLevel: v.optional(v.string('must be a string')),
      usdPerMillion: v.optional(unitPrices),
      usdPerUnit: v.optional(unitPrices),
      note: v.optional(v.string('must be a string')),
    },
    (issue) =>
      `unknown key ${String(issue.input)}; allowed: model, match, tier, effectiveFrom, size, quality, contextLevel, usdPerMillion, usdPerUnit, note`,
  ),
  v.check(
    (entry) =>
      Object.keys(entry.usdPerMillion ?? {}).length + Object.keys(entry.usdPerUnit ?? {}).length >
      0,
    'needs usdPerMillion or usdPerUnit with at least one unit price',
  ),
);

/** The schema of a price overrides document: `{ prices: [...] }` (a bare array is accepted too). */
export const PriceOverridesSchema = v.object(
  { prices: v.array(PriceOverrideSchema, 'prices must be an array of override entries') },
  'must be { "prices": [...] } or an array of override entries',
);

/** One validated override: the user's price for some units of a model, which wins over everything. */
export interface PriceOverride {
  /** The model name (lowercased), or a prefix when `match` is `prefix`; `*` matches any model. */
  readonly model: string;
  /** How `model` matches reported names. */
  readonly match: 'exact' | 'prefix';
  /** The processing tier the prices are for. */
  readonly tier: PriceVariant;
  /** First UTC day the prices apply, or null for always. */
  readonly effectiveFrom: string | null;
  /** Image size or web search context level the prices need. */
  readonly qualifier?: string | undefined;
  /** Image quality the prices are for. */
  readonly quality?: string | undefined;
  /** Price in pico-units of currency per single unit. */
  readonly picos: Partial<Record<PriceUnit, number>>;
  /** The user's note, kept in the line's source detail. */
  readonly note?: string | undefined;
}

/** Validated price overrides, ready for `createPriceBook({ overrides })`. */
export interface PriceOverrides {
  /** The validated entries, in file order. */
  readonly entries: readonly PriceOverride[];
}

/**
 * Validates price overrides from parsed JSON (apps read the file and pass what `JSON.parse`
 * returned). Prices may be given per million units (`usdPerMillion`) or per unit (`usdPerUnit`).
 *
 * @example
 * ```ts
 * loadPriceOverrides({ prices: [{ model: 'gpt-4o', usdPerMillion: { input_tokens: 2, output_tokens: 8 } }] });
 * ```
 *
 * @param json The parsed document.
 *
 * @returns The overrides.
 *
 * @throws {InvalidCostInputError} Naming each failing path and what is allowed there.
 */
export function loadPriceOverrides(json: unknown): PriceOverrides {
  const document = Array.isArray(json) ? { prices: json } : json;
  const result = v.safeParse(PriceOverridesSchema, document, { abortPipeEarly: false });
  if (!result.success) {
    const issues = result.issues.map((issue) => {
      const path = v.getDotPath(issue) ?? '(root)';
      return `${path}: ${issue.message}`;
    });
    throw new InvalidCostInputError('price overrides', issues);
  }
  const entries = result.output.prices;
  return {
    entries: entries.map((entry) => {
      const picos: Partial<Record<PriceUnit, number>> = {};
      for (const [unit, price] of Object.entries(entry.usdPerMillion ?? {})) {
        picos[unit as PriceUnit] = Math.round(price * 1e6);
      }
      for (const [unit, price] of Object.entries(entry.usdPerUnit ?? {})) {
        picos[unit as PriceUnit] = Math.round(price * 1e12);
      }
      return {
        model: entry.model.trim().toLowerCase(),
        match: entry.match,
        tier: entry.tier,
        effectiveFrom: entry.effectiveFrom,
        qualifier: entry.size ?? entry.contextLevel,
        quality: entry.quality,
        picos,
        note: entry.note,
      };
    }),
  };
}
