import type * as v from 'valibot';

/** The field holds an integer (`v.pipe(v.number(), v.integer())`). */
export const INTEGER_FIELD = 0;
/** The field holds any number valibot accepts (not `NaN`). */
export const NUMBER_FIELD = 1;
/** The field holds a string. */
export const STRING_FIELD = 2;
/** The field holds a boolean. */
export const BOOLEAN_FIELD = 3;
/** The field holds one literal value. */
export const LITERAL_FIELD = 4;
/** The field holds an object with its own compiled checks. */
export const OBJECT_FIELD = 5;
/** The field is checked by a `v.custom` predicate. */
export const CUSTOM_FIELD = 6;
/** The field is checked by running its valibot schema (anything not compiled above). */
export const SCHEMA_FIELD = 7;
/** The key is not an entry of the schema: drift, not a check. */
export const UNKNOWN_FIELD = 8;

/**
 * A compiled check of one object field, used by the fast validation path. Every check has the
 * same shape so that the hot loop stays monomorphic.
 */
export interface FieldCheck {
  /** The field's key. */
  readonly key: string;
  /** The field's position in its object's entries; for unknown keys, a slot in the caller's counts. */
  readonly index: number;
  /** What the value must be: one of the `*_FIELD` constants. */
  readonly kind: number;
  /** Whether the field may be absent. */
  readonly optional: boolean;
  /** Whether the field may be `null`. */
  readonly nullable: boolean;
  /** Whether the field is a number (an absent optional one is reported as drift). */
  readonly counter: boolean;
  /** Whether the field is the `object` discriminator (an unknown string there is drift). */
  readonly discriminator: boolean;
  /** The value a literal field must equal. */
  readonly literal: unknown;
  /** The predicate of a custom field. */
  readonly predicate: ((value: unknown) => boolean) | undefined;
  /** The checks of an object field. */
  readonly nested: ObjectChecks | undefined;
  /** The unwrapped schema, used for fields no plain check covers. */
  readonly schema: v.GenericSchema | undefined;
}

/** The compiled checks of an object schema. */
export interface ObjectChecks {
  /** One check per entry, in entry order. */
  readonly checks: readonly FieldCheck[];
  /** The same checks, by key. */
  readonly byKey: ReadonlyMap<string, FieldCheck>;
  /** How many entries must be present. */
  readonly requiredCount: number;
}

type AnySchema = v.GenericSchema & {
  readonly wrapped?: AnySchema;
  readonly pipe?: readonly { readonly type: string; readonly kind: string }[];
  readonly literal?: unknown;
  readonly check?: (value: unknown) => boolean;
  readonly entries?: Readonly<Record<string, v.GenericSchema>>;
};

const WRAPPERS: readonly string[] = ['optional', 'nullable', 'nullish'];
const OBJECT_TYPES: readonly string[] = ['object', 'loose_object'];

function kindOf(schema: AnySchema): number {
  const actions = schema.pipe?.slice(1) ?? [];
  if (actions.length === 1 && actions[0]?.type === 'integer' && schema.type === 'number') {
    return INTEGER_FIELD;
  }
  if (actions.length > 0) return SCHEMA_FIELD;
  switch (schema.type) {
    case 'number':
      return NUMBER_FIELD;
    case 'string':
      return STRING_FIELD;
    case 'boolean':
      return BOOLEAN_FIELD;
    case 'literal':
      return LITERAL_FIELD;
    case 'custom':
      return CUSTOM_FIELD;
    default:
      return schema.entries && OBJECT_TYPES.includes(schema.type) ? OBJECT_FIELD : SCHEMA_FIELD;
  }
}

/**
 * Creates the check of a key that is not an entry of the schema. The hot loop treats it like any
 * other check, so unknown keys cost no extra branch until they are seen.
 *
 * @param key The unknown key.
 * @param slot Where the caller counts its sightings.
 *
 * @returns The check, of kind {@link UNKNOWN_FIELD}.
 */
export function unknownFieldCheck(key: string, slot: number): FieldCheck {
  return {
    key,
    index: slot,
    kind: UNKNOWN_FIELD,
    optional: true,
    nullable: true,
    counter: false,
    discriminator: false,
    literal: undefined,
    predicate: undefined,
    nested: undefined,
    schema: undefined,
  };
}

/**
 * Compiles the entries of an object schema into plain checks: the fast path validates with these
 * and only falls back to valibot, for its detailed issues, when a check fails. Nested object
 * entries are compiled too; pipes other than `integer` fall back to `v.is`.
 *
 * @param entries The object schema's entries.
 *
 * @returns The checks, by position and by key.
 */
export function compileObjectChecks(
  entries: Readonly<Record<string, v.GenericSchema>>,
): ObjectChecks {
  const checks = Object.entries(entries).map(([key, entry], index): FieldCheck => {
    let schema = entry as AnySchema;
    let optional = false;
    let nullable = false;
    while (schema.wrapped && WRAPPERS.includes(schema.type)) {
      if (schema.type !== 'nullable') optional = true;
      if (schema.type !== 'optional') nullable = true;
      schema = schema.wrapped;
    }
    const kind = kindOf(schema);
    return {
      key,
      index,
      kind,
      optional,
      nullable,
      counter: kind === INTEGER_FIELD || kind === NUMBER_FIELD,
      discriminator: key === 'object' && kind === LITERAL_FIELD,
      literal: schema.literal,
      predicate: kind === CUSTOM_FIELD ? schema.check : undefined,
      nested:
        kind === OBJECT_FIELD && schema.entries ? compileObjectChecks(schema.entries) : undefined,
      schema,
    };
  });
  return {
    checks,
    byKey: new Map(checks.map((check) => [check.key, check])),
    requiredCount: checks.filter((check) => !check.optional).length,
  };
}
