import { normalizeLineItem, type ParsedLineItem, parseLineItem } from './line-item';
import { type PriceUnit, type PriceVariant, priceVariantOf } from './price-unit';
import type { PricedLine } from './pricing/priced-line';

/**
 * What a bill line charges for. Token categories fold what the bill does not split: text and
 * image input are both `input`, every cache-write retention is `cache write`.
 */
export type BillCategory =
  | 'input'
  | 'cached input'
  | 'cache write'
  | 'audio input'
  | 'cached audio input'
  | 'output'
  | 'audio output'
  | 'image output'
  | 'characters'
  | 'audio seconds'
  | 'images'
  | 'web search calls'
  | 'file search calls'
  | 'code interpreter sessions'
  | 'vector storage'
  | 'scale tier units'
  | 'training';

/** The canonical bill line an estimate line or a Costs API line item belongs to. */
export interface BillLine {
  /** The model's base name (lowercase, no `-YYYY-MM-DD` snapshot, `ft-<base>` for fine-tunes), or null for tools and org-level charges. */
  readonly model: string | null;
  /** What is charged. */
  readonly category: BillCategory;
  /** The processing tier (`standard` when none). */
  readonly variant: PriceVariant;
  /** The image size of an images line, or null. */
  readonly size: string | null;
  /** A product prefix (`decisions`, `evals`), or null. */
  readonly product: string | null;
  /** The canonical key, equal on both sides of the bill when they are the same line. */
  readonly key: string;
}

const UNIT_CATEGORIES: { readonly [TUnit in PriceUnit]: BillCategory } = {
  input_tokens: 'input',
  image_input_tokens: 'input',
  cached_input_tokens: 'cached input',
  cached_image_input_tokens: 'cached input',
  cache_write_tokens: 'cache write',
  cache_write_12h_tokens: 'cache write',
  cache_write_30m_tokens: 'cache write',
  audio_input_tokens: 'audio input',
  cached_audio_input_tokens: 'cached audio input',
  output_tokens: 'output',
  audio_output_tokens: 'audio output',
  image_output_tokens: 'image output',
  characters: 'characters',
  seconds: 'audio seconds',
  images: 'images',
  gb_days: 'vector storage',
  sessions: 'code interpreter sessions',
  calls: 'file search calls',
};

const TOOL_CATEGORIES: { readonly [TTool in NonNullable<ParsedLineItem['tool']>]: BillCategory } = {
  file_search_calls: 'file search calls',
  web_search_calls: 'web search calls',
  code_interpreter_sessions: 'code interpreter sessions',
  vector_stores: 'vector storage',
};

/** Categories billed per tool or organization, whatever model used them. */
const MODEL_FREE: ReadonlySet<BillCategory> = new Set<BillCategory>([
  'web search calls',
  'file search calls',
  'code interpreter sessions',
  'vector storage',
  'scale tier units',
]);

/**
 * A model's base name as bills name it: lowercase, `ft:<base>:…` and `ft-<base>` both as
 * `ft-<base>`, a trailing `-YYYY-MM-DD` snapshot date removed (from the base of a fine-tune too).
 *
 * @param model The model as usage or the bill reports it.
 *
 * @returns The base name.
 */
export function billModelName(model: string): string {
  let name = model.trim().toLowerCase();
  let fineTuned = false;
  if (name.startsWith('ft:')) {
    name = name.slice(3).split(':')[0] ?? name;
    fineTuned = true;
  } else if (name.startsWith('ft-')) {
    name = name.slice(3);
    fineTuned = true;
  }
  name = name.replace(/-\d{4}-\d{2}-\d{2}$/, '');
  return fineTuned ? `ft-${name}` : name;
}

/**
 * Builds a bill line and its canonical key: `[product | ][model, ][tier ][size ]category`, e.g.
 * `gpt-4.1, input`, `gpt-4o-mini, batch cached input`, `decisions | gpt-5, output`,
 * `gpt-image-1, 1024x1024 images`, `web search calls`, `vector storage`.
 *
 * @param parts The model, category, tier, image size and product.
 *
 * @returns The bill line.
 */
export function billLineOf(parts: Omit<BillLine, 'key'>): BillLine {
  const model = MODEL_FREE.has(parts.category) ? null : parts.model;
  const variant =
    parts.variant === 'standard' || parts.category === 'scale tier units'
      ? ''
      : `${parts.variant} `;
  const size = parts.category === 'images' && parts.size !== null ? `${parts.size} ` : '';
  const key = `${parts.product === null ? '' : `${parts.product} | `}${model === null ? '' : `${model}, `}${variant}${size}${parts.category}`;
  return { ...parts, model, size: parts.category === 'images' ? parts.size : null, key };
}

/**
 * The bill line a priced estimate line is charged on: its model's base name, the unit folded into
 * the bill's category, the tier from the `batch` and `service_tier` dimensions, the image size, and
 * `decisions` as product for the decisions endpoint.
 *
 * @param line The estimate line (endpoint, unit and dimensions are read).
 *
 * @returns The bill line.
 */
export function billLineOfPricedLine(
  line: Pick<PricedLine, 'endpoint' | 'unit' | 'dimensions'>,
): BillLine {
  const { dimensions } = line;
  const model = typeof dimensions.model === 'string' ? billModelName(dimensions.model) : null;
  const category: BillCategory =
    line.endpoint === 'web_search_calls'
      ? 'web search calls'
      : line.endpoint === 'file_search_calls'
        ? 'file search calls'
        : UNIT_CATEGORIES[line.unit];
  const batch = typeof dimensions.batch === 'boolean' ? dimensions.batch : null;
  const tier = typeof dimensions.service_tier === 'string' ? dimensions.service_tier : null;
  return billLineOf({
    model,
    category,
    variant: priceVariantOf(batch, tier),
    size: typeof dimensions.size === 'string' ? dimensions.size.toLowerCase() : null,
    product: line.endpoint === 'decisions' ? 'decisions' : null,
  });
}

/**
 * The bill line a Costs API line item names, read with {@link parseLineItem} plus the
 * organization-level lines usage has no unit for (`"scale tier units"`, `"ft-<model>, training"`).
 *
 * @param lineItem The Costs API `line_item`.
 *
 * @returns The bill line, or undefined when the text is not recognised (it then stays unmatched).
 */
export function billLineOfLineItem(lineItem: string): BillLine | undefined {
  const text = normalizeLineItem(lineItem);
  if (/^scale tier( units?)?$/.test(text)) {
    return billLineOf({
      model: null,
      category: 'scale tier units',
      variant: 'scale',
      size: null,
      product: null,
    });
  }
  const training = /^([^\s,|]+), (?:fine[- ]tuning )?training( tokens)?$/.exec(text);
  if (training !== null) {
    return billLineOf({
      model: billModelName(training[1] as string),
      category: 'training',
      variant: 'standard',
      size: null,
      product: null,
    });
  }
  const parsed = parseLineItem(lineItem);
  if (parsed === undefined) return undefined;
  const product = parsed.tool !== undefined ? null : (parsed.product ?? null);
  return billLineOf({
    model: parsed.tool === undefined ? billModelName(parsed.model) : null,
    category:
      parsed.tool === undefined ? UNIT_CATEGORIES[parsed.unit] : TOOL_CATEGORIES[parsed.tool],
    variant: parsed.variant,
    size: parsed.size ?? null,
    product,
  });
}
