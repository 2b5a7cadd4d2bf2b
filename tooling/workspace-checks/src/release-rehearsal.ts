import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { listValueExports } from './module-exports';
import { type CommandResult, runCommand, runCommandOrThrow } from './run-command';
import { dependencyFields, type PackageManifest, type WorkspacePackage } from './workspace';

/** Ten minutes: installs, builds and packs on a busy two-core machine. */
export const slowCommandTimeoutMs = 600_000;

/**
 * Copies the workspace as a developer has it (tracked files plus untracked files that are not
 * ignored, so uncommitted work is included; files deleted but still tracked are skipped) into a
 * new temporary folder.
 *
 * @param root The workspace root (a git work tree).
 * @returns The copy's absolute path.
 */
export async function copyWorkspace(root: string): Promise<string> {
  const listing = await runCommandOrThrow(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', '-z'],
    { cwd: root },
  );
  const destination = await mkdtemp(join(tmpdir(), 'usagekit-release-'));
  const files = listing.stdout.split('\0').filter((file) => file !== '');
  for (const file of files) {
    const source = join(root, file);
    if (!existsSync(source)) continue;
    await mkdir(dirname(join(destination, file)), { recursive: true });
    await copyFile(source, join(destination, file));
  }
  return destination;
}

/**
 * Writes a throwaway changeset that gives every named package a patch release, so
 * `changeset version` always has something to do.
 *
 * @param root The workspace copy.
 * @param packageNames The packages to bump.
 * @returns The changeset's path.
 */
export async function writeRehearsalChangeset(
  root: string,
  packageNames: readonly string[],
): Promise<string> {
  const path = join(root, '.changeset', 'release-rehearsal-throwaway.md');
  const header = packageNames.map((name) => `'${name}': patch`).join('\n');
  await writeFile(path, `---\n${header}\n---\n\nRelease rehearsal (never committed).\n`);
  return path;
}

/**
 * Runs `pnpm pack` in a package folder and returns the tarball it wrote.
 *
 * @param packageDirectory The package.
 * @param destination Folder for the tarball.
 * @param env Environment with `pnpm` on `PATH`.
 * @returns The tarball's absolute path.
 */
export async function packPackage(
  packageDirectory: string,
  destination: string,
  env: Readonly<Record<string, string>>,
): Promise<string> {
  const before = new Set(await readdir(destination));
  await runCommandOrThrow('pnpm', ['pack', '--pack-destination', destination], {
    cwd: packageDirectory,
    env,
    timeoutMs: slowCommandTimeoutMs,
  });
  const created = (await readdir(destination)).filter(
    (file) => file.endsWith('.tgz') && !before.has(file),
  );
  if (created.length !== 1 || created[0] === undefined) {
    throw new Error(`pnpm pack in ${packageDirectory} wrote ${created.length} tarballs`);
  }
  return join(destination, created[0]);
}

/**
 * Reads `package/package.json` out of a tarball.
 *
 * @param tarball Path of a `.tgz` made by a pack command.
 * @returns The packed manifest.
 */
export async function readPackedManifest(tarball: string): Promise<PackageManifest> {
  const result = await runCommandOrThrow('tar', ['-xzOf', tarball, 'package/package.json'], {
    cwd: dirname(tarball),
  });
  return JSON.parse(result.stdout) as PackageManifest;
}

/**
 * Lists dependency ranges that only make sense inside the workspace (`workspace:`, `catalog:`,
 * `link:`, `file:`), which would break an install from the registry.
 *
 * @param manifest A packed manifest.
 * @returns Lines such as `dependencies @usagekit/schemas: workspace:^`.
 */
export function findUnpublishableRanges(manifest: PackageManifest): string[] {
  return dependencyFields.flatMap((field) =>
    Object.entries(manifest[field] ?? {})
      .filter(([, range]) => /^(workspace|catalog|link|file):/.test(range))
      .map(([name, range]) => `${field} ${name}: ${range}`),
  );
}

/** One importable entry of a published package and what it must export at runtime. */
export interface EntryExpectation {
  /** What a user imports, e.g. `@usagekit/mock/server`. */
  readonly specifier: string;
  /** The source file the `@usagekit/source` condition points at. */
  readonly sourceFile: string;
  /** Runtime names exported by that source file. */
  readonly names: readonly string[];
}

/**
 * Lists the entries of a package's `exports` map (except `./package.json` and patterns) with the
 * runtime names their sources export.
 *
 * @param workspacePackage A package of the workspace (its sources are read).
 * @returns One expectation per entry; empty for a bin-only package.
 */
export function listEntryExpectations(workspacePackage: WorkspacePackage): EntryExpectation[] {
  const { exports } = workspacePackage.manifest;
  if (typeof exports !== 'object' || exports === null) return [];
  return Object.entries(exports as Record<string, unknown>)
    .filter(([subpath]) => subpath !== './package.json' && !subpath.includes('*'))
    .map(([subpath, target]) => {
      const source =
        typeof target === 'object' && target !== null && Object.hasOwn(target, '@usagekit/source')
          ? (target as Record<string, unknown>)['@usagekit/source']
          : undefined;
      if (typeof source !== 'string') {
        throw new Error(
          `${workspacePackage.manifest.name} exports["${subpath}"] has no "@usagekit/source" condition`,
        );
      }
      const sourceFile = join(workspacePackage.directory, source);
      return {
        specifier: workspacePackage.manifest.name + subpath.slice(1),
        sourceFile,
        names: listValueExports(sourceFile),
      };
    });
}

/** What importing one entry in one module system showed. */
export interface ImportOutcome {
  readonly specifier: string;
  readonly system: 'esm' | 'cjs';
  /** Expected names the loaded module lacks. */
  readonly missing: readonly string[];
  /** The error thrown while loading, if any. */
  readonly error: string | undefined;
}

const esmChecker = `
const expectations = JSON.parse(process.argv[2]);
const outcomes = [];
for (const { specifier, names } of expectations) {
  try {
    const loaded = await import(specifier);
    outcomes.push({ specifier, system: 'esm', missing: names.filter((name) => !(name in loaded)) });
  } catch (error) {
    outcomes.push({ specifier, system: 'esm', missing: names, error: String(error?.stack ?? error) });
  }
}
console.log(JSON.stringify(outcomes));
`;

const cjsChecker = `
const expectations = JSON.parse(process.argv[2]);
const outcomes = [];
for (const { specifier, names } of expectations) {
  try {
    const loaded = require(specifier);
    outcomes.push({ specifier, system: 'cjs', missing: names.filter((name) => !(name in loaded)) });
  } catch (error) {
    outcomes.push({ specifier, system: 'cjs', missing: names, error: String(error?.stack ?? error) });
  }
}
console.log(JSON.stringify(outcomes));
`;

/**
 * Imports every entry from a scratch project, once with `import()` and once with `require()`,
 * each in its own `node` process, and reports the names each build lacks.
 *
 * @param scratchDirectory A project outside the workspace with the tarballs installed.
 * @param expectations The entries and their names.
 * @returns One outcome per entry and module system.
 */
export async function checkImports(
  scratchDirectory: string,
  expectations: readonly EntryExpectation[],
): Promise<ImportOutcome[]> {
  await writeFile(join(scratchDirectory, 'check-esm.mjs'), esmChecker);
  await writeFile(join(scratchDirectory, 'check-cjs.cjs'), cjsChecker);
  const argument = JSON.stringify(
    expectations.map(({ specifier, names }) => ({ specifier, names })),
  );
  const outcomes: ImportOutcome[] = [];
  for (const script of ['check-esm.mjs', 'check-cjs.cjs']) {
    const result = await runCommand('node', [script, argument], { cwd: scratchDirectory });
    const lastLine = result.stdout.trim().split('\n').at(-1) ?? '';
    if (result.exitCode !== 0 || !lastLine.startsWith('[')) {
      throw new Error(`${script} crashed (exit ${result.exitCode}): ${result.stderr}`);
    }
    for (const outcome of JSON.parse(lastLine) as ImportOutcome[]) {
      outcomes.push({ ...outcome, error: outcome.error ?? undefined });
    }
  }
  return outcomes;
}

/**
 * Creates an empty npm project in the system temp folder, outside every workspace.
 *
 * @returns Its absolute path.
 */
export async function createScratchProject(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'usagekit-scratch-'));
  await writeFile(
    join(directory, 'package.json'),
    `${JSON.stringify({ name: 'usagekit-scratch', version: '0.0.0', private: true }, null, 2)}\n`,
  );
  return directory;
}

/**
 * Builds packages (and, through turbo's `^build`, what they depend on) with the workspace's turbo,
 * continuing past failures so every package that can build does.
 *
 * @param root The workspace (or a copy with its own `node_modules`).
 * @param packageNames The packages to build.
 * @param env Environment with `pnpm` on `PATH` and telemetry off.
 * @returns The turbo run's result.
 */
export function buildPackages(
  root: string,
  packageNames: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<CommandResult> {
  const filters = packageNames.map((name) => `--filter=${name}`);
  return runCommand(
    join(root, 'node_modules', '.bin', 'turbo'),
    ['run', 'build', ...filters, '--continue', '--output-logs=errors-only'],
    { cwd: root, env, timeoutMs: slowCommandTimeoutMs },
  );
}
