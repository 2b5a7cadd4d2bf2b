/**
 * `pnpm release:dry-run`: in a scratch copy of the workspace (uncommitted work included), run
 * `changeset version` (adding a throwaway patch changeset when there is none), build every
 * published package and run `pnpm publish -r --dry-run`, which packs each one and shows what
 * would be published. The workspace itself is never changed. `--keep` leaves the copy.
 */
import { readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  buildPackages,
  copyWorkspace,
  slowCommandTimeoutMs,
  writeRehearsalChangeset,
} from './release-rehearsal';
import {
  createToolEnvironment,
  describeCommandResult,
  runCommand,
  runCommandOrThrow,
} from './run-command';
import {
  listPublishedPackages,
  listWorkspacePackages,
  readPnpmVersion,
  workspaceRoot,
} from './workspace';

const keepCopy = process.argv.includes('--keep');
const tools = await createToolEnvironment(readPnpmVersion());
const copyRoot = await copyWorkspace(workspaceRoot);
let exitCode = 1;
try {
  console.log(`Workspace copied to ${copyRoot}`);
  await runCommandOrThrow('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], {
    cwd: copyRoot,
    env: tools.env,
    timeoutMs: slowCommandTimeoutMs,
  });
  const pending = readdirSync(join(copyRoot, '.changeset')).filter(
    (file) => file.endsWith('.md') && file !== 'README.md',
  );
  if (pending.length === 0) {
    const names = listPublishedPackages(copyRoot).map((item) => item.manifest.name);
    await writeRehearsalChangeset(copyRoot, names);
    console.log('No pending changeset: added a throwaway patch changeset for the rehearsal');
  }
  const before = new Map(
    listWorkspacePackages(copyRoot).map((item) => [item.manifest.name, item.manifest.version]),
  );
  await runCommandOrThrow(join(copyRoot, 'node_modules', '.bin', 'changeset'), ['version'], {
    cwd: copyRoot,
    env: tools.env,
  });
  console.log('\nchangeset version:');
  for (const item of listWorkspacePackages(copyRoot)) {
    const from = before.get(item.manifest.name);
    const status = item.manifest.private ? 'private, not versioned' : 'published';
    console.log(`  ${item.manifest.name}: ${from} -> ${item.manifest.version} (${status})`);
  }
  const published = listPublishedPackages(copyRoot).map((item) => item.manifest.name);
  const build = await buildPackages(copyRoot, published, tools.env);
  if (build.exitCode !== 0) throw new Error(`build failed\n${describeCommandResult(build)}`);
  const publish = await runCommand(
    'pnpm',
    ['publish', '-r', '--dry-run', '--no-git-checks', '--report-summary'],
    { cwd: copyRoot, env: tools.env, timeoutMs: slowCommandTimeoutMs },
  );
  console.log(publish.stdout, publish.stderr);
  if (publish.exitCode !== 0)
    throw new Error(`pnpm publish --dry-run failed (exit ${publish.exitCode})`);
  console.log('Release dry run passed: every published package versions, builds and packs.');
  exitCode = 0;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
} finally {
  await tools.dispose();
  if (keepCopy) console.log(`Kept the copy at ${copyRoot}`);
  else await rm(copyRoot, { recursive: true, force: true });
}
process.exitCode = exitCode;
