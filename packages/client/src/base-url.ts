import { UsageClientError } from './errors';

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const MAPPED_IPV4_LOOPBACK = /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/;

/**
 * Tells whether a URL's host is the loopback interface, from the parsed address rather than a
 * prefix: `localhost`, an IPv4 address in 127.0.0.0/8 (in any form the URL parser accepts, such
 * as `127.1` or `0x7f.0.0.1`), `[::1]` or an IPv4-mapped `[::ffff:127.x.x.x]`. A name such as
 * `127.attacker.example` or `localhost.attacker.example` is not loopback.
 *
 * @param url An absolute URL.
 *
 * @returns Whether its host is loopback; `false` when it does not parse.
 */
export function isLoopbackURL(url: string | URL): boolean {
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return false;
  }
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  if (MAPPED_IPV4_LOOPBACK.test(hostname)) return true;
  const ipv4 = IPV4.exec(hostname);
  return ipv4 !== null && ipv4[1] === '127';
}

/**
 * Checks the client's base URL: it must parse and use https, except on loopback (plain http to
 * a local mock or proxy) or when insecure URLs are explicitly allowed.
 *
 * @param baseURL The base URL, without trailing slashes.
 * @param allowInsecure Whether a remote `http:` URL is accepted.
 *
 * @returns The URL's origin, the only one the admin key is sent to.
 * @throws {UsageClientError} naming the URL's scheme and host when it is refused.
 */
export function checkBaseURL(baseURL: string, allowInsecure: boolean): string {
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    throw new UsageClientError('Option baseURL must be an absolute http(s) URL');
  }
  if (url.username !== '' || url.password !== '') {
    throw new UsageClientError('Option baseURL must not carry credentials');
  }
  if (url.protocol === 'https:') return url.origin;
  if (url.protocol !== 'http:') {
    throw new UsageClientError(`Option baseURL must use https; got ${url.protocol}`);
  }
  if (allowInsecure || isLoopbackURL(url)) return url.origin;
  throw new UsageClientError(
    `Option baseURL must use https for a remote host (${url.host}): the admin key would travel in clear text. Pass allowInsecureBaseURL: true to allow it`,
  );
}
