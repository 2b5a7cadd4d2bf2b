import type { NameKind, NameResolver, ResolvedName } from '@usagekit/client';

/** Names of the ids the loaded data holds, kept after the client that read them is gone. */
export interface NameLookup {
  /** Whether the directory could be read; when not, every id is shown as itself. */
  readonly available: boolean;
  /**
   * Looks up one id.
   *
   * @param kind What the id is.
   * @param id The id.
   *
   * @returns Its name, or the id flagged unknown.
   */
  name(kind: NameKind, id: string): ResolvedName;
}

/**
 * Copies the names of the given ids out of a loaded resolver, so that the resolver (and the
 * client and data source behind it) can be let go.
 *
 * @param resolver The loaded resolver.
 * @param ids The ids to keep, per kind.
 * @param available Whether the directory could be read.
 *
 * @returns The lookup.
 */
export function snapshotNames(
  resolver: Pick<NameResolver, 'name'>,
  ids: ReadonlyMap<NameKind, readonly string[]>,
  available: boolean,
): NameLookup {
  const known = new Map<string, ResolvedName>();
  const keyOf = (kind: NameKind, id: string) => `${kind}\u0000${id}`;
  for (const [kind, list] of ids) {
    for (const id of list) known.set(keyOf(kind, id), resolver.name(kind, id));
  }
  return {
    available,
    name: (kind, id) => known.get(keyOf(kind, id)) ?? { id, name: null, known: false },
  };
}
