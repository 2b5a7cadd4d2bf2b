import type { UsageStore } from '@usagekit/store';
import { CliError } from '../cli-error';
import type { CommandContext } from '../commands/command-context';
import { ExitCode } from '../exit-codes';

/** An open store and how to name it in messages. */
export interface OpenedStore {
  readonly store: UsageStore;
  /** The location for people (a path, or a URL without credentials). */
  readonly where: string;
}

/**
 * Opens the store of `--store`, else `USAGEKIT_STORE`, else the default per-user DuckDB file.
 *
 * @param context The command context (its `--store`, environment and working directory).
 *
 * @returns The store; the caller closes it (DuckDB holds a file lock while it is open).
 */
export async function openStoreOf(context: CommandContext): Promise<OpenedStore> {
  const { describeStoreLocation, openStore, resolveStoreLocation } = await import(
    '@usagekit/store'
  );
  let location: ReturnType<typeof resolveStoreLocation>;
  try {
    location = resolveStoreLocation({
      store: context.values.store as string | undefined,
      env: context.env,
      cwd: context.cwd,
    });
  } catch (error) {
    throw new CliError(`--store: ${(error as Error).message}`);
  }
  const where = describeStoreLocation(location);
  try {
    return { store: await openStore(location), where };
  } catch (error) {
    throw new CliError(
      `cannot open the store ${where}: ${(error as Error).message}`,
      ExitCode.config,
      'check --store / USAGEKIT_STORE (a DuckDB file is locked while another sync writes it)',
      error,
    );
  }
}
