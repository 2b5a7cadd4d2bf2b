import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';

/** A package found in `node_modules/.pnpm`, with the Node range it declares. */
export interface InstalledPackage {
  readonly name: string;
  readonly version: string;
  /** `engines.node` as written, or `undefined` when the package declares none. */
  readonly nodeRange: string | undefined;
  /** Folder of the package. */
  readonly directory: string;
}

/** An installed package allowed to exclude a supported Node version, and why. */
export interface EnginesAllowlistEntry {
  /** `name@version`, exact. */
  readonly id: string;
  readonly reason: string;
}

/** A package whose `engines.node` refuses a Node version the workspace supports. */
export interface EnginesViolation {
  readonly id: string;
  readonly nodeRange: string;
  /** The supported Node versions the range refuses. */
  readonly refusedVersions: readonly string[];
  readonly directory: string;
}

/** The outcome of {@link checkEngines}. */
export interface EnginesReport {
  /** Packages that refuse a supported Node version and are not allowlisted. */
  readonly violations: readonly EnginesViolation[];
  /** Allowlisted packages that do refuse a supported version (the allowlist is in use). */
  readonly allowed: readonly EnginesViolation[];
  /** Allowlist entries that match nothing installed, or whose package accepts every version. */
  readonly staleAllowlistEntries: readonly EnginesAllowlistEntry[];
}

/**
 * Lists every package that pnpm installed into a virtual store (`node_modules/.pnpm`). Each
 * store entry holds the package itself as a real folder and its dependencies as symlinks, so
 * only real folders are read.
 *
 * @param virtualStore Absolute path of `node_modules/.pnpm`.
 * @returns The installed packages, one per store entry and package.
 */
export function listInstalledPackages(virtualStore: string): InstalledPackage[] {
  const installed: InstalledPackage[] = [];
  for (const entry of readdirSync(virtualStore, { withFileTypes: true })) {
    const modules = join(virtualStore, entry.name, 'node_modules');
    if (!entry.isDirectory() || !existsSync(modules)) continue;
    for (const directory of packageFolders(modules)) {
      const manifestPath = join(directory, 'package.json');
      if (!existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
        name?: string;
        version?: string;
        engines?: unknown;
      };
      installed.push({
        name: manifest.name ?? directory,
        version: manifest.version ?? '0.0.0',
        nodeRange: readNodeRange(manifest.engines),
        directory,
      });
    }
  }
  return installed;
}

function packageFolders(modules: string): string[] {
  const folders: string[] = [];
  for (const name of readdirSync(modules)) {
    const path = join(modules, name);
    if (name.startsWith('@')) {
      for (const scoped of readdirSync(path)) {
        const scopedPath = join(path, scoped);
        if (isRealFolder(scopedPath)) folders.push(scopedPath);
      }
    } else if (name !== '.bin' && isRealFolder(path)) {
      folders.push(path);
    }
  }
  return folders;
}

function isRealFolder(path: string): boolean {
  const stats = lstatSync(path);
  return stats.isDirectory() && !stats.isSymbolicLink();
}

// Old manifests sometimes hold `engines` as an array of strings like "node >= 0.4".
function readNodeRange(engines: unknown): string | undefined {
  if (Array.isArray(engines)) {
    const entry = engines.find((item) => typeof item === 'string' && item.startsWith('node'));
    return typeof entry === 'string' ? entry.slice('node'.length).trim() : undefined;
  }
  if (typeof engines === 'object' && engines !== null && Object.hasOwn(engines, 'node')) {
    const range = (engines as { node: unknown }).node;
    return typeof range === 'string' ? range : undefined;
  }
  return undefined;
}

/**
 * Tells which of the given Node versions a range refuses, the way pnpm's engine check decides
 * (`semver.satisfies` with prereleases included). A range semver cannot parse refuses all.
 *
 * @param nodeRange An `engines.node` value.
 * @param nodeVersions Versions such as `20.19.0`.
 * @returns The refused versions, empty when the range accepts them all.
 */
export function refusedNodeVersions(nodeRange: string, nodeVersions: readonly string[]): string[] {
  return nodeVersions.filter(
    (version) => !semver.satisfies(version, nodeRange, { includePrerelease: true }),
  );
}

/**
 * Checks every installed package's `engines.node` against the supported Node versions.
 *
 * @param installed Packages from {@link listInstalledPackages}.
 * @param nodeVersions The supported versions, e.g. `['20.19.0', '20.20.2']`.
 * @param allowlist Exceptions, each with a reason.
 * @returns Violations, allowlisted refusals and stale allowlist entries.
 */
export function checkEngines(
  installed: readonly InstalledPackage[],
  nodeVersions: readonly string[],
  allowlist: readonly EnginesAllowlistEntry[],
): EnginesReport {
  const allowedIds = new Set(allowlist.map((entry) => entry.id));
  const violations: EnginesViolation[] = [];
  const allowed: EnginesViolation[] = [];
  const seen = new Set<string>();
  for (const installedPackage of installed) {
    const id = `${installedPackage.name}@${installedPackage.version}`;
    if (installedPackage.nodeRange === undefined || seen.has(id)) continue;
    seen.add(id);
    const refusedVersions = refusedNodeVersions(installedPackage.nodeRange, nodeVersions);
    if (refusedVersions.length === 0) continue;
    const violation = {
      id,
      nodeRange: installedPackage.nodeRange,
      refusedVersions,
      directory: installedPackage.directory,
    };
    (allowedIds.has(id) ? allowed : violations).push(violation);
  }
  const usedIds = new Set(allowed.map((violation) => violation.id));
  return {
    violations,
    allowed,
    staleAllowlistEntries: allowlist.filter((entry) => !usedIds.has(entry.id)),
  };
}
