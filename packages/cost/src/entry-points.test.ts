import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import manifest from '../package.json' with { type: 'json' };
import tsupConfig from '../tsup.config';

const source = dirname(fileURLToPath(import.meta.url));
const SUBPATHS = ['forecast', 'budgets', 'anomalies', 'allocation'];

/** Every source file an entry loads through static relative imports. */
function moduleGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/^(?:import|export)\s(?!type\b)[^;]*?from '(\.[^']+)'/gms)) {
      const base = join(dirname(file), match[1] as string);
      const resolved = [`${base}.ts`, join(base, 'index.ts')].find((path) => existsSync(path));
      if (resolved !== undefined) pending.push(resolved);
    }
  }
  return seen;
}

describe('entry points', () => {
  test('the root entry never loads forecast, budgets, anomalies or allocation code', () => {
    const loaded = [...moduleGraph(join(source, 'index.ts'))].map((file) => relative(source, file));
    expect(loaded).toContain('estimate-cost.ts');
    // The walk follows imports: budgets load the forecast.
    expect(
      [...moduleGraph(join(source, 'budgets/index.ts'))].map((file) => relative(source, file)),
    ).toContain('forecast/forecast.ts');
    for (const subpath of SUBPATHS) {
      expect(loaded.filter((file) => file.startsWith(`${subpath}/`))).toEqual([]);
    }
  });

  test('every subpath of package.json exports is a tsup entry and the other way round', () => {
    const exported = Object.keys(manifest.exports)
      .filter((key) => key !== './package.json')
      .map((key) => (key === '.' ? 'index' : key.slice(2)));
    const config = Array.isArray(tsupConfig) ? tsupConfig[0] : tsupConfig;
    const entries = (config as { entry: Record<string, string> }).entry;
    expect(Object.keys(entries).sort()).toEqual([...exported].sort());
    expect(exported).toEqual(['index', ...SUBPATHS]);
    for (const [name, file] of Object.entries(entries)) {
      const exports = manifest.exports as Record<string, unknown>;
      const target = exports[name === 'index' ? '.' : `./${name}`] as Record<string, unknown>;
      expect(target['@usagekit/source'], name).toBe(`./${file}`);
    }
  });
});
