import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { endpointNames, endpoints, getEndpoint, isEndpointName } from './registry';

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
