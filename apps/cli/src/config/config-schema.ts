import * as v from 'valibot';

const decimalAmount = v.union(
  [
    v.pipe(v.number(), v.minValue(0), v.finite()),
    v.pipe(
      v.string(),
      v.regex(/^\d+(\.\d+)?$/, 'must be a decimal number such as "1500" or "99.50"'),
    ),
  ],
  'must be a non-negative number or a decimal string',
);

const environmentVariableName = v.pipe(
  v.string(),
  v.regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    'must be the NAME of an environment variable (e.g. "ACME_ADMIN_KEY"), never the key itself',
  ),
);

/** One organization read with its own admin key. */
export const OrganizationConfigSchema = v.strictObject({
  name: v.pipe(v.string(), v.minLength(1), v.description('Label of the organization in reports.')),
  keyEnv: v.pipe(
    environmentVariableName,
    v.description("Name of the environment variable holding this organization's admin key."),
  ),
  baseURL: v.optional(
    v.pipe(
      v.string(),
      v.url('must be a URL such as https://api.openai.com/v1'),
      v.description('API base URL.'),
    ),
  ),
});

/** A monthly spend budget, for the whole spend or one organization or project. */
export const BudgetConfigSchema = v.strictObject({
  name: v.pipe(v.string(), v.minLength(1), v.description('Label of the budget.')),
  amount: v.pipe(
    decimalAmount,
    v.description("Budget per month, in the currency's unit (dollars)."),
  ),
  currency: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^[A-Za-z]{3}$/, 'must be a three-letter currency code such as "usd"'),
    ),
  ),
  organization: v.optional(
    v.pipe(v.string(), v.description('Only this organization (its config name).')),
  ),
  project: v.optional(v.pipe(v.string(), v.description('Only this project (its id or name).'))),
  warnAtPercent: v.optional(
    v.pipe(
      v.number(),
      v.minValue(1),
      v.maxValue(100),
      v.description(
        'Status "at risk" when the projection passes this share of the amount. Default 90.',
      ),
    ),
  ),
});

const unitPrices = v.record(v.string(), v.pipe(v.number(), v.minValue(0), v.finite()));

/**
 * A negotiated or missing price (the cost package's override format; every field is checked
 * again by the cost package, which names the failing unit or tier).
 */
export const PriceOverrideConfigSchema = v.looseObject({
  model: v.pipe(
    v.string(),
    v.minLength(1),
    v.description('Model name (exact, or a prefix with match: "prefix").'),
  ),
  match: v.optional(v.picklist(['exact', 'prefix'])),
  tier: v.optional(v.string()),
  effectiveFrom: v.optional(v.nullable(v.string())),
  usdPerMillion: v.optional(
    v.pipe(
      unitPrices,
      v.description('Dollars per million units, by unit (input_tokens, output_tokens, ...).'),
    ),
  ),
  usdPerUnit: v.optional(
    v.pipe(unitPrices, v.description('Dollars per unit, by unit (images, characters, ...).')),
  ),
  note: v.optional(v.string()),
});

/** The `usagekit.config.json` file. */
export const UsagekitConfigSchema = v.strictObject({
  $schema: v.optional(v.string()),
  timeZone: v.optional(
    v.pipe(
      v.string(),
      v.minLength(1),
      v.description('Default IANA time zone for dates and periods.'),
    ),
  ),
  organizations: v.optional(
    v.pipe(
      v.array(OrganizationConfigSchema),
      v.description(
        'Organizations read together, each with the NAME of the variable holding its key.',
      ),
    ),
  ),
  budgets: v.optional(v.pipe(v.array(BudgetConfigSchema), v.description('Monthly budgets.'))),
  prices: v.optional(
    v.pipe(
      v.array(PriceOverrideConfigSchema),
      v.description(
        'Price overrides that win over the built-in price book (negotiated prices, new models).',
      ),
    ),
  ),
  aliases: v.optional(
    v.pipe(
      v.record(v.string(), v.string()),
      v.description('Display names by id (project, user, API key), winning over directory names.'),
    ),
  ),
});

/** A validated config file. */
export type UsagekitConfig = v.InferOutput<typeof UsagekitConfigSchema>;

/** A budget of the config file. */
export type BudgetConfig = v.InferOutput<typeof BudgetConfigSchema>;
