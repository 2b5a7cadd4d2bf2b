import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type CommandRun, runNode } from './run-command';

/** A run of the bundled command, with its memory peak. */
export interface MeasuredRun extends CommandRun {
  /** The process's peak resident set size. @unit bytes */
  readonly maxRssBytes: number;
}

/** The command bundled into plain JavaScript, as it ships, and a hook that reports its memory. */
export interface BundledCommand {
  /**
   * Runs the bundled command under plain Node (no TypeScript loader, whose transpiler would
   * inflate memory), reporting `process.resourceUsage().maxRSS` at exit.
   */
  run(args: readonly string[], env: Readonly<Record<string, string>>): Promise<MeasuredRun>;
  /** Removes the bundle. */
  dispose(): Promise<void>;
}

const cliPath = fileURLToPath(new URL('../cli.ts', import.meta.url));

// Loaded with --import: writes the peak RSS (KiB) to USAGEKIT_TEST_RSS_FILE when the process exits.
const RSS_HOOK = `import { writeFileSync } from 'node:fs';
process.on('exit', () => writeFileSync(process.env.USAGEKIT_TEST_RSS_FILE, String(process.resourceUsage().maxRSS)));
`;

/**
 * Bundles `src/cli.ts` with the workspace packages (from source) into one directory with tsup,
 * so memory is measured on plain JavaScript, as users run it.
 *
 * @returns The runner.
 */
export async function bundleCommand(): Promise<BundledCommand> {
  const { build } = await import('tsup');
  const directory = await mkdtemp(join(tmpdir(), 'usagekit-bundle-'));
  await build({
    entry: { cli: cliPath },
    outDir: directory,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    // The packages the data commands load, from source; others (native store drivers) stay external.
    noExternal: [/^@usagekit\/(schemas|client|mock|aggregate|cost)(\/|$)/, 'valibot'],
    dts: false,
    sourcemap: false,
    silent: true,
    config: false,
    esbuildOptions(options) {
      options.conditions = ['@usagekit/source'];
    },
  });
  const hook = join(directory, 'rss-hook.mjs');
  await writeFile(hook, RSS_HOOK);
  let runs = 0;
  return {
    async run(args, env) {
      runs += 1;
      const rssFile = join(directory, `rss-${runs}.txt`);
      const run = await runNode(
        ['--import', pathToFileURL(hook).href, join(directory, 'cli.js'), ...args],
        { ...env, USAGEKIT_TEST_RSS_FILE: rssFile },
      );
      const maxRssKib = Number(await readFile(rssFile, 'utf8').catch(() => 'NaN'));
      return { ...run, maxRssBytes: maxRssKib * 1024 };
    },
    dispose: () => rm(directory, { recursive: true, force: true }),
  };
}
