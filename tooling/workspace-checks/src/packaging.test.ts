import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackages, slowCommandTimeoutMs } from './release-rehearsal';
import {
  type CommandResult,
  createToolEnvironment,
  describeCommandResult,
  runCommand,
  type ToolEnvironment,
} from './run-command';
import { listPublishedPackages, readPnpmVersion, rootBinary, workspaceRoot } from './workspace';

/**
 * publint and attw over every published package, built first. attw needs `--profile node16`
 * (our packages support Node's `node16` resolution and bundlers, not the pre-exports `node10`).
 * A bin-only package (the CLI) has no importable entry and no types: attw then reports "This
 * package does not contain types" and exits 0, so the same command runs for it and will start
 * checking the day it grows a library entry.
 */
const published = listPublishedPackages();

describe('published packages pass publint --strict and attw', () => {
  let tools: ToolEnvironment | undefined;
  let build: CommandResult | undefined;

  beforeAll(async () => {
    tools = await createToolEnvironment(readPnpmVersion());
    build = await buildPackages(
      workspaceRoot,
      published.map((workspacePackage) => workspacePackage.manifest.name),
      tools.env,
    );
  }, slowCommandTimeoutMs);

  afterAll(() => tools?.dispose());

  it('finds the published packages', () => {
    expect(published.map((workspacePackage) => workspacePackage.manifest.name)).toContain(
      '@usagekit/schemas',
    );
  });

  it('builds every published package', () => {
    expect(build?.exitCode, build && describeCommandResult(build)).toBe(0);
  });

  describe.each(
    published.map(
      (workspacePackage) => [workspacePackage.manifest.name, workspacePackage] as const,
    ),
  )('%s', (_name, workspacePackage) => {
    it(
      'passes publint --strict',
      async () => {
        const result = await runCommand(rootBinary('publint'), ['--strict'], {
          cwd: workspacePackage.directory,
          env: tools?.env ?? {},
          timeoutMs: slowCommandTimeoutMs,
        });
        expect(result.exitCode, describeCommandResult(result)).toBe(0);
      },
      slowCommandTimeoutMs,
    );

    it(
      'passes attw --pack . --profile node16',
      async () => {
        const result = await runCommand(
          rootBinary('attw'),
          ['--pack', '.', '--profile', 'node16', '--format', 'ascii', '--no-color'],
          {
            cwd: workspacePackage.directory,
            env: tools?.env ?? {},
            timeoutMs: slowCommandTimeoutMs,
          },
        );
        expect(result.exitCode, describeCommandResult(result)).toBe(0);
      },
      slowCommandTimeoutMs,
    );
  });
});
