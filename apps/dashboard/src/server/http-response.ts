import type { ServerResponse } from 'node:http';
import { SECURITY_HEADERS } from './security-headers';

/**
 * Writes a whole response with the security headers; a HEAD request gets the headers only.
 *
 * @param response The response.
 * @param status The status code.
 * @param headers Headers beside the security headers.
 * @param body The body.
 * @param method The request's method.
 */
export function send(
  response: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string | Buffer,
  method: string,
): void {
  response.writeHead(status, { ...SECURITY_HEADERS, ...headers });
  response.end(method === 'HEAD' ? undefined : body);
}

/**
 * Writes a JSON response that is never cached.
 *
 * @param response The response.
 * @param status The status code.
 * @param body The value to serialize.
 * @param method The request's method.
 * @param timing The `Server-Timing` header.
 */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  method: string,
  timing: string,
): void {
  send(
    response,
    status,
    {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'Server-Timing': timing,
    },
    JSON.stringify(body),
    method,
  );
}

/**
 * Writes a plain-text response.
 *
 * @param response The response.
 * @param status The status code.
 * @param text The body.
 * @param method The request's method.
 * @param headers Extra headers.
 */
export function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  method: string,
  headers: Record<string, string> = {},
): void {
  send(response, status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }, text, method);
}
