import { CliError } from '../cli-error';

/** How to ask for a plain-http base URL on another machine. */
export const ALLOW_INSECURE_FLAG = '--allow-insecure-base-url';
/** The environment variable that does the same as {@link ALLOW_INSECURE_FLAG} (value `1`). */
export const ALLOW_INSECURE_VARIABLE = 'USAGEKIT_ALLOW_INSECURE_BASE_URL';

/**
 * Whether a URL's host is this machine, by parsed address: `localhost`, 127.0.0.0/8 or `::1`
 * (so `127.attacker.example` is not).
 *
 * @param url The parsed URL.
 *
 * @returns True for loopback.
 */
export function isLoopbackUrl(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Checks a base URL before any request: http(s) only, no credentials in it, and https unless it
 * points at this machine or plain http was allowed explicitly (the admin key would otherwise
 * cross the network unencrypted).
 *
 * @param text The URL.
 * @param origin Where it came from (`--base-url`, `OPENAI_BASE_URL`, `baseURL`), for the message.
 * @param allowInsecure Whether plain http to another machine was allowed.
 *
 * @returns The URL text.
 * @throws {CliError} naming the origin and what is allowed.
 */
export function checkBaseUrl(text: string, origin: string, allowInsecure: boolean): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new CliError(
      `${origin}: "${text}" is not an http(s) URL such as https://api.openai.com/v1`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new CliError(
      `${origin}: credentials in the URL are not allowed; use the key's environment variable`,
    );
  }
  if (url.protocol === 'http:' && !allowInsecure && !isLoopbackUrl(url)) {
    throw new CliError(
      `${origin}: "${text}" is plain http to another machine, so the admin key would cross the network unencrypted; use https`,
      undefined,
      `if this is really intended (a trusted proxy), pass ${ALLOW_INSECURE_FLAG} or set ${ALLOW_INSECURE_VARIABLE}=1`,
    );
  }
  return text;
}
