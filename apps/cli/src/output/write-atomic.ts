import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CliError } from '../cli-error';

/**
 * Writes a file atomically: chunks go to a temporary file beside the target, which is renamed
 * over the target only when everything was written and flushed. On failure the target is
 * untouched and the temporary file removed.
 *
 * @param path The target file.
 * @param chunks The content, produced lazily.
 * @param mode File permissions. @default 0o644
 */
export async function writeFileAtomic(
  path: string,
  chunks: Iterable<string> | AsyncIterable<string>,
  mode = 0o644,
): Promise<void> {
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(temporary, 'wx', mode);
    for await (const chunk of chunks) await handle.write(chunk);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temporary, path);
  } catch (error) {
    await handle?.close().catch(() => {});
    await unlink(temporary).catch(() => {});
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      `cannot write ${path}${code === undefined ? '' : ` (${code})`}`,
      undefined,
      undefined,
      error,
    );
  }
}
