import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import {
  checkEngines,
  type EnginesAllowlistEntry,
  type InstalledPackage,
  listInstalledPackages,
  refusedNodeVersions,
} from './engines';
import { listWorkspacePackages, readManifest, workspaceRoot } from './workspace';

/**
 * The Node this project runs on: the floor of the root `engines.node` (what the packages
 * promise) and the machines' Node (what CI and every developer run).
 */
const machineNodeVersion = '20.20.2';
const rootNodeRange = readManifest(workspaceRoot).engines?.node ?? '';
const supportedNodeVersions = [semver.minVersion(rootNodeRange)?.version ?? '', machineNodeVersion];

/**
 * Installed packages allowed to refuse a supported Node version. pnpm cannot make this
 * exception itself (neither readPackage hooks nor packageExtensions run before its engine
 * check), which is why `.npmrc` leaves `engine-strict` off and this test takes its place.
 */
const enginesAllowlist: readonly EnginesAllowlistEntry[] = [
  {
    id: 'openai@7.55.0',
    reason:
      'the official SDK pinned for the schemas/mock conformance type tests; a devDependency only ' +
      '(never shipped), declares node >=22 but the parts the tests use run on Node 20',
  },
];

function installed(name: string, version: string, nodeRange: string | undefined): InstalledPackage {
  return { name, version, nodeRange, directory: `/store/${name}` };
}

describe('refusedNodeVersions', () => {
  it('accepts ranges that include both supported versions', () => {
    expect(refusedNodeVersions('>=18', ['20.19.0', '20.20.2'])).toEqual([]);
    expect(refusedNodeVersions('^20.19.0 || >=22.12.0', ['20.19.0', '20.20.2'])).toEqual([]);
    expect(refusedNodeVersions('>= 0.8', ['20.19.0'])).toEqual([]);
  });

  it('names each version a range refuses', () => {
    expect(refusedNodeVersions('>=22', ['20.19.0', '20.20.2'])).toEqual(['20.19.0', '20.20.2']);
    expect(refusedNodeVersions('>=20.20', ['20.19.0', '20.20.2'])).toEqual(['20.19.0']);
    expect(refusedNodeVersions('^18', ['20.19.0'])).toEqual(['20.19.0']);
  });

  it('treats a range semver cannot read as refusing, as pnpm does', () => {
    expect(refusedNodeVersions('not a range', ['20.19.0'])).toEqual(['20.19.0']);
  });
});

describe('checkEngines', () => {
  const versions = ['20.19.0', '20.20.2'];

  it('reports packages that refuse a supported version, except allowlisted ones', () => {
    const report = checkEngines(
      [
        installed('old', '1.0.0', '>=0.10'),
        installed('none', '1.0.0', undefined),
        installed('new', '2.0.0', '>=22.12'),
        installed('sdk', '7.55.0', '>=22'),
      ],
      versions,
      [{ id: 'sdk@7.55.0', reason: 'dev only' }],
    );
    expect(report.violations.map((violation) => violation.id)).toEqual(['new@2.0.0']);
    expect(report.allowed.map((violation) => violation.id)).toEqual(['sdk@7.55.0']);
    expect(report.staleAllowlistEntries).toEqual([]);
  });

  it('reports allowlist entries that no longer match a refusing package', () => {
    const report = checkEngines([installed('sdk', '7.56.0', '>=20')], versions, [
      { id: 'sdk@7.55.0', reason: 'dev only' },
    ]);
    expect(report.staleAllowlistEntries.map((entry) => entry.id)).toEqual(['sdk@7.55.0']);
  });
});

describe('installed packages (node_modules/.pnpm)', () => {
  const installedPackages = listInstalledPackages(join(workspaceRoot, 'node_modules', '.pnpm'));

  it('reads the whole virtual store', () => {
    expect(supportedNodeVersions[0]).toMatch(/^20\.\d+\.\d+$/);
    expect(installedPackages.map((item) => item.name)).toEqual(
      expect.arrayContaining(['vitest', 'typescript', 'valibot']),
    );
  });

  it('all accept Node 20.19 and 20.20, except the allowlist', () => {
    const report = checkEngines(installedPackages, supportedNodeVersions, enginesAllowlist);
    const lines = report.violations.map(
      (violation) =>
        `${violation.id} declares engines.node "${violation.nodeRange}", refusing ${violation.refusedVersions.join(', ')}`,
    );
    expect(lines, 'packages that refuse a supported Node (see tooling/workspace-checks)').toEqual(
      [],
    );
    expect(report.staleAllowlistEntries, 'allowlist entries no longer needed').toEqual([]);
  });

  it('keeps allowlisted packages out of every shipped dependency list', () => {
    const allowedNames = new Set(enginesAllowlist.map((entry) => entry.id.replace(/@[^@]+$/, '')));
    const shipped = listWorkspacePackages().flatMap((workspacePackage) =>
      (['dependencies', 'peerDependencies', 'optionalDependencies'] as const).flatMap((field) =>
        Object.keys(workspacePackage.manifest[field] ?? {})
          .filter((name) => allowedNames.has(name))
          .map((name) => `${workspacePackage.manifest.name} ${field}: ${name}`),
      ),
    );
    expect(shipped).toEqual([]);
  });
});
