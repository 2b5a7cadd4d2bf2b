import { describe, expect, test } from 'vitest';
import { examplePage, readSpecExample, resultAt } from './__fixtures__/spec-examples';
import { identitiesOf, identityViolations, isWithin, METRIC_IDENTITIES } from './metric-identities';
import { endpointNames, getEndpoint } from './registry';

describe('METRIC_IDENTITIES', () => {
  test('names only token metrics of completions, each part in at most one identity', () => {
    const metrics = new Map(
      getEndpoint('completions').metrics.map((metric) => [metric.name, metric]),
    );
    const parts = METRIC_IDENTITIES.flatMap((identity) => identity.parts);
    for (const name of [...parts, ...METRIC_IDENTITIES.map((identity) => identity.whole)]) {
      expect(metrics.get(name as never)?.unit).toBe('tokens');
    }
    expect(new Set(parts).size).toBe(parts.length);
  });
});

describe('identitiesOf', () => {
  test('completions and decisions obey all five; endpoints without token details none', () => {
    expect(identitiesOf('completions')).toEqual(METRIC_IDENTITIES);
    expect(identitiesOf('decisions')).toEqual(METRIC_IDENTITIES);
    for (const name of endpointNames.filter(
      (name) => name !== 'completions' && name !== 'decisions',
    )) {
      expect({ name, identities: identitiesOf(name) }).toEqual({ name, identities: [] });
    }
  });
});

describe('isWithin', () => {
  test.each([
    ['input_cached_tokens', 'input_tokens', true],
    ['input_cached_text_tokens', 'input_tokens', true],
    ['input_audio_tokens', 'input_uncached_tokens', true],
    ['input_cache_write_30m_tokens', 'input_tokens', true],
    ['output_audio_tokens', 'input_tokens', false],
    ['input_tokens', 'input_cached_tokens', false],
    ['input_tokens', 'input_tokens', false],
  ])('%s within %s: %s', (part, whole, expected) => {
    expect(isWithin(part, whole)).toBe(expected);
  });
});

describe('identityViolations', () => {
  test('every identity holds on the spec examples that carry the fields', () => {
    const results = [
      ['completions', readSpecExample('completions.result-object.spec-example.json')],
      ['completions', resultAt(examplePage('completions'), 0, 0)],
      ['decisions', resultAt(examplePage('decisions'), 0, 0)],
    ] as const;
    for (const [endpoint, result] of results) {
      expect(identityViolations(endpoint, result)).toEqual([]);
    }
    // The examples carry the fields of four identities (not the two cache-write periods).
    const example = readSpecExample('completions.result-object.spec-example.json');
    const checkable = METRIC_IDENTITIES.filter((identity) =>
      [identity.whole, ...identity.parts].every((name) => typeof example[name] === 'number'),
    );
    expect(checkable.map((identity) => identity.whole)).toEqual([
      'input_tokens',
      'input_uncached_tokens',
      'input_cached_tokens',
      'output_tokens',
    ]);
  });

  test('reports the identity a result breaks, with its numbers', () => {
    const result = {
      ...readSpecExample('completions.result-object.spec-example.json'),
      input_cache_write_12h_tokens: 150,
      input_cache_write_30m_tokens: 40,
    };
    expect(identityViolations('completions', result)).toEqual([
      {
        identity: { whole: 'input_cache_write_tokens', parts: expect.any(Array) },
        whole: 200,
        sumOfParts: 190,
      },
    ]);
  });

  test('skips an identity with an absent or null counter: unknown is not zero', () => {
    const result = {
      ...readSpecExample('completions.result-object.spec-example.json'),
      input_cache_write_12h_tokens: 150,
      input_cached_audio_tokens: null,
    };
    expect(identityViolations('completions', result)).toEqual([]);
  });
});
