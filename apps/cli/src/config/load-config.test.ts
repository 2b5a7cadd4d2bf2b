import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ExitCode } from '../exit-codes';
import { createConfigJsonSchema } from './config-json-schema';
import { loadConfig, validateConfig } from './load-config';

const sample = {
  $schema: './usagekit.config.schema.json',
  timeZone: 'Europe/Berlin',
  organizations: [
    { name: 'acme', keyEnv: 'ACME_ADMIN_KEY' },
    { name: 'labs', keyEnv: 'LABS_ADMIN_KEY', baseURL: 'https://api.openai.com/v1' },
  ],
  budgets: [
    { name: 'Everything', amount: 5000 },
    { name: 'Checkout', amount: '750.50', project: 'proj_checkout', warnAtPercent: 80 },
  ],
  prices: [
    { model: 'ft:gpt-4o-mini:acme', usdPerMillion: { input_tokens: 0.3, output_tokens: 1.2 } },
  ],
  aliases: { proj_checkout: 'Checkout' },
};

function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}

describe('validateConfig', () => {
  test('accepts a full config', () => {
    expect(validateConfig(sample, 'usagekit.config.json')).toEqual(sample);
  });

  test.each([
    [
      { organizations: [{ name: 'acme', keyEnv: 'sk-admin-abc' }] },
      /organizations\.0\.keyEnv: must be the NAME/,
    ],
    [
      { organizations: [{ name: 'acme', key: 'x', keyEnv: 'A' }] },
      /organizations\.0\.key: unknown field \(allowed: name, keyEnv, baseURL\)/,
    ],
    [{ budgets: [{ name: 'b', amount: -5 }] }, /budgets\.0\.amount/],
    [{ budgets: [{ name: 'b', amount: '12,5' }] }, /budgets\.0\.amount/],
    [{ timeZone: 'Mars/Base' }, /timeZone: unknown time zone/],
    [{ colour: true }, /colour: unknown field \(allowed: \$schema, timeZone/],
    [
      {
        organizations: [
          { name: 'a', keyEnv: 'A' },
          { name: 'a', keyEnv: 'B' },
        ],
      },
      /"a" appears twice/,
    ],
  ])('rejects %j naming the field', (input, pattern) => {
    expect(messageOf(() => validateConfig(input, 'cfg.json'))).toMatch(pattern);
  });
});

describe('loadConfig', () => {
  test('returns an empty config when no file exists and none was asked for', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'usagekit-config-'));
    expect(await loadConfig(directory, undefined)).toEqual({ config: {}, path: undefined });
  });

  test('fails with the config exit code for a missing --config file or bad JSON', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'usagekit-config-'));
    await expect(loadConfig(directory, 'missing.json')).rejects.toMatchObject({
      exitCode: ExitCode.config,
    });
    await writeFile(join(directory, 'usagekit.config.json'), '{ not json');
    await expect(loadConfig(directory, undefined)).rejects.toThrow(/not valid JSON/);
  });

  test('reads usagekit.config.json from the working directory', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'usagekit-config-'));
    await writeFile(join(directory, 'usagekit.config.json'), JSON.stringify(sample));
    const loaded = await loadConfig(directory, undefined);
    expect(loaded.config.budgets?.[1]?.amount).toBe('750.50');
  });
});

describe('usagekit.config.schema.json', () => {
  test('is the schema generated from the valibot schema (run pnpm generate:schema after changes)', async () => {
    const committed = JSON.parse(
      await readFile(new URL('../../usagekit.config.schema.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(createConfigJsonSchema());
  });

  test('agrees with the valibot schema on which fields exist and which are required', async () => {
    const committed = JSON.parse(
      await readFile(new URL('../../usagekit.config.schema.json', import.meta.url), 'utf8'),
    );
    expect(Object.keys(committed.properties)).toEqual(Object.keys(sample));
    expect(committed.properties.organizations.items.required).toEqual(['name', 'keyEnv']);
    expect(committed.properties.budgets.items.required).toEqual(['name', 'amount']);
    expect(committed.additionalProperties).toBe(false);
  });
});
