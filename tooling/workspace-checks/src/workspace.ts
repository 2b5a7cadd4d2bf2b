import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The fields of a `package.json` that the checks read. */
export interface PackageManifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly packageManager?: string;
  readonly engines?: Readonly<Record<string, string>>;
  readonly bin?: string | Readonly<Record<string, string>>;
  readonly exports?: unknown;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly scripts?: Readonly<Record<string, string>>;
}

/** One package of the workspace. */
export interface WorkspacePackage {
  /** Absolute folder. */
  readonly directory: string;
  /** Folder relative to the workspace root, with `/` separators (`packages/client`). */
  readonly relativeDirectory: string;
  readonly manifest: PackageManifest;
}

/** The dependency fields of a manifest, in the order npm lists them. */
export const dependencyFields = [
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
] as const;

/** Absolute path of the workspace root (the folder holding `pnpm-workspace.yaml`). */
export const workspaceRoot: string = findWorkspaceRoot(dirname(fileURLToPath(import.meta.url)));

function findWorkspaceRoot(start: string): string {
  let directory = start;
  while (!existsSync(join(directory, 'pnpm-workspace.yaml'))) {
    const parent = dirname(directory);
    if (parent === directory) {
      throw new Error(`no pnpm-workspace.yaml above ${start}`);
    }
    directory = parent;
  }
  return directory;
}

/**
 * Reads and parses a `package.json`.
 *
 * @param directory The folder that holds it.
 * @returns The parsed manifest.
 */
export function readManifest(directory: string): PackageManifest {
  return JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as PackageManifest;
}

/**
 * Reads the `packages:` globs of `pnpm-workspace.yaml`. Only `folder/*` globs are supported,
 * which is what this workspace uses; anything else throws so it cannot be skipped silently.
 *
 * @param root The workspace root.
 * @returns The globs, e.g. `['packages/*', 'apps/*']`.
 */
export function readWorkspaceGlobs(root: string = workspaceRoot): string[] {
  const text = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const globs: string[] = [];
  let inPackages = false;
  for (const line of text.split('\n')) {
    if (/^\S/.test(line)) {
      inPackages = line.startsWith('packages:');
      continue;
    }
    const item = inPackages ? /^\s+-\s+["']?([^"'#]+?)["']?\s*$/.exec(line) : null;
    if (item?.[1] !== undefined) {
      if (!/^[\w.-]+\/\*$/.test(item[1])) {
        throw new Error(`unsupported workspace glob "${item[1]}" in pnpm-workspace.yaml`);
      }
      globs.push(item[1]);
    }
  }
  return globs;
}

/**
 * Lists every package of the workspace, sorted by folder.
 *
 * @param root The workspace root.
 * @returns The packages with their manifests.
 */
export function listWorkspacePackages(root: string = workspaceRoot): WorkspacePackage[] {
  const packages: WorkspacePackage[] = [];
  for (const glob of readWorkspaceGlobs(root)) {
    const parent = join(root, glob.slice(0, -2));
    if (!existsSync(parent)) continue;
    for (const entry of readdirSync(parent, { withFileTypes: true })) {
      const directory = join(parent, entry.name);
      if (entry.isDirectory() && existsSync(join(directory, 'package.json'))) {
        packages.push({
          directory,
          relativeDirectory: relative(root, directory).split('\\').join('/'),
          manifest: readManifest(directory),
        });
      }
    }
  }
  return packages.sort((left, right) =>
    left.relativeDirectory.localeCompare(right.relativeDirectory),
  );
}

/**
 * Lists the packages that are published to npm: every workspace package not marked `private`.
 *
 * @param root The workspace root.
 * @returns The published packages.
 */
export function listPublishedPackages(root: string = workspaceRoot): WorkspacePackage[] {
  return listWorkspacePackages(root).filter(
    (workspacePackage) => !workspacePackage.manifest.private,
  );
}

/**
 * Reads the pnpm version pinned by the root `packageManager` field (`pnpm@10.34.9`).
 *
 * @param root The workspace root.
 * @returns The exact version.
 */
export function readPnpmVersion(root: string = workspaceRoot): string {
  const packageManager = readManifest(root).packageManager ?? '';
  const match = /^pnpm@(\d+\.\d+\.\d+)/.exec(packageManager);
  if (match?.[1] === undefined) {
    throw new Error(
      `root package.json packageManager must be "pnpm@x.y.z", got "${packageManager}"`,
    );
  }
  return match[1];
}

/**
 * Resolves an executable of the root `node_modules/.bin`.
 *
 * @param name The binary name, e.g. `publint`.
 * @param root The workspace root.
 * @returns Its absolute path.
 */
export function rootBinary(name: string, root: string = workspaceRoot): string {
  return resolve(root, 'node_modules', '.bin', name);
}
