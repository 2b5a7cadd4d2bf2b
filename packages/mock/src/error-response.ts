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

/** The bytes behind each byte-bodied JSON response, so the server can send them without a copy. */
const rawBodies = new WeakMap<Response, Uint8Array<ArrayBuffer>>();

/**
 * Builds a JSON response from JSON text or UTF-8 JSON bytes. Bytes are handed to the body stream as
 * they are (no copy) and remembered for {@link rawBodyOf}.
 *
 * @param body The JSON; bytes must not be modified afterwards.
 * @param headers Extra headers.
 *
 * @returns A 200 response.
 */
export function jsonResponse(
  body: string | Uint8Array<ArrayBuffer>,
  headers: Readonly<Record<string, string>> = {},
): Response {
  const init = { status: 200, headers: { 'content-type': 'application/json', ...headers } };
  if (typeof body === 'string') return new Response(body, init);
  const response = new Response(
    new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(body);
        controller.close();
      },
    }),
    init,
  );
  rawBodies.set(response, body);
  return response;
}

/**
 * The bytes a response built by {@link jsonResponse} carries, for a server to write directly.
 *
 * @param response The response.
 *
 * @returns Its body bytes, or `undefined` for any other response (read its body instead).
 */
export function rawBodyOf(response: Response): Uint8Array<ArrayBuffer> | undefined {
  return response.bodyUsed ? undefined : rawBodies.get(response);
}
