import { type EndpointName, getEndpoint } from '@usagekit/schemas';
import { CliError } from '../cli-error';

/** Dimensions that are not `group_by` values: they come from where a row was fetched. */
export const PSEUDO_DIMENSIONS = ['organization', 'endpoint'] as const;

const shortNames = new Map<string, string>([
  ['key', 'api_key_id'],
  ['api_key', 'api_key_id'],
  ['tier', 'service_tier'],
  ['line', 'line_item'],
  ['context', 'context_level'],
  ['org', 'organization'],
]);

function shortName(dimension: string): string {
  return dimension.endsWith('_id') ? dimension.slice(0, -3).replace(/^api_key$/, 'key') : dimension;
}

/**
 * Reads `--by`: short names (`project`, `user`, `key`, `tier`, ...) or registry dimension names
 * (`project_id`, `service_tier`, ...), checked against the dimensions of the chosen endpoints.
 *
 * @param text The flag value.
 * @param endpoints The endpoints whose dimensions are allowed.
 * @param fallback The dimensions when the flag is absent.
 *
 * @returns Registry dimension names (and `organization` / `endpoint`), without repeats.
 */
export function parseDimensionList(
  text: string | undefined,
  endpoints: readonly EndpointName[],
  fallback: readonly string[] = [],
): string[] {
  const allowed = new Set<string>(PSEUDO_DIMENSIONS);
  for (const name of endpoints)
    for (const dimension of getEndpoint(name).dimensions) allowed.add(dimension);
  if (text === undefined) return fallback.filter((dimension) => allowed.has(dimension));
  const chosen: string[] = [];
  for (const raw of text.split(',')) {
    const name = raw.trim().toLowerCase().replace(/-/g, '_');
    if (name === '' || name === 'none') continue;
    const candidates = [name, shortNames.get(name), `${name}_id`];
    const dimension = candidates.find(
      (candidate) => candidate !== undefined && allowed.has(candidate),
    );
    if (dimension === undefined) {
      const names = [...allowed].map(shortName).join(', ');
      throw new CliError(
        `--by: unknown dimension "${raw.trim()}" for ${endpoints.join(', ')}; allowed: ${names}`,
      );
    }
    if (!chosen.includes(dimension)) chosen.push(dimension);
  }
  return chosen;
}
