import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** A built front-end file held in memory. */
export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
  /** Whether the name carries a content hash (cache forever). */
  readonly immutable: boolean;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

function contentTypeOf(name: string): string {
  const dot = name.lastIndexOf('.');
  const extension = dot === -1 ? '' : name.slice(dot);
  return Object.hasOwn(CONTENT_TYPES, extension)
    ? (CONTENT_TYPES[extension] as string)
    : 'application/octet-stream';
}

async function listFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Loads the built front end into memory, keyed by URL path. Requests are answered by lookup in
 * this map only, so no request path ever reaches the file system.
 *
 * @param directory The Vite output directory.
 *
 * @returns URL path (`/index.html`, `/assets/…`) to file.
 */
export async function loadStaticFiles(directory: string): Promise<Map<string, StaticFile>> {
  const files = new Map<string, StaticFile>();
  for (const path of await listFiles(directory)) {
    const urlPath = `/${relative(directory, path).split(sep).join('/')}`;
    files.set(urlPath, {
      body: await readFile(path),
      contentType: contentTypeOf(path),
      immutable: urlPath.startsWith('/assets/'),
    });
  }
  return files;
}
