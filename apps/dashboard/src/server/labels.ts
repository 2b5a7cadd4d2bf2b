import { type EndpointName, getEndpoint } from '@usagekit/schemas';
import type { NameLookup } from './name-lookup';
import type { SliceValue } from './table-slice';

const EMPTY_LABELS: Readonly<Record<string, string>> = {
  project_id: '(no project)',
  user_id: '(no user)',
  api_key_id: '(no API key)',
  model: '(no model)',
  service_tier: '(no tier)',
  batch: '(not grouped)',
  endpoint: '(none)',
  line_item: '(no line item)',
};

const NAME_KINDS: Readonly<Record<string, 'project' | 'user' | 'api_key'>> = {
  project_id: 'project',
  user_id: 'user',
  api_key_id: 'api_key',
};

/** A display label and the hover title (the id) of a dimension value. */
export interface Label {
  readonly label: string;
  readonly title: string;
}

/**
 * Labels a dimension value for people: names instead of ids where the directory knows them
 * (the id stays in the title), readable flags, and explicit text for "not grouped". Labels are
 * untrusted text and are rendered with textContent.
 *
 * @param names The directory's names (when unavailable, ids are shown as they are).
 * @param dimension The dimension (`project_id`, `model`, `batch`, …).
 * @param value The value.
 *
 * @returns Label and title.
 */
export function labelOf(names: NameLookup, dimension: string, value: SliceValue): Label {
  if (value === null) {
    const label = Object.hasOwn(EMPTY_LABELS, dimension)
      ? (EMPTY_LABELS[dimension] as string)
      : '(none)';
    return { label, title: `${dimension} is null` };
  }
  if (typeof value === 'boolean') {
    return dimension === 'batch'
      ? { label: value ? 'Batch' : 'Not batch', title: `batch=${value}` }
      : { label: String(value), title: `${dimension}=${value}` };
  }
  const kind = Object.hasOwn(NAME_KINDS, dimension) ? NAME_KINDS[dimension] : undefined;
  if (kind === undefined) return { label: value, title: value };
  const resolved = names.name(kind, value);
  const suffix = resolved.known || !names.available ? '' : ' (not in the directory)';
  return { label: resolved.name ?? value, title: `${value}${suffix}` };
}

/**
 * The key of a group value in series and tables: the JSON of the value.
 *
 * @param value The value.
 *
 * @returns The key.
 */
export function valueKey(value: SliceValue): string {
  return JSON.stringify(value);
}

/**
 * The key of a model: the model, or for usage that has none, what it is (its endpoint), so
 * vector storage and code interpreter sessions are rows of their own, never one "(no model)".
 *
 * @param model The model, or null.
 * @param endpoint The endpoint of the row.
 *
 * @returns The key.
 */
export function modelKey(model: SliceValue, endpoint: SliceValue): string {
  return model === null && typeof endpoint === 'string'
    ? JSON.stringify({ endpoint })
    : valueKey(model);
}

/**
 * Labels a key made by {@link valueKey} or {@link modelKey}.
 *
 * @param names The directory's names.
 * @param dimension The dimension the key is a value of.
 * @param key The key.
 *
 * @returns Label and title.
 */
export function labelOfKey(names: NameLookup, dimension: string, key: string): Label {
  const parsed = JSON.parse(key) as SliceValue | { readonly endpoint: EndpointName };
  if (parsed !== null && typeof parsed === 'object') {
    return { label: getEndpoint(parsed.endpoint).label, title: `${parsed.endpoint}: no model` };
  }
  return labelOf(names, dimension, parsed);
}
