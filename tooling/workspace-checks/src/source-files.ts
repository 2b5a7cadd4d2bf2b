import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { listModuleSpecifiers } from './platform-neutrality';

const sourceExtensions = ['.ts', '.tsx', '.mts', '.cts'];

/**
 * Tells whether a path under `src/` is shipped code rather than a test, type test, fixture or
 * benchmark.
 *
 * @param relativePath Path relative to the package's `src/`, with `/` separators.
 * @returns `true` for library code.
 */
export function isLibrarySourcePath(relativePath: string): boolean {
  if (!sourceExtensions.some((extension) => relativePath.endsWith(extension))) return false;
  if (relativePath.endsWith('.d.ts')) return false;
  if (/\.(test|test-d|spec|bench)\.[cm]?tsx?$/.test(relativePath)) return false;
  return !relativePath
    .split('/')
    .some((segment) => segment === '__fixtures__' || segment === '__tests__');
}

/**
 * Lists a package's shipped source files (recursively under `src/`).
 *
 * @param packageDirectory Absolute folder of the package.
 * @returns Absolute paths, sorted.
 */
export function listLibrarySourceFiles(packageDirectory: string): string[] {
  const sourceRoot = join(packageDirectory, 'src');
  if (!existsSync(sourceRoot)) return [];
  const files = readdirSync(sourceRoot, { recursive: true, encoding: 'utf8' })
    .map((entry) => entry.split('\\').join('/'))
    .filter((entry) => isLibrarySourcePath(entry))
    .map((entry) => join(sourceRoot, entry))
    .filter((path) => statSync(path).isFile());
  return files.sort();
}

/**
 * Resolves a relative import of a TypeScript source file the way the bundler settings do
 * (`./x`, `./x.js`, `./x.ts`, `./x/index.ts`).
 *
 * @param fromFile The importing file.
 * @param specifier A relative specifier.
 * @returns The absolute path, or `undefined` when nothing matches.
 */
export function resolveRelativeSource(fromFile: string, specifier: string): string | undefined {
  const base = join(dirname(fromFile), specifier);
  const withoutJsExtension = base.replace(/\.[cm]?js$/, '');
  const candidates = [
    base,
    ...sourceExtensions.map((extension) => withoutJsExtension + extension),
    ...sourceExtensions.map((extension) => join(base, `index${extension}`)),
  ];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

/**
 * Follows relative imports from an entry file and returns every source file it reaches, each
 * with the import chain that reaches it.
 *
 * @param entryFile Absolute path of the entry (e.g. `src/index.ts`).
 * @returns Map from absolute file path to the chain of files from the entry to it.
 */
export function findReachableSources(entryFile: string): Map<string, readonly string[]> {
  const chains = new Map<string, readonly string[]>([[entryFile, [entryFile]]]);
  const queue = [entryFile];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const sourceFile = ts.createSourceFile(
      file,
      readFileSync(file, 'utf8'),
      ts.ScriptTarget.Latest,
      true,
    );
    for (const { specifier } of listModuleSpecifiers(sourceFile)) {
      if (!specifier.startsWith('.')) continue;
      const target = resolveRelativeSource(file, specifier);
      if (target !== undefined && !chains.has(target)) {
        chains.set(target, [...(chains.get(file) ?? []), target]);
        queue.push(target);
      }
    }
  }
  return chains;
}

/**
 * Formats a path relative to a root with `/` separators.
 *
 * @param root The base folder.
 * @param path An absolute path.
 * @returns The relative path.
 */
export function toPosixRelative(root: string, path: string): string {
  return relative(root, path).split('\\').join('/');
}
