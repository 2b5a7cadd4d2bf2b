import { describe, expect, test } from 'vitest';
import { DIMENSIONS, dimensionInfo, isDimensionName } from './dimensions';
import { endpointNames, getEndpoint } from './registry';

describe('DIMENSIONS', () => {
  test('describes every dimension of the registry and nothing else', () => {
    const used = new Set(endpointNames.flatMap((name) => getEndpoint(name).dimensions));
    expect(new Set(Object.keys(DIMENSIONS))).toEqual(used);
    for (const [key, descriptor] of Object.entries(DIMENSIONS)) {
      expect(descriptor.name).toBe(key);
      expect(descriptor.label).toMatch(/^[A-Z]/);
    }
  });

  test('ids name directory entities; batch is a flag', () => {
    const ids = Object.values(DIMENSIONS)
      .filter((descriptor) => descriptor.valueKind === 'id')
      .map((descriptor) => descriptor.entity);
    expect(ids).toEqual(['project', 'user', 'api_key', 'vector_store']);
    expect(dimensionInfo('batch').valueKind).toBe('flag');
  });
});

describe('dimensionInfo', () => {
  test.each([
    ['project_id', 'project', 'Project'],
    ['api_key_id', 'api_key', 'API key'],
    ['model', 'model', 'Model'],
    ['vector_store_id', 'vector_store', 'Vector store'],
    ['context_level', 'context_level', 'Search context size'],
    ['line_item', 'line_item', 'Line item'],
  ] as const)('%s names a %s, labelled "%s"', (name, entity, label) => {
    expect(dimensionInfo(name)).toMatchObject({ name, entity, label });
  });

  test('names the known dimensions for an unknown one, prototype keys included', () => {
    expect(isDimensionName('__proto__')).toBe(false);
    expect(isDimensionName('toString')).toBe(false);
    expect(() => dimensionInfo('region' as 'model')).toThrow(
      /Unknown dimension "region"; known: project_id, user_id/,
    );
  });
});
