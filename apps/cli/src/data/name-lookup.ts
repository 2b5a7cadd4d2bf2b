import type { NameKind, NameResolver } from '@usagekit/client';
import type { DataSources } from './data-source';

/** Id → name lookups over every organization's directory (ids are unique across organizations), with config aliases first. */
export interface NameLookup {
  /**
   * The name of an id, or null when unknown.
   *
   * @param kind What the id is.
   * @param id The id.
   *
   * @returns The alias, else the directory's name, else null.
   */
  name(kind: NameKind, id: string): string | null;
  /** Whether every organization's directory was read (else some ids have no name). */
  readonly complete: boolean;
}

/** The dimension fields that get a `*_name` beside them, and what they are. */
export const NAMED_DIMENSIONS: ReadonlyMap<string, { kind: NameKind; nameField: string }> = new Map(
  [
    ['project_id', { kind: 'project', nameField: 'project_name' }],
    ['user_id', { kind: 'user', nameField: 'user_name' }],
    ['api_key_id', { kind: 'api_key', nameField: 'api_key_name' }],
  ],
);

/** A short, plain account of why a directory read failed: the error's name and HTTP status. */
function failureOf(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? `${error.name}, HTTP ${status}` : error.name;
}

/**
 * Reads each organization's directory (projects including archived, users, keys, service
 * accounts). A directory that cannot be read costs names, never rows: ids stay. A key without
 * directory access is reported once by the client (a refusal event); any other failure is
 * reported here, plainly.
 *
 * @param sources The organizations.
 * @param aliases Display names by id from the config, which win.
 * @param warnings Where a failed directory read is reported.
 *
 * @returns The lookup.
 */
export async function loadNames(
  sources: DataSources,
  aliases: Readonly<Record<string, string>>,
  warnings: string[],
): Promise<NameLookup> {
  const resolvers = new Map<string, NameResolver>();
  await Promise.all(
    sources.organizations.map(async ({ label, client }) => {
      const resolver = client.directory.resolver();
      try {
        await resolver.load(sources.callOptions());
        // A key refused the directory loads nothing (the client reports it once).
        if (client.capabilities.names.available !== false) resolvers.set(label, resolver);
      } catch (error) {
        warnings.push(
          `${label}: names unavailable: the directory could not be read (${failureOf(error)}); showing ids`,
        );
      }
    }),
  );
  const aliasMap = new Map(Object.entries(aliases));
  return {
    complete: resolvers.size === sources.organizations.length,
    name(kind, id) {
      const alias = aliasMap.get(id);
      if (alias !== undefined) return alias;
      for (const resolver of resolvers.values()) {
        const resolved = resolver.name(kind, id);
        if (resolved.known) return resolved.name;
      }
      return null;
    },
  };
}
