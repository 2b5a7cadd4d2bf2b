/**
 * Bundles a selection of `@usagekit/schemas` exports the way an application would, to measure
 * what importing them costs. Shared by the tree-shaking test and the bundle-size benchmark.
 */
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const SOURCE_ENTRY = fileURLToPath(new URL('../src/index.ts', import.meta.url));

/** Pretends no module declares `sideEffects: false`, as a bundler that ignores the field would. */
const ignoreSideEffectsField: Plugin = {
  name: 'ignore-side-effects-field',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === 'resolving') return undefined;
      const resolved = await pluginBuild.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'resolving',
      });
      return { path: resolved.path, namespace: resolved.namespace, sideEffects: true };
    });
  },
};

/** Options of {@link bundleExports}. */
export interface BundleOptions {
  /**
   * Whether the bundler honours `"sideEffects": false` in package.json (esbuild, Rollup and
   * webpack do). Without it only `@__PURE__` annotations let unused code go.
   * @default true
   */
  readonly honourSideEffectsField?: boolean | undefined;
}

/**
 * Bundles, minified, an ES module that re-exports the given names from the package's source.
 *
 * @param names The exports to import.
 * @param options Whether to honour the `sideEffects` field.
 *
 * @returns The bundle's code.
 */
export async function bundleExports(
  names: readonly string[],
  options: BundleOptions = {},
): Promise<string> {
  const result = await build({
    stdin: {
      contents: `export { ${names.join(', ')} } from ${JSON.stringify(SOURCE_ENTRY)};`,
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    logLevel: 'silent',
    plugins: options.honourSideEffectsField === false ? [ignoreSideEffectsField] : [],
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no output');
  return output.text;
}
