import { RedirectError } from './errors';
import type { Redact } from './redact-value';

/** Redirect statuses a GET may be sent on with. */
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Same-origin redirects followed in a row before giving up. */
const MAX_REDIRECTS = 5;

/** The request a redirect answered. */
export interface RedirectAttempt {
  /** The URL that was fetched. */
  readonly from: string;
  /** The request's method and path with query, for errors. */
  readonly label: string;
  /** The base URL's origin, the only one the key goes to. */
  readonly origin: string;
  /** Removes the admin key from the target's origin before it goes into an error. */
  readonly redact: Redact;
  /** Redirects followed so far in this attempt. */
  readonly redirects: number;
}

/**
 * Decides what to do with a redirect: nothing when the answer is not one, the next URL when it
 * stays on the base URL's origin (at most {@link MAX_REDIRECTS} in a row), else the error that
 * says why it is not followed. The key is never sent to another origin.
 *
 * @param response The answer, fetched with `redirect: 'manual'`.
 * @param attempt Where it was sent and how many redirects came before.
 *
 * @returns `undefined` when the answer is not a redirect, the URL to follow, or the error.
 */
export function followRedirect(
  response: Response,
  attempt: RedirectAttempt,
): string | RedirectError | undefined {
  const { from, label, origin, redact, redirects } = attempt;
  const status = response.status;
  if (response.type !== 'opaqueredirect' && !REDIRECT_STATUSES.has(status)) return undefined;
  const location = response.headers.get('location');
  if (response.type === 'opaqueredirect' || location === null) {
    return new RedirectError(label, status, 'the runtime does not say where to; not followed');
  }
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    return new RedirectError(label, status, 'its Location is not a URL; not followed');
  }
  if (next.origin !== origin) {
    const target = redact(next.origin);
    return new RedirectError(
      label,
      status,
      `to another origin (${target}); not followed, the admin key goes to ${origin} only`,
      target,
    );
  }
  if (redirects >= MAX_REDIRECTS) {
    return new RedirectError(label, status, `more than ${MAX_REDIRECTS} redirects in a row`);
  }
  return next.href;
}
