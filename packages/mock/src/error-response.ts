/** The parts of an OpenAI-shaped error body. */
export interface ErrorDetails {
  /** A sentence for humans; never contains a key. */
  readonly message: string;
  /** `invalid_request_error`, `requests`, `server_error`, … */
  readonly type: string;
  /** The query parameter at fault, or `null`. */
  readonly param?: string | null | undefined;
  /** A machine-readable code, or `null`. */
  readonly code?: string | null | undefined;
}

/**
 * Builds an error response shaped like OpenAI's: `{ error: { message, type, param, code } }`.
 *
 * @param status The HTTP status.
 * @param details The error fields.
 * @param headers Extra headers (`Retry-After`, …).
 *
 * @returns The response.
 */
export function errorResponse(
  status: number,
  details: ErrorDetails,
  headers: Readonly<Record<string, string>> = {},
): Response {
  const body = {
    error: {
      message: details.message,
      type: details.type,
      param: details.param ?? null,
      code: details.code ?? null,
    },
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/**
 * Builds a JSON response from JSON text or UTF-8 JSON bytes.
 *
 * @param body The JSON.
 * @param headers Extra headers.
 *
 * @returns A 200 response.
 */
export function jsonResponse(
  body: string | Uint8Array<ArrayBuffer>,
  headers: Readonly<Record<string, string>> = {},
): Response {
  return new Response(body, {
    status: 200,
    headers: { 'content-type': 'application/json', ...headers },
  });
}
