import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The app's root folder (apps/dashboard). */
export const APP_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Where Vite writes the built front end. */
export const DIST_DIRECTORY = join(APP_ROOT, 'dist');

/** The largest production bundle allowed, gzipped. @unit bytes */
export const BUNDLE_LIMIT_BYTES = 250 * 1024;

/**
 * Builds the front end with Vite into `dist/` (the app's vite.config.ts).
 */
export async function buildFrontEnd(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: join(APP_ROOT, 'vite.config.ts'), logLevel: 'warn' });
}

/** Size of one built file. */
export interface BundleFile {
  readonly name: string;
  /** @unit bytes */
  readonly rawBytes: number;
  /** @unit bytes */
  readonly gzipBytes: number;
}

/**
 * Measures every file of the built front end, raw and gzipped (level 9).
 *
 * @param directory The build output. @default DIST_DIRECTORY
 *
 * @returns Each file and the gzipped total.
 */
export async function measureBundle(
  directory: string = DIST_DIRECTORY,
): Promise<{ readonly files: readonly BundleFile[]; readonly gzipBytes: number }> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  const files: BundleFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const body = await readFile(path);
    files.push({
      name: path.slice(directory.length + 1),
      rawBytes: body.length,
      gzipBytes: gzipSync(body, { level: 9 }).length,
    });
  }
  files.sort((left, right) => left.name.localeCompare(right.name));
  return { files, gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0) };
}

/**
 * Formats a bundle measurement as lines for the terminal.
 *
 * @param measurement What {@link measureBundle} returned.
 *
 * @returns The report.
 */
export function formatBundleReport(measurement: Awaited<ReturnType<typeof measureBundle>>): string {
  const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
  const lines = measurement.files.map(
    (file) =>
      `  ${file.name.padEnd(36)} ${kib(file.rawBytes).padStart(10)} raw ${kib(file.gzipBytes).padStart(10)} gzip`,
  );
  lines.push(
    `  total gzipped: ${kib(measurement.gzipBytes)} (limit ${kib(BUNDLE_LIMIT_BYTES)}, ${((measurement.gzipBytes / BUNDLE_LIMIT_BYTES) * 100).toFixed(0)}% used)`,
  );
  return lines.join('\n');
}
