import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Creates a random access token for a dashboard that listens beyond loopback.
 *
 * @param random Source of random bytes (injectable for tests).
 *
 * @returns 32 random bytes, base64url-encoded.
 */
export function createAccessToken(random: (size: number) => Uint8Array = randomBytes): string {
  return Buffer.from(random(32)).toString('base64url');
}

/**
 * Compares a presented token with the expected one in constant time. Both are hashed first, so
 * neither the length nor the content leaks through timing.
 *
 * @param presented What the request carried (may be missing).
 * @param expected The server's token.
 *
 * @returns Whether they are equal.
 */
export function tokensMatch(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const left = createHash('sha256').update(presented).digest();
  const right = createHash('sha256').update(expected).digest();
  return timingSafeEqual(left, right);
}

/** Name of the cookie that carries the access token after the first visit. */
export const ACCESS_COOKIE_NAME = 'usagekit_dashboard_token';

/**
 * Reads the access token a request presents: `Authorization: Bearer …`, else the access cookie.
 *
 * @param authorization The `Authorization` header.
 * @param cookieHeader The `Cookie` header.
 *
 * @returns The token, or undefined when none is presented.
 */
export function presentedToken(
  authorization: string | undefined,
  cookieHeader: string | undefined,
): string | undefined {
  if (authorization?.startsWith('Bearer ')) return authorization.slice('Bearer '.length).trim();
  if (cookieHeader === undefined) return undefined;
  for (const part of cookieHeader.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() === ACCESS_COOKIE_NAME) {
      return part.slice(separator + 1).trim();
    }
  }
  return undefined;
}
