import type { DimensionName } from './registry';

/** What a dimension's values name. */
export type DimensionEntity =
  | 'project'
  | 'user'
  | 'api_key'
  | 'model'
  | 'batch'
  | 'service_tier'
  | 'api_source'
  | 'image_size'
  | 'image_source'
  | 'vector_store'
  | 'context_level'
  | 'line_item';

/**
 * How a dimension's values read: an opaque `id` worth resolving to a name (projects, users, API
 * keys, vector stores), `text` that reads as is (a model, a size), or a boolean `flag` (`batch`).
 */
export type DimensionValueKind = 'id' | 'text' | 'flag';

/** What a dimension (a `group_by` value and grouping field) means, the same on every endpoint. */
export interface DimensionDescriptor<TName extends DimensionName = DimensionName> {
  /** The dimension: the `group_by` value and the result field. */
  readonly name: TName;
  /** What its values name. */
  readonly entity: DimensionEntity;
  /** A human label, e.g. "API key" or "Search context size". */
  readonly label: string;
  /** How its values read. */
  readonly valueKind: DimensionValueKind;
}

/** Every dimension of the registry, described. Which endpoint groups or filters by it: {@link dimensionsOf}. */
export const DIMENSIONS: { readonly [TName in DimensionName]: DimensionDescriptor<TName> } = {
  project_id: { name: 'project_id', entity: 'project', label: 'Project', valueKind: 'id' },
  user_id: { name: 'user_id', entity: 'user', label: 'User', valueKind: 'id' },
  api_key_id: { name: 'api_key_id', entity: 'api_key', label: 'API key', valueKind: 'id' },
  model: { name: 'model', entity: 'model', label: 'Model', valueKind: 'text' },
  batch: { name: 'batch', entity: 'batch', label: 'Batch', valueKind: 'flag' },
  service_tier: {
    name: 'service_tier',
    entity: 'service_tier',
    label: 'Service tier',
    valueKind: 'text',
  },
  api_source: { name: 'api_source', entity: 'api_source', label: 'API source', valueKind: 'text' },
  size: { name: 'size', entity: 'image_size', label: 'Image size', valueKind: 'text' },
  source: { name: 'source', entity: 'image_source', label: 'Image source', valueKind: 'text' },
  vector_store_id: {
    name: 'vector_store_id',
    entity: 'vector_store',
    label: 'Vector store',
    valueKind: 'id',
  },
  context_level: {
    name: 'context_level',
    entity: 'context_level',
    label: 'Search context size',
    valueKind: 'text',
  },
  line_item: { name: 'line_item', entity: 'line_item', label: 'Line item', valueKind: 'text' },
};

/**
 * Tells whether a string names a dimension of the registry. Safe on untrusted input: it never
 * reads inherited properties.
 *
 * @param name The string to check.
 *
 * @returns Whether it is a dimension name.
 */
export function isDimensionName(name: string): name is DimensionName {
  return Object.hasOwn(DIMENSIONS, name);
}

/**
 * Describes a dimension, failing with the list of names when it is unknown.
 *
 * @param name The dimension name.
 *
 * @returns Its entity, label and value kind.
 */
export function dimensionInfo<TName extends DimensionName>(
  name: TName,
): DimensionDescriptor<TName> {
  if (!isDimensionName(name)) {
    throw new RangeError(
      `Unknown dimension "${String(name)}"; known: ${Object.keys(DIMENSIONS).join(', ')}`,
    );
  }
  return DIMENSIONS[name] as DimensionDescriptor<TName>;
}
