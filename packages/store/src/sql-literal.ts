import { IDENTIFIER_ALLOWLIST } from './columns';

/** A value the store writes into SQL text: a string, or a safe integer. */
export type SqlValue = string | number;

/**
 * Turns a value into a SQL literal for servers without query parameters (ClickHouse 18.16 has
 * none over HTTP). The one place values enter SQL text: strings are single-quoted with `\` and
 * `'` escaped by a backslash (ClickHouse's string syntax), and numbers must be safe integers
 * (times, generations, counts), so nothing else can reach the server as SQL.
 *
 * @param value The value.
 *
 * @returns The literal.
 */
export function sqlLiteral(value: SqlValue): string {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw new RangeError(`SQL literal: ${value} is not a safe integer`);
    }
    return String(value);
  }
  if (typeof value !== 'string') {
    throw new TypeError(`SQL literal: a ${typeof value} is neither a string nor a number`);
  }
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** What a database name may look like (ClickHouse and DuckDB identifiers that need no quoting). */
const databaseNamePattern = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Checks a database name from a store URL: letters, digits and `_`, not starting with a digit.
 *
 * @param name The name.
 *
 * @returns The name, quoted with backticks.
 */
export function sqlDatabaseName(name: string): string {
  if (!databaseNamePattern.test(name)) {
    throw new RangeError(
      `database name "${name}" is not allowed: use letters, digits and _ (not starting with a digit)`,
    );
  }
  return `\`${name}\``;
}

/**
 * Checks that an identifier is one of the store's tables or columns.
 *
 * @param name The table or column name.
 *
 * @returns The name, unchanged.
 */
export function sqlIdentifier(name: string): string {
  if (!IDENTIFIER_ALLOWLIST.has(name)) {
    throw new RangeError(`identifier "${name}" is not a table or column of the store`);
  }
  return name;
}
