import { CliError } from '../cli-error';

const keyFlags = new Set([
  '--key',
  '--api-key',
  '--admin-key',
  '--apikey',
  '--token',
  '--openai-admin-key',
]);
const keyLike = /(^|[=:\s])sk-[A-Za-z0-9_-]{6,}/;

/**
 * Refuses an admin key given on the command line (it would land in shell history and process
 * lists). Flags such as `--key` and any argument that looks like `sk-...` are rejected with a
 * pointer to `OPENAI_ADMIN_KEY`. The message never repeats the argument.
 *
 * @param argv The arguments after the program name.
 */
export function refuseKeyArguments(argv: readonly string[]): void {
  for (const argument of argv) {
    const flag = argument.split('=', 1)[0]?.toLowerCase() ?? '';
    if (keyFlags.has(flag) || keyLike.test(argument)) {
      throw new CliError(
        'refusing an API key on the command line (it would be saved in shell history and visible to other processes)',
        undefined,
        'set it in the environment instead: export OPENAI_ADMIN_KEY=... (and OPENAI_BASE_URL for another endpoint); for several organizations, name an environment variable per organization in usagekit.config.json ("keyEnv")',
      );
    }
  }
}
