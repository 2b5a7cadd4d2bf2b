import { type EndpointName, getEndpoint } from './registry';

type QueryValue =
  | string
  | number
  | boolean
  | readonly (string | number | boolean)[]
  | null
  | undefined;

/**
 * Encodes query parameters the way the official SDKs do: arrays as repeated `key[]=value`,
 * booleans as `true`/`false`, and `null`/`undefined` left out.
 *
 * @param params The parameters.
 *
 * @returns The encoded query, without a leading `?`.
 */
export function encodeQuery(params: Readonly<Record<string, QueryValue>>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) search.append(`${key}[]`, String(item));
    } else {
      search.append(key, String(value));
    }
  }
  return search.toString();
}

const INTEGER_PARAMS = new Set(['start_time', 'end_time', 'limit']);

function decodeScalar(key: string, raw: string, flags: ReadonlySet<string>): unknown {
  if (INTEGER_PARAMS.has(key)) return /^-?\d+$/.test(raw) ? Number(raw) : raw;
  if (flags.has(key)) return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

/**
 * Decodes a query string into an endpoint's parameters, accepting both `key[]=value` and repeated
 * `key=value` for arrays. Numbers and booleans are converted where the endpoint expects them;
 * anything else is left as text so that validation can name it, and a scalar parameter given
 * more than once becomes an array so that validation rejects it instead of one value silently
 * winning. Keys such as `__proto__` become plain own properties, never prototypes. Validate the
 * result with `validateParams`.
 *
 * @param name The endpoint the query is for.
 * @param search The query, as `URLSearchParams` or a string with or without a leading `?`.
 *
 * @returns The parameters, not yet validated.
 */
export function decodeQuery(
  name: EndpointName,
  search: URLSearchParams | string,
): Record<string, unknown> {
  const endpoint = getEndpoint(name);
  const filters: Readonly<Record<string, { kind: string }>> = endpoint.filters;
  const arrays = new Set(['group_by']);
  const flags = new Set<string>();
  for (const [param, filter] of Object.entries(filters)) {
    (filter.kind === 'flag' ? flags : arrays).add(param);
  }
  const params = new Map<string, unknown>();
  const query = typeof search === 'string' ? new URLSearchParams(search) : search;
  for (const [rawKey, raw] of query) {
    const key = rawKey.endsWith('[]') ? rawKey.slice(0, -2) : rawKey;
    const previous = params.get(key);
    if (arrays.has(key)) {
      if (Array.isArray(previous)) previous.push(raw);
      else params.set(key, [raw]);
    } else {
      const value = decodeScalar(key, raw, flags);
      params.set(key, previous === undefined ? value : [previous, value].flat());
    }
  }
  return Object.fromEntries(params);
}
