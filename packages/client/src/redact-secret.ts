/** What every encoding of a secret is replaced with. */
export const REDACTED_SECRET = '[redacted admin key]';

const SHORT_JSON_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\\\"',
  '\\': '\\\\\\\\',
  '/': '\\\\/',
  '\b': '\\\\b',
  '\f': '\\\\f',
  '\n': '\\\\n',
  '\r': '\\\\r',
  '\t': '\\\\t',
};

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A regular expression source matching one hex digit in either case. */
function hexDigitPattern(digit: string): string {
  const lower = digit.toLowerCase();
  const upper = digit.toUpperCase();
  return lower === upper ? digit : `[${lower}${upper}]`;
}

function hexPattern(value: number, width: number): string {
  return [...value.toString(16).padStart(width, '0')].map(hexDigitPattern).join('');
}

function escapeLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * The pattern of one character of the secret in any of the encodings a mix may use: itself, a
 * JSON `\uXXXX` escape (per UTF-16 unit, either case) or short escape, or its percent-encoded
 * UTF-8 bytes (either case; `+` for a space).
 */
function characterPattern(character: string): string {
  const alternatives = [escapeLiteral(character)];
  let unicodeEscape = '';
  for (let index = 0; index < character.length; index++) {
    unicodeEscape += `\\\\u${hexPattern(character.charCodeAt(index), 4)}`;
  }
  alternatives.push(unicodeEscape);
  const shortEscape = SHORT_JSON_ESCAPES[character];
  if (shortEscape !== undefined) alternatives.push(shortEscape);
  const bytes = new TextEncoder().encode(character);
  alternatives.push([...bytes].map((byte) => `%${hexPattern(byte, 2)}`).join(''));
  if (character === ' ') alternatives.push('\\+');
  return `(?:${alternatives.join('|')})`;
}

function encodeBase64(bytes: Uint8Array): string {
  let text = '';
  for (let index = 0; index < bytes.length; index += 3) {
    const chunk =
      ((bytes[index] ?? 0) << 16) | ((bytes[index + 1] ?? 0) << 8) | (bytes[index + 2] ?? 0);
    const remaining = bytes.length - index;
    text += BASE64_ALPHABET[(chunk >> 18) & 63];
    text += BASE64_ALPHABET[(chunk >> 12) & 63];
    text += remaining > 1 ? BASE64_ALPHABET[(chunk >> 6) & 63] : '=';
    text += remaining > 2 ? BASE64_ALPHABET[chunk & 63] : '=';
  }
  return text;
}

/** A base64 character as it may appear in standard, URL-safe or percent-encoded base64. */
function base64CharacterPattern(character: string): string {
  if (character === '+') return '(?:\\+|-|%2[bB])';
  if (character === '/') return '(?:\\/|_|%2[fF]|\\\\\\/)';
  return character;
}

/**
 * The patterns of the secret's base64 inside a larger base64 text, one per byte alignment (the
 * secret starting at byte 0, 1 or 2 of a 3-byte group). Only the characters that depend on the
 * secret's bytes alone are matched; the up to two characters at each edge that mix in
 * neighbouring bytes stay, so at most a few bits of the first and last bytes remain.
 */
function base64Patterns(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const patterns: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const shifted = new Uint8Array(offset + bytes.length);
    shifted.set(bytes, offset);
    const encoded = encodeBase64(shifted);
    const first = Math.ceil((8 * offset) / 6);
    const end = Math.floor((8 * (offset + bytes.length)) / 6);
    const stable = encoded.slice(first, end);
    if (stable.length > 0) patterns.push([...stable].map(base64CharacterPattern).join(''));
  }
  return patterns;
}

function secretPatterns(secret: string): string[] {
  const mixed = [...secret].map(characterPattern).join('');
  return [mixed, ...base64Patterns(secret)];
}

/**
 * Builds a function that removes secrets from text in every form a server or a library may echo
 * them: literally; JSON-escaped (any mix of `\uXXXX` escapes in either case, short escapes such as
 * `\/`); percent-encoded (any mix of `%XX` in either case); and base64 or base64url (standard,
 * URL-safe or percent-encoded alphabet), at each of the three byte alignments, so the secret is
 * found inside a larger base64 text too. Each occurrence becomes `[redacted admin key]`.
 * Platform-neutral; build it once per set of secrets, as it compiles one regular expression.
 *
 * @param secrets The secrets; empty strings are ignored.
 *
 * @returns The redacting function; it returns its input unchanged when no secret is in it.
 *
 * @example
 * const redact = createSecretRedactor([adminKey]);
 * console.error(redact(error.message));
 */
export function createSecretRedactor(secrets: Iterable<string>): (text: string) => string {
  const patterns: string[] = [];
  for (const secret of new Set(secrets)) {
    if (secret !== '') patterns.push(...secretPatterns(secret));
  }
  if (patterns.length === 0) return (text) => text;
  // Longer patterns first, so the literal form wins over a base64 core that happens to be shorter.
  patterns.sort((left, right) => right.length - left.length);
  const expression = new RegExp(patterns.join('|'), 'g');
  return (text) => text.replace(expression, REDACTED_SECRET);
}

/**
 * Removes a secret from text, literal or encoded (see {@link createSecretRedactor} for the
 * encodings), replacing each occurrence with `[redacted admin key]`.
 *
 * @param text Text that may hold the secret: an error body, a message, a stack.
 * @param secret The secret, such as an admin key; an empty secret removes nothing.
 *
 * @returns The text without any encoding of the secret.
 *
 * @example
 * redactSecret('{"echo":"\\u0073k-admin-123"}', 'sk-admin-123'); // '{"echo":"[redacted admin key]"}'
 */
export function redactSecret(text: string, secret: string): string {
  return createSecretRedactor([secret])(text);
}

/**
 * Removes several secrets from text, literal or encoded (see {@link createSecretRedactor}).
 *
 * @param text Text that may hold the secrets.
 * @param secrets The secrets.
 *
 * @returns The text without any encoding of any of them.
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  return createSecretRedactor(secrets)(text);
}
