import * as v from 'valibot';

/** A compiled check of one result field, used by the fast validation path. */
export interface FieldCheck {
  /** The field's key. */
  readonly key: string;
  /** Whether the field may be absent. */
  readonly optional: boolean;
  /** Whether the field may be `null`. */
  readonly nullable: boolean;
  /** Whether the field is a counter (its absence is reported as drift). */
  readonly counter: boolean;
  /** Whether the field is the `object` discriminator. */
  readonly discriminator: boolean;
  /** Checks a present, non-null value. */
  readonly accepts: (value: unknown) => boolean;
}

type AnySchema = v.GenericSchema & {
  readonly wrapped?: AnySchema;
  readonly pipe?: readonly { readonly type: string; readonly kind: string }[];
  readonly literal?: unknown;
  readonly entries?: Readonly<Record<string, AnySchema>>;
};

const isInteger = (value: unknown) => Number.isInteger(value);
const isNumber = (value: unknown) => typeof value === 'number' && Number.isFinite(value);
const isString = (value: unknown) => typeof value === 'string';
const isBoolean = (value: unknown) => typeof value === 'boolean';

function compileValue(schema: AnySchema): (value: unknown) => boolean {
  const actions = schema.pipe?.slice(1) ?? [];
  const onlyInteger = actions.every((action) => action.type === 'integer');
  if (onlyInteger) {
    if (schema.type === 'number') return actions.length > 0 ? isInteger : isNumber;
    if (schema.type === 'string' && actions.length === 0) return isString;
    if (schema.type === 'boolean' && actions.length === 0) return isBoolean;
    if (schema.type === 'literal' && actions.length === 0) {
      const literal = schema.literal;
      return (value) => value === literal;
    }
  }
  return (value) => v.is(schema, value);
}

/**
 * Compiles the entries of an object schema into plain checks: the fast path validates with these
 * and only falls back to valibot, for its detailed issues, when a check fails.
 *
 * @param entries The object schema's entries.
 *
 * @returns One check per field, in entry order.
 */
export function compileFieldChecks(
  entries: Readonly<Record<string, v.GenericSchema>>,
): FieldCheck[] {
  return Object.entries(entries).map(([key, entry]) => {
    let schema = entry as AnySchema;
    let optional = false;
    let nullable = false;
    while (schema.wrapped && ['optional', 'nullable', 'nullish'].includes(schema.type)) {
      if (schema.type !== 'nullable') optional = true;
      if (schema.type !== 'optional') nullable = true;
      schema = schema.wrapped;
    }
    return {
      key,
      optional,
      nullable,
      counter: schema.type === 'number',
      discriminator: key === 'object' && schema.type === 'literal',
      accepts: compileValue(schema),
    };
  });
}
