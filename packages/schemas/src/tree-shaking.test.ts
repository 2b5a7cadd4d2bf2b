import { beforeAll, describe, expect, test } from 'vitest';
import { bundleExports } from '../bench/bundle';
import * as schemas from './index';
import { endpointNames, getEndpoint } from './registry';

/** The name under which the package exports an endpoint's result schema. */
function resultSchemaExport(name: (typeof endpointNames)[number]): string {
  const schema = getEndpoint(name).resultSchema;
  const found = Object.entries(schemas).find(
    ([key, value]) => value === schema && key.endsWith('ResultSchema'),
  );
  if (!found) throw new Error(`no ResultSchema export for ${name}`);
  return found[0];
}

describe('tree shaking', () => {
  let registryBundle = '';

  beforeAll(async () => {
    registryBundle = await bundleExports(['endpoints']);
  });

  test('the whole registry bundle holds every endpoint', () => {
    for (const name of endpointNames) {
      expect(registryBundle).toContain(getEndpoint(name).resultObject);
    }
  });

  test('the dimension descriptors and token identities pull in no endpoint', async () => {
    const bundle = await bundleExports(['dimensionInfo', 'METRIC_IDENTITIES', 'isWithin']);
    for (const name of endpointNames) {
      expect(bundle).not.toContain(getEndpoint(name).resultObject);
    }
    expect(bundle.length).toBeLessThan(registryBundle.length / 5);
  });

  describe.each([
    ['a bundler that honours "sideEffects": false', true],
    ['a bundler that ignores the sideEffects field', false],
  ])('with %s', (_, honourSideEffectsField) => {
    test.each(endpointNames)(
      'importing only the %s result schema pulls in nothing else',
      async (name) => {
        const bundle = await bundleExports([resultSchemaExport(name)], { honourSideEffectsField });
        const endpoint = getEndpoint(name);
        expect(bundle).toContain(endpoint.resultObject);
        for (const other of endpointNames.filter((otherName) => otherName !== name)) {
          expect(bundle).not.toContain(getEndpoint(other).resultObject);
        }
        // Not even its own endpoint definition, params schema or the directory schemas.
        expect(bundle).not.toContain(endpoint.path);
        expect(bundle).not.toContain('does not accept the parameter');
        expect(bundle).not.toContain('organization.project');
        expect(bundle.length).toBeLessThan(registryBundle.length / 2);
      },
    );
  });
});
