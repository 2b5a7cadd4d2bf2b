/** A request target split into its path and query, as the server routes it. */
export interface RequestTarget {
  /** The path as sent (not percent-decoded: it is only compared, never used as a file path). */
  readonly path: string;
  readonly search: URLSearchParams;
}

/**
 * Splits a request target (`/api/top?range=7d`) without the URL parser, which throws on targets
 * such as `//`. Only origin-form targets are served: a path that starts with one `/`.
 *
 * @param target The request line's target, as Node's parser passes it through.
 *
 * @returns The path and query, or null when the target is not a path this server serves.
 */
export function parseRequestTarget(target: string | undefined): RequestTarget | null {
  if (target === undefined) return null;
  const queryStart = target.indexOf('?');
  const path = queryStart === -1 ? target : target.slice(0, queryStart);
  if (!path.startsWith('/') || path.startsWith('//')) return null;
  const query = queryStart === -1 ? '' : target.slice(queryStart + 1);
  return { path, search: new URLSearchParams(query) };
}
