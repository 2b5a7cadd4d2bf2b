import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import semver from 'semver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildPackages,
  checkImports,
  copyWorkspace,
  createScratchProject,
  type EntryExpectation,
  findUnpublishableRanges,
  type ImportOutcome,
  listEntryExpectations,
  packPackage,
  readPackedManifest,
  slowCommandTimeoutMs,
  writeRehearsalChangeset,
} from './release-rehearsal';
import {
  type CommandResult,
  createToolEnvironment,
  describeCommandResult,
  runCommand,
  runCommandOrThrow,
  type ToolEnvironment,
} from './run-command';
import {
  listWorkspacePackages,
  type PackageManifest,
  readPnpmVersion,
  type WorkspacePackage,
  workspaceRoot,
} from './workspace';

/**
 * The release as CI rehearses it, in a copy of the workspace (uncommitted work included):
 * `changeset version`, build, `pnpm pack` every published package, install the tarballs into a
 * scratch npm project outside the workspace and load every entry with `import()` and
 * `require()`, so a broken `exports` map or a missing file can never ship.
 */
describe('release rehearsal', () => {
  const originalPackages = listWorkspacePackages();
  const originalVersions = new Map(
    originalPackages.map((workspacePackage) => [
      workspacePackage.manifest.name,
      workspacePackage.manifest.version,
    ]),
  );
  const publishedNames = originalPackages
    .filter((workspacePackage) => !workspacePackage.manifest.private)
    .map((workspacePackage) => workspacePackage.manifest.name);

  let tools: ToolEnvironment | undefined;
  let copyRoot = '';
  let scratchRoot = '';
  let versioned: WorkspacePackage[] = [];
  let build: CommandResult | undefined;
  let install: CommandResult | undefined;
  const packed = new Map<string, { tarball: string; manifest: PackageManifest } | Error>();
  const expectations = new Map<string, EntryExpectation[] | Error>();
  let outcomes: ImportOutcome[] = [];

  beforeAll(async () => {
    tools = await createToolEnvironment(readPnpmVersion());
    const env = tools.env;
    copyRoot = await copyWorkspace(workspaceRoot);
    await runCommandOrThrow('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], {
      cwd: copyRoot,
      env,
      timeoutMs: slowCommandTimeoutMs,
    });
    await writeRehearsalChangeset(copyRoot, publishedNames);
    await runCommandOrThrow(join(copyRoot, 'node_modules', '.bin', 'changeset'), ['version'], {
      cwd: copyRoot,
      env,
    });
    versioned = listWorkspacePackages(copyRoot);
    const versionedPublished = versioned.filter(
      (workspacePackage) => !workspacePackage.manifest.private,
    );
    build = await buildPackages(copyRoot, publishedNames, env);

    const tarballFolder = join(copyRoot, '.rehearsal-tarballs');
    await mkdir(tarballFolder);
    for (const workspacePackage of versionedPublished) {
      const name = workspacePackage.manifest.name;
      try {
        const tarball = await packPackage(workspacePackage.directory, tarballFolder, env);
        packed.set(name, { tarball, manifest: await readPackedManifest(tarball) });
      } catch (error) {
        packed.set(name, error as Error);
      }
      try {
        expectations.set(name, listEntryExpectations(workspacePackage));
      } catch (error) {
        expectations.set(name, error as Error);
      }
    }

    scratchRoot = await createScratchProject();
    const tarballs = [...packed.values()].flatMap((item) =>
      item instanceof Error ? [] : [item.tarball],
    );
    install = await runCommand(
      'npm',
      ['install', ...tarballs, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
      { cwd: scratchRoot, env, timeoutMs: slowCommandTimeoutMs },
    );
    if (install.exitCode === 0) {
      const allExpectations = [...expectations.values()].flatMap((item) =>
        item instanceof Error ? [] : item,
      );
      outcomes = await checkImports(scratchRoot, allExpectations);
    }
  }, 3 * slowCommandTimeoutMs);

  afterAll(async () => {
    await tools?.dispose();
    for (const folder of [copyRoot, scratchRoot]) {
      if (folder !== '') await rm(folder, { recursive: true, force: true });
    }
  });

  it('changeset version bumps every published package and never a private one', () => {
    const lines = versioned.map((workspacePackage) => {
      const { name, version } = workspacePackage.manifest;
      const before = originalVersions.get(name) ?? '';
      const changelog = existsSync(join(workspacePackage.directory, 'CHANGELOG.md'));
      if (workspacePackage.manifest.private) {
        return `${name} private ${version === before ? 'unchanged' : `${before} -> ${version}`}${changelog ? ' +CHANGELOG' : ''}`;
      }
      return `${name} published ${semver.gt(version, before) ? 'bumped' : `not bumped (${before} -> ${version})`}${changelog ? '' : ' no CHANGELOG'}`;
    });
    const expected = versioned.map(
      (workspacePackage) =>
        `${workspacePackage.manifest.name} ${workspacePackage.manifest.private ? 'private unchanged' : 'published bumped'}`,
    );
    expect(lines).toEqual(expected);
    for (const workspacePackage of versioned) {
      if (
        workspacePackage.relativeDirectory.startsWith('apps/') &&
        workspacePackage.manifest.private
      ) {
        expect(workspacePackage.manifest.version, workspacePackage.manifest.name).toBe('0.0.0');
      }
    }
  });

  it('builds every published package after versioning', () => {
    expect(build?.exitCode, build && describeCommandResult(build)).toBe(0);
  });

  describe.each(publishedNames)('%s', (name) => {
    it('packs with every workspace: and catalog: range rewritten to a real range', () => {
      const item = packed.get(name);
      if (item === undefined || item instanceof Error)
        throw item ?? new Error(`${name} was not packed`);
      expect(findUnpublishableRanges(item.manifest)).toEqual([]);
      const versionedManifest = versioned.find(
        (workspacePackage) => workspacePackage.manifest.name === name,
      )?.manifest;
      expect(item.manifest.version).toBe(versionedManifest?.version);
      for (const [dependency, range] of Object.entries(item.manifest.dependencies ?? {})) {
        const workspaceDependency = versioned.find(
          (workspacePackage) => workspacePackage.manifest.name === dependency,
        );
        if (workspaceDependency !== undefined) {
          expect(
            semver.satisfies(workspaceDependency.manifest.version, range),
            `${dependency}@${range}`,
          ).toBe(true);
        }
      }
    });

    it('installs from its tarball and loads as ESM and CJS with every runtime export', () => {
      expect(install?.exitCode, install && describeCommandResult(install)).toBe(0);
      const entries = expectations.get(name);
      if (entries === undefined || entries instanceof Error)
        throw entries ?? new Error(`${name}: no entries`);
      const problems = outcomes
        .filter((outcome) => entries.some((entry) => entry.specifier === outcome.specifier))
        .flatMap((outcome) => [
          ...(outcome.error === undefined
            ? []
            : [`${outcome.system} ${outcome.specifier} threw: ${outcome.error}`]),
          ...(outcome.missing.length === 0
            ? []
            : [`${outcome.system} ${outcome.specifier} lacks ${outcome.missing.join(', ')}`]),
        ]);
      expect(problems).toEqual([]);
      expect(
        outcomes.filter((outcome) =>
          entries.some((entry) => entry.specifier === outcome.specifier),
        ),
      ).toHaveLength(entries.length * 2);
    });
  });

  it.each(
    originalPackages
      .filter(
        (workspacePackage) =>
          !workspacePackage.manifest.private && workspacePackage.manifest.bin !== undefined,
      )
      .flatMap((workspacePackage) => {
        const { bin, name } = workspacePackage.manifest;
        return typeof bin === 'string' ? [name.replace(/^@[^/]+\//, '')] : Object.keys(bin ?? {});
      }),
  )('npx %s --help exits 0 in the scratch project', async (binName) => {
    expect(install?.exitCode, install && describeCommandResult(install)).toBe(0);
    expect(
      existsSync(join(scratchRoot, 'node_modules', '.bin', binName)),
      `${binName} bin link`,
    ).toBe(true);
    // `--` keeps npm from reading --help as its own option.
    const result = await runCommand('npx', ['--no', '--', binName, '--help'], {
      cwd: scratchRoot,
      env: tools?.env ?? {},
      timeoutMs: 120_000,
    });
    expect(result.exitCode, describeCommandResult(result)).toBe(0);
  });
});
