/** Shorter values are not treated as secrets: removing them would garble ordinary text. */
const MINIMUM_SECRET_LENGTH = 6;

/** Removes the keys in use from text the CLI writes. */
export interface OutputRedactor {
  /**
   * Adds a key to remove from now on (a key the data source read from a named variable).
   *
   * @param secret The key.
   */
  add(secret: string): void;
  /**
   * Removes every key in use, literal or encoded (JSON escapes, percent, base64).
   *
   * @param text The text to write.
   *
   * @returns The text without any form of a key.
   */
  redact(text: string): string;
}

/**
 * Creates the redactor of everything the CLI writes, over `@usagekit/client`'s
 * `createSecretRedactor` (compiled again only when a new key is added).
 *
 * @param secrets The keys known at start (see {@link environmentSecrets}).
 *
 * @returns The redactor.
 */
export async function createOutputRedactor(secrets: Iterable<string>): Promise<OutputRedactor> {
  const { createSecretRedactor } = await import('@usagekit/client');
  const known = new Set(secrets);
  let redactKnown = createSecretRedactor(known);
  return {
    add(secret) {
      if (secret.length < MINIMUM_SECRET_LENGTH || known.has(secret)) return;
      known.add(secret);
      redactKnown = createSecretRedactor(known);
    },
    redact: (text) => redactKnown(text),
  };
}

/**
 * The secrets of an environment: every variable whose name suggests a key (`OPENAI_ADMIN_KEY`,
 * `*_TOKEN`, `*_SECRET`, ...).
 *
 * @param env The environment.
 *
 * @returns The secret values.
 */
export function environmentSecrets(env: Readonly<Record<string, string | undefined>>): string[] {
  const secrets: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (
      value !== undefined &&
      value.length >= MINIMUM_SECRET_LENGTH &&
      /KEY|TOKEN|SECRET/i.test(name)
    )
      secrets.push(value);
  }
  return secrets;
}
