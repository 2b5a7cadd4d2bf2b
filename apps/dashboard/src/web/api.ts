/** An API answer that was not 2xx, with the server's message. */
export class ApiRequestError extends Error {
  override name = 'ApiRequestError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * Fetches JSON from the dashboard's own server (same origin only).
 *
 * @param path `/api/...` path.
 * @param query Query string without `?`.
 *
 * @returns The parsed body.
 */
export async function getJson<TBody>(path: string, query = ''): Promise<TBody> {
  const response = await fetch(query === '' ? path : `${path}?${query}`, {
    headers: { Accept: 'application/json' },
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message =
      body !== null && typeof body === 'object' && 'error' in body && typeof body.error === 'string'
        ? body.error
        : `${response.status} ${response.statusText}`;
    throw new ApiRequestError(message, response.status);
  }
  return body as TBody;
}
