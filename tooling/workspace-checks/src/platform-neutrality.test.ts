import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  findPlatformOffences,
  isNodeBuiltinSpecifier,
  type PlatformAllowances,
} from './platform-neutrality';
import {
  findReachableSources,
  isLibrarySourcePath,
  listLibrarySourceFiles,
  toPosixRelative,
} from './source-files';
import { listWorkspacePackages, workspaceRoot } from './workspace';

/**
 * Node-only entries of libraries, relative to the workspace root: a file, or a folder ending in
 * `/`. Nothing a library's main entry imports may be in this list.
 */
const nodeEntryAllowlist: readonly { path: string; reason: string }[] = [
  {
    path: 'packages/mock/src/server.ts',
    reason: "the mock's HTTP server (node:http), shipped as its own subpath entry",
  },
];

/**
 * Libraries that are Node-only as a whole (documented so in their README and package
 * description): every source file may use Node built-ins and globals, and their main entry is a
 * Node entry.
 */
const nodeOnlyPackageAllowlist: readonly { packageName: string; reason: string }[] = [
  {
    packageName: '@usagekit/store',
    reason:
      'the local history store: an embedded DuckDB file (native @duckdb/node-api, node:fs paths ' +
      'under the user data folder) or a ClickHouse server; it has no browser or edge use',
  },
];

/** Libraries with a documented environment fallback, allowed `globalThis.process?.env` reads. */
const environmentFallbackAllowlist: readonly { packageName: string; reason: string }[] = [
  {
    packageName: '@usagekit/client',
    reason: 'createUsageClient falls back to OPENAI_ADMIN_KEY and OPENAI_BASE_URL when not given',
  },
];

const noAllowances: PlatformAllowances = { nodeImports: false, processEnvRead: false };

function isNodeEntry(relativePath: string): boolean {
  return nodeEntryAllowlist.some((entry) =>
    entry.path.endsWith('/') ? relativePath.startsWith(entry.path) : relativePath === entry.path,
  );
}

describe('isNodeBuiltinSpecifier', () => {
  it('recognises prefixed and bare built-ins, with subpaths', () => {
    for (const specifier of ['node:fs', 'node:test', 'fs', 'fs/promises', 'path', 'http', 'os']) {
      expect(isNodeBuiltinSpecifier(specifier), specifier).toBe(true);
    }
    for (const specifier of ['valibot', '@usagekit/schemas', './fs', 'fs-extra', 'test']) {
      expect(isNodeBuiltinSpecifier(specifier), specifier).toBe(false);
    }
  });
});

describe('isLibrarySourcePath', () => {
  it('keeps shipped code and drops tests, type tests, fixtures and benchmarks', () => {
    expect(isLibrarySourcePath('client.ts')).toBe(true);
    expect(isLibrarySourcePath('server/routes.ts')).toBe(true);
    expect(isLibrarySourcePath('client.test.ts')).toBe(false);
    expect(isLibrarySourcePath('client.test-d.ts')).toBe(false);
    expect(isLibrarySourcePath('sync.bench.ts')).toBe(false);
    expect(isLibrarySourcePath('__fixtures__/page.ts')).toBe(false);
    expect(isLibrarySourcePath('__fixtures__/page.json')).toBe(false);
    expect(isLibrarySourcePath('types.d.ts')).toBe(false);
  });
});

describe('findPlatformOffences', () => {
  it('reports every kind of built-in import with its line', () => {
    const source = [
      "import { readFile } from 'node:fs/promises';",
      "import path from 'path';",
      "export { createServer } from 'http';",
      "const os = await import('node:os');",
      "import type { IncomingMessage } from 'node:http';",
      "const crypto = require('crypto');",
      "import * as v from 'valibot';",
    ].join('\n');
    const offences = findPlatformOffences('packages/x/src/a.ts', source, noAllowances);
    expect(offences.filter((offence) => offence.message.includes('built-in'))).toEqual([
      expect.objectContaining({
        line: 1,
        message: 'imports the Node.js built-in "node:fs/promises"',
      }),
      expect.objectContaining({ line: 2, message: 'imports the Node.js built-in "path"' }),
      expect.objectContaining({ line: 3, message: 'imports the Node.js built-in "http"' }),
      expect.objectContaining({ line: 4, message: 'imports the Node.js built-in "node:os"' }),
      expect.objectContaining({ line: 5, message: 'imports the Node.js built-in "node:http"' }),
      expect.objectContaining({ line: 6, message: 'imports the Node.js built-in "crypto"' }),
    ]);
    expect(offences).toContainEqual(
      expect.objectContaining({ line: 6, message: 'uses the Node.js global require' }),
    );
  });

  it('ignores imports and globals that only appear in comments and strings', () => {
    const source = [
      '/** Example: `import { readFile } from "node:fs"` and process.env.KEY */',
      "// const key = process.env['OPENAI_ADMIN_KEY'];",
      "const text = 'process.env and Buffer';",
    ].join('\n');
    expect(findPlatformOffences('a.ts', source, noAllowances)).toEqual([]);
  });

  it('reports Node-only globals but not property names or local declarations', () => {
    const source = [
      'const key = process.env.OPENAI_ADMIN_KEY;',
      "const bytes = Buffer.from('x');",
      'const here = __dirname;',
      'const event = { process: 1 }; event.process;',
      'interface Job { process(): void; Buffer: number }',
      "if (typeof process !== 'undefined') {}",
    ].join('\n');
    const lines = findPlatformOffences('a.ts', source, noAllowances).map((offence) => offence.line);
    expect(lines).toEqual([1, 2, 3, 6]);
  });

  it('accepts a guarded globalThis.process?.env read only where an env fallback is documented', () => {
    const source = 'const key = globalThis.process?.env?.OPENAI_ADMIN_KEY;';
    expect(
      findPlatformOffences('a.ts', source, { nodeImports: false, processEnvRead: true }),
    ).toEqual([]);
    expect(findPlatformOffences('a.ts', source, noAllowances)).toEqual([
      expect.objectContaining({
        line: 1,
        message: expect.stringContaining('no environment fallback'),
      }),
    ]);
  });

  it('accepts a local alias of globalThis.process used only for ?.env reads', () => {
    const allowances = { nodeImports: false, processEnvRead: true };
    const source = [
      'function environment(name: string) {',
      '  const process = (globalThis as { process?: { env?: Record<string, string> } }).process;',
      '  return process?.env?.[name];',
      '}',
    ].join('\n');
    expect(findPlatformOffences('a.ts', source, allowances)).toEqual([]);
    expect(
      findPlatformOffences('a.ts', source, noAllowances).map((offence) => offence.line),
    ).toEqual([2]);
    const misuse = `${source}\nconst process = globalThis.process;\nprocess.exit(1);`;
    expect(findPlatformOffences('a.ts', misuse, allowances).map((offence) => offence.line)).toEqual(
      [6],
    );
  });

  it('rejects other uses of globalThis.process even with an env fallback', () => {
    const allowances = { nodeImports: false, processEnvRead: true };
    const source = [
      'globalThis.process.env.KEY;',
      'globalThis.process?.exit(1);',
      "globalThis['process'];",
      'globalThis.Buffer;',
    ].join('\n');
    const lines = findPlatformOffences('a.ts', source, allowances).map((offence) => offence.line);
    expect(lines).toEqual([1, 2, 3, 4]);
  });

  it('accepts anything in a Node-only entry', () => {
    const source = "import { createServer } from 'node:http';\nprocess.on('exit', () => {});";
    expect(
      findPlatformOffences('a.ts', source, { nodeImports: true, processEnvRead: false }),
    ).toEqual([]);
  });
});

describe('libraries (packages/*) are platform-neutral', () => {
  const allLibraries = listWorkspacePackages().filter((workspacePackage) =>
    workspacePackage.relativeDirectory.startsWith('packages/'),
  );
  const libraries = allLibraries.filter(
    (library) =>
      !nodeOnlyPackageAllowlist.some((entry) => entry.packageName === library.manifest.name),
  );

  it('finds the libraries', () => {
    expect(libraries.map((library) => library.manifest.name)).toContain('@usagekit/schemas');
  });

  it('use only fetch and Web APIs outside the allowed Node entry and env fallback', () => {
    const offences = libraries.flatMap((library) => {
      const processEnvRead = environmentFallbackAllowlist.some(
        (entry) => entry.packageName === library.manifest.name,
      );
      return listLibrarySourceFiles(library.directory).flatMap((file) => {
        const relativePath = toPosixRelative(workspaceRoot, file);
        return findPlatformOffences(relativePath, readFileSync(file, 'utf8'), {
          nodeImports: isNodeEntry(relativePath),
          processEnvRead,
        });
      });
    });
    const report = offences.map((offence) => `${offence.file}:${offence.line} ${offence.message}`);
    expect(report).toEqual([]);
    // Parses every library source with TypeScript: seconds on a busy shared machine.
  }, 60_000);

  it('keep Node-only entries out of every main entry', () => {
    const leaks = libraries.flatMap((library) => {
      const entry = join(library.directory, 'src', 'index.ts');
      if (!existsSync(entry)) return [`${library.relativeDirectory}: no src/index.ts`];
      return [...findReachableSources(entry).entries()]
        .filter(([file]) => isNodeEntry(toPosixRelative(workspaceRoot, file)))
        .map(
          ([, chain]) =>
            `${chain.map((file) => toPosixRelative(workspaceRoot, file)).join(' -> ')} (Node-only)`,
        );
    });
    expect(leaks).toEqual([]);
  });

  it('allowlist only what exists', () => {
    const missingEntries = nodeEntryAllowlist
      .filter((entry) => !existsSync(join(workspaceRoot, entry.path)))
      .map((entry) => entry.path);
    const names = new Set(allLibraries.map((library) => library.manifest.name));
    const missingPackages = [...environmentFallbackAllowlist, ...nodeOnlyPackageAllowlist]
      .filter((entry) => !names.has(entry.packageName))
      .map((entry) => entry.packageName);
    expect([...missingEntries, ...missingPackages]).toEqual([]);
  });
});
