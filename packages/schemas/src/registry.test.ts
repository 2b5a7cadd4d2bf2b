import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import {
  endpointNames,
  endpoints,
  getEndpoint,
  isEndpointName,
  usageEndpointNames,
} from './registry';

const fixtures = join(import.meta.dirname, '__fixtures__');

function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(join(fixtures, name), 'utf8'));
}

describe('endpoint registry', () => {
  test('holds the twelve usage and costs endpoints', () => {
    expect(endpointNames).toEqual([
      'completions',
      'embeddings',
      'moderations',
      'images',
      'audio_speeches',
      'audio_transcriptions',
      'vector_stores',
      'code_interpreter_sessions',
      'file_search_calls',
      'web_search_calls',
      'decisions',
      'costs',
    ]);
  });

  test.each(endpointNames)('%s: every dimension and metric is a field of its result', (name) => {
    const endpoint = getEndpoint(name);
    const entries = (endpoint.resultSchema as unknown as { entries: Record<string, unknown> })
      .entries;
    for (const dimension of endpoint.dimensions) expect(entries).toHaveProperty(dimension);
    for (const metric of endpoint.metrics) expect(entries).toHaveProperty(metric.path[0]);
    for (const filter of Object.values(endpoint.filters)) {
      expect(endpoint.dimensions).toContain(filter.dimension);
    }
  });

  test.each(endpointNames)(
    '%s: metric required flags match the schema; dimensions are nullish',
    (name) => {
      const endpoint = getEndpoint(name);
      const entries = (
        endpoint.resultSchema as unknown as { entries: Record<string, v.GenericSchema> }
      ).entries;
      for (const metric of endpoint.metrics) {
        const entry = entries[metric.path[0]] as v.GenericSchema;
        const optional = v.is(entry, undefined);
        expect({ metric: metric.name, optional }).toEqual({
          metric: metric.name,
          optional: metric.path.length > 1 || !metric.required,
        });
      }
      for (const dimension of endpoint.dimensions) {
        const entry = entries[dimension] as v.GenericSchema;
        expect([v.is(entry, null), v.is(entry, undefined)]).toEqual([true, true]);
      }
    },
  );

  test.each(endpointNames)('%s: path, object literal and widths are consistent', (name) => {
    const endpoint = getEndpoint(name);
    expect(endpoint.name).toBe(name);
    expect(endpoint.path).toBe(
      name === 'costs' ? '/organization/costs' : `/organization/usage/${name}`,
    );
    const entries = (
      endpoint.resultSchema as unknown as { entries: Record<string, v.GenericSchema> }
    ).entries;
    expect(v.is(entries.object as v.GenericSchema, endpoint.resultObject)).toBe(true);
    expect(Object.keys(endpoint.bucketWidths)).toContain(endpoint.defaultBucketWidth);
  });

  test('every endpoint has its own human label', () => {
    const labels = endpointNames.map((name) => getEndpoint(name).label);
    expect(new Set(labels).size).toBe(endpointNames.length);
    expect(getEndpoint('vector_stores').label).toBe('Vector storage');
    for (const label of labels) expect(label).toMatch(/^[A-Z]/);
  });

  test('usage_bytes is the only level; every other metric sums', () => {
    const levels = endpointNames.flatMap((name) =>
      getEndpoint(name)
        .metrics.filter((metric) => metric.aggregation === 'level')
        .map((metric) => `${name}.${metric.name}`),
    );
    expect(levels).toEqual(['vector_stores.usage_bytes']);
  });

  test('a metric name means one thing: the same unit, label and aggregation everywhere', () => {
    const seen = new Map<string, string>();
    for (const name of endpointNames) {
      for (const metric of getEndpoint(name).metrics) {
        const meaning = `${metric.unit}|${metric.label}|${metric.aggregation}`;
        expect({ metric: metric.name, meaning }).toEqual({
          metric: metric.name,
          meaning: seen.get(metric.name) ?? meaning,
        });
        seen.set(metric.name, meaning);
        expect(metric.label).toMatch(/^[A-Z]/);
      }
    }
  });

  test('usageEndpointNames lists every endpoint but costs', () => {
    expect(usageEndpointNames).toEqual(endpointNames.filter((name) => name !== 'costs'));
  });

  test.each(
    readdirSync(fixtures).filter((file) => file.endsWith('.result-object.spec-example.json')),
  )('%s parses with its endpoint result schema', (file) => {
    const name = file.split('.')[0] as string;
    expect(isEndpointName(name)).toBe(true);
    const endpoint = endpoints[name as keyof typeof endpoints];
    expect(v.safeParse(endpoint.resultSchema, readFixture(file)).issues).toBeUndefined();
  });

  test('rejects names that are not own endpoints, including prototype keys', () => {
    expect(isEndpointName('__proto__')).toBe(false);
    expect(isEndpointName('toString')).toBe(false);
    expect(() => getEndpoint('nope' as 'costs')).toThrow(
      /Unknown endpoint "nope"; known: completions/,
    );
  });
});
