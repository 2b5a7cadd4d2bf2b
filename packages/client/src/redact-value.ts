/** Removes secrets from one string. */
export type Redact = (text: string) => string;

/**
 * Copies parsed JSON with every string (keys included) passed through `redact`. Returns the
 * value itself when nothing changed. Recursion is bounded by the depth `JSON.parse` accepted.
 *
 * @param value Parsed JSON.
 * @param redact Removes secrets from a string.
 *
 * @returns The value without secrets.
 */
export function redactJSONValue(value: unknown, redact: Redact): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) {
    let changed = false;
    const copy = value.map((item) => {
      const redacted = redactJSONValue(item, redact);
      if (redacted !== item) changed = true;
      return redacted;
    });
    return changed ? copy : value;
  }
  if (typeof value === 'object' && value !== null) {
    let changed = false;
    const entries = Object.entries(value).map(([key, item]) => {
      const redactedKey = redact(key);
      const redacted = redactJSONValue(item, redact);
      if (redactedKey !== key || redacted !== item) changed = true;
      return [redactedKey, redacted] as const;
    });
    if (!changed) return value;
    const copy: Record<string, unknown> = {};
    for (const [key, item] of entries) {
      Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true });
    }
    return copy;
  }
  return value;
}

/**
 * Makes an error from elsewhere (a fetch failure, a JSON parse error quoting the body) safe to
 * keep as a `cause`: returned as it is when neither its message, its stack nor its causes hold
 * a secret, else replaced by a plain `Error` of the same name with redacted message and stack.
 *
 * @param error The error, or any thrown value.
 * @param redact Removes secrets from a string.
 * @param depth How many causes deep to look.
 *
 * @returns A value safe to attach as a cause.
 */
export function redactCause(error: unknown, redact: Redact, depth = 8): unknown {
  if (!(error instanceof Error)) {
    if (typeof error === 'string') return redact(error);
    if (typeof error !== 'object' || error === null) return error;
    let text: string;
    try {
      text = JSON.stringify(error) ?? '';
    } catch {
      return '[withheld: an unserializable cause]';
    }
    return redact(text) === text ? error : '[withheld: held the admin key]';
  }
  const message = redact(error.message);
  const stack = error.stack === undefined ? undefined : redact(error.stack);
  const cause =
    depth > 0 && error.cause !== undefined
      ? redactCause(error.cause, redact, depth - 1)
      : error.cause;
  if (message === error.message && stack === error.stack && cause === error.cause) return error;
  const copy = new Error(message, cause === undefined ? undefined : { cause });
  copy.name = redact(error.name);
  if (stack !== undefined) copy.stack = stack;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') {
    Object.assign(copy, { code: typeof code === 'string' ? redact(code) : code });
  }
  return copy;
}
