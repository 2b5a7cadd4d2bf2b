import type { PriceUnit, PriceVariant } from './price-unit';

/** What a Costs API line item says, when it can be read. */
export interface ParsedLineItem {
  /** The model (lowercase; fine-tuned `ft-x` becomes the `ft:x` price key), or a tool key. */
  readonly model: string;
  /** The usage endpoint a tool line item belongs to, when it is a tool. */
  readonly tool?:
    | 'file_search_calls'
    | 'web_search_calls'
    | 'code_interpreter_sessions'
    | 'vector_stores'
    | undefined;
  /** The unit the line item prices. */
  readonly unit: PriceUnit;
  /** The processing tier the line item names (`standard` when none). */
  readonly variant: PriceVariant;
  /** A product prefix such as `evals` in `"evals | gpt-4o-mini, input"`. */
  readonly product?: string | undefined;
  /** The image size of an images line item (`"gpt-image-1, 1024x1024 images"`), when named. */
  readonly size?: string | undefined;
}

const KIND_UNITS: Readonly<Record<string, PriceUnit>> = {
  input: 'input_tokens',
  'input tokens': 'input_tokens',
  input_tokens: 'input_tokens',
  'uncached input': 'input_tokens',
  'text input': 'input_tokens',
  'cached input': 'cached_input_tokens',
  'cached input tokens': 'cached_input_tokens',
  cached_input_tokens: 'cached_input_tokens',
  input_cached_tokens: 'cached_input_tokens',
  'cache write': 'cache_write_tokens',
  'cache write input': 'cache_write_tokens',
  input_cache_write_tokens: 'cache_write_tokens',
  cache_write_tokens: 'cache_write_tokens',
  output: 'output_tokens',
  'output tokens': 'output_tokens',
  output_tokens: 'output_tokens',
  'text output': 'output_tokens',
  'audio input': 'audio_input_tokens',
  input_audio_tokens: 'audio_input_tokens',
  'cached audio input': 'cached_audio_input_tokens',
  input_cached_audio_tokens: 'cached_audio_input_tokens',
  'audio output': 'audio_output_tokens',
  output_audio_tokens: 'audio_output_tokens',
  'image input': 'image_input_tokens',
  input_image_tokens: 'image_input_tokens',
  'cached image input': 'cached_image_input_tokens',
  input_cached_image_tokens: 'cached_image_input_tokens',
  'image output': 'image_output_tokens',
  output_image_tokens: 'image_output_tokens',
  characters: 'characters',
  audio: 'seconds',
  'audio seconds': 'seconds',
  seconds: 'seconds',
  duration_seconds: 'seconds',
  'audio minutes': 'seconds',
  minutes: 'seconds',
  transcription: 'seconds',
};

/** `"<size> images"`, `"images"` or `"image generation"` after the model's comma. */
const IMAGES_KIND =
  /^(?:(?:(standard|hd|low|medium|high) )?(\d+x\d+) )?(?:images?|image generations?)$/;

const TOOL_LINE_ITEMS: readonly {
  pattern: RegExp;
  tool: NonNullable<ParsedLineItem['tool']>;
  unit: PriceUnit;
}[] = [
  { pattern: /^(file search|vector stores?) storage$/, tool: 'vector_stores', unit: 'gb_days' },
  { pattern: /^file search( tool)?( calls?)?$/, tool: 'file_search_calls', unit: 'calls' },
  {
    pattern:
      /^web search( preview)?( tool)?( calls?)?( \(?(low|medium|high)( search)? context( size)?\)?)?$/,
    tool: 'web_search_calls',
    unit: 'calls',
  },
  {
    pattern: /^code interpreter( tool)?( sessions?| containers?)?$/,
    tool: 'code_interpreter_sessions',
    unit: 'sessions',
  },
];

const VARIANT_WORDS: readonly [RegExp, PriceVariant][] = [
  [/\bbatch(es)?\b/, 'batch'],
  [/\bflex\b/, 'flex'],
  [/\bpriority\b/, 'priority'],
];

/**
 * A line item as both readers compare it: trimmed, lowercase, single spaces.
 *
 * @param lineItem The Costs API `line_item`.
 *
 * @returns The normalised text.
 */
export function normalizeLineItem(lineItem: string): string {
  return lineItem.trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * Reads a Costs API line item such as `"gpt-4o-2024-08-06, input"`, `"…, cached input"`,
 * `"…, batch output"`, `"ft-gpt-4o-2024-08-06, output"`, `"evals | gpt-4o-mini, input"`,
 * `"gpt-image-1, 1024x1024 images"`, `"tts-1, characters"`, `"whisper-1, audio"`,
 * `"web search tool calls"`, `"assistants api | file search"` or `"vector store storage"`. Line
 * items are free text: anything not recognised returns undefined rather than a guess.
 *
 * @param lineItem The line item.
 *
 * @returns What it prices, or undefined.
 */
export function parseLineItem(lineItem: string): ParsedLineItem | undefined {
  const text = normalizeLineItem(lineItem);
  const bar = text.lastIndexOf('|');
  const product = bar >= 0 ? text.slice(0, bar).trim() || undefined : undefined;
  const rest = bar >= 0 ? text.slice(bar + 1).trim() : text;
  for (const tool of TOOL_LINE_ITEMS) {
    if (tool.pattern.test(rest)) {
      return { model: '*', tool: tool.tool, unit: tool.unit, variant: 'standard', product };
    }
  }
  const comma = rest.lastIndexOf(',');
  if (comma < 0) return undefined;
  const modelPart = rest.slice(0, comma).trim();
  let kind = rest.slice(comma + 1).trim();
  if (modelPart.length === 0 || /[\s,]/.test(modelPart)) return undefined;
  const model = modelPart.startsWith('ft-') ? `ft:${modelPart.slice(3)}` : modelPart;
  const images = IMAGES_KIND.exec(kind);
  if (images !== null) {
    return { model, unit: 'images', variant: 'standard', product, size: images[2] };
  }
  let variant: PriceVariant = 'standard';
  for (const [pattern, candidate] of VARIANT_WORDS) {
    if (pattern.test(kind)) {
      variant = candidate;
      kind = kind.replace(pattern, '').replace(/[()]/g, '').replace(/\s+/g, ' ').trim();
    }
  }
  const unit = KIND_UNITS[kind];
  if (unit === undefined) return undefined;
  return { model, unit, variant, product };
}
