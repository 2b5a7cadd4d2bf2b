import { build } from 'esbuild';

const dir = process.cwd();
const keepAll = {
  name: 'ignore-side-effects-field',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData) return;
      const r = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: true,
      });
      return { ...r, sideEffects: true };
    });
  },
};
async function bundle(contents, plugins = []) {
  const out = await build({
    stdin: { contents, resolveDir: dir, loader: 'ts' },
    bundle: true,
    minify: false,
    write: false,
    format: 'esm',
    platform: 'neutral',
    conditions: ['@usagekit/source'],
    mainFields: ['module', 'main'],
    logLevel: 'silent',
    plugins,
  });
  return out.outputFiles[0].text;
}
const one = await bundle("export { CompletionsResultSchema } from './src/index';", [keepAll]);
console.log(one);
for (const s of [
  'organization.costs.result',
  'organization.usage.embeddings.result',
  '/organization/usage/completions',
  'organization.project',
  'sizes',
  'Unknown endpoint',
])
  console.log(s, one.includes(s));
