const keyPattern = /(?<![A-Za-z0-9])sk-[A-Za-z0-9_-]{6,}/g;

/**
 * Removes anything that looks like an API key from text before it is printed: the values of the
 * given secrets, and any `sk-...` token.
 *
 * @param text The text to print.
 * @param secrets Secret values to remove (the admin keys in use).
 *
 * @returns The text with keys replaced by `[redacted]`.
 */
export function redactSecrets(text: string, secrets: Iterable<string> = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 6) result = result.split(secret).join('[redacted]');
  }
  return result.replace(keyPattern, '[redacted]');
}

/**
 * The secrets of an environment: `OPENAI_ADMIN_KEY` and every variable whose name suggests a key.
 *
 * @param env The environment.
 *
 * @returns The secret values.
 */
export function environmentSecrets(env: Readonly<Record<string, string | undefined>>): string[] {
  const secrets: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && /KEY|TOKEN|SECRET/i.test(name)) secrets.push(value);
  }
  return secrets;
}
