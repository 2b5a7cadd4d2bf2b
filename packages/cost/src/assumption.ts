/**
 * Joins what a price assumes, in order, leaving out empty parts.
 *
 * @param parts Assumptions, undefined or empty when there is none.
 *
 * @returns `a; b`, or undefined when nothing is assumed.
 */
export function joinAssumptions(...parts: (string | undefined)[]): string | undefined {
  const present = parts.filter((part): part is string => part !== undefined && part.length > 0);
  return present.length === 0 ? undefined : present.join('; ');
}
