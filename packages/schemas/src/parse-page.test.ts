import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import {
  bucketAt,
  endpointOfFile,
  examplePage,
  largerExamplePage,
  readSpecExample,
  resultAt,
  specExampleFiles,
} from './__fixtures__/spec-examples';
import { parsePage } from './parse-page';
import { type EndpointName, endpointNames, endpoints, isEndpointName } from './registry';

const pageFiles = specExampleFiles.filter((file) => !file.includes('.result-object.'));
const resultFiles = specExampleFiles.filter((file) => file.includes('.result-object.'));

function issuePaths(outcome: ReturnType<typeof parsePage>): string[] {
  return outcome.success ? [] : outcome.issues.map((issue) => issue.path);
}

function driftOf(outcome: ReturnType<typeof parsePage>) {
  return outcome.drift.map(({ kind, key, path, count }) => ({ kind, key, path, count }));
}

describe('spec examples', () => {
  test('cover every endpoint but decisions, which is newer than the spec', () => {
    const covered = new Set(pageFiles.map(endpointOfFile));
    expect(endpointNames.filter((name) => !covered.has(name))).toEqual(['decisions']);
    expect(resultFiles.map(endpointOfFile).sort()).toEqual([...covered].sort());
  });

  test.each(pageFiles)('%s parses through parsePage, tolerant and strict', (file) => {
    const name = endpointOfFile(file);
    expect(isEndpointName(name)).toBe(true);
    for (const mode of ['tolerant', 'strict'] as const) {
      const outcome = parsePage(name as EndpointName, readSpecExample(file), { mode });
      expect(issuePaths(outcome)).toEqual([]);
      expect(outcome.drift.filter((entry) => entry.kind !== 'absent_field')).toEqual([]);
    }
  });

  test.each(pageFiles)('%s: every result parses with the result schema', (file) => {
    const name = endpointOfFile(file) as EndpointName;
    const page = readSpecExample(file) as { data: { results: unknown[] }[] };
    for (const result of page.data.flatMap((bucket) => bucket.results)) {
      expect(v.safeParse(endpoints[name].resultSchema, result).issues).toBeUndefined();
    }
  });

  test.each(resultFiles)('%s parses inside a page of its endpoint', (file) => {
    const name = endpointOfFile(file) as EndpointName;
    const page = examplePage(name);
    (page.data[0] as { results: unknown[] }).results = [readSpecExample(file)];
    expect(issuePaths(parsePage(name, page, { mode: 'strict' }))).toEqual([]);
  });

  test('a decisions page (completions fields, nullable token details) parses', () => {
    const outcome = parsePage('decisions', examplePage('decisions'), { mode: 'strict' });
    expect(issuePaths(outcome)).toEqual([]);
  });

  test('returns the page it was given, not a copy', () => {
    const page = examplePage('completions');
    const outcome = parsePage('completions', page);
    expect(outcome.success && outcome.output).toBe(page);
  });
});

describe('malformed pages are rejected with the path that failed', () => {
  test.each([
    [
      'a counter of the wrong type',
      (page: ReturnType<typeof largerExamplePage>) => {
        resultAt(page, 0, 1).input_tokens = '1000';
      },
      ['data[0].results[1].input_tokens'],
    ],
    [
      'a non-integer counter',
      (page: ReturnType<typeof largerExamplePage>) => {
        resultAt(page, 1, 0).output_tokens = 12.5;
      },
      ['data[1].results[0].output_tokens'],
    ],
    [
      'a missing required counter',
      (page: ReturnType<typeof largerExamplePage>) => {
        delete resultAt(page, 0, 1).num_model_requests;
      },
      ['data[0].results[1].num_model_requests'],
    ],
    [
      'a grouping field of the wrong type',
      (page: ReturnType<typeof largerExamplePage>) => {
        resultAt(page, 1, 1).batch = 'false';
      },
      ['data[1].results[1].batch'],
    ],
    [
      'an optional counter that is null (completions counters are not nullable)',
      (page: ReturnType<typeof largerExamplePage>) => {
        resultAt(page, 0, 0).input_cached_tokens = null;
      },
      ['data[0].results[0].input_cached_tokens'],
    ],
    [
      'a result that is not an object',
      (page: ReturnType<typeof largerExamplePage>) => {
        (bucketAt(page, 1).results as unknown[])[1] = 42;
      },
      ['data[1].results[1]'],
    ],
    [
      'a bucket without results',
      (page: ReturnType<typeof largerExamplePage>) => {
        delete bucketAt(page, 1).results;
      },
      ['data[1].results'],
    ],
    [
      'a bucket whose results is not an array',
      (page: ReturnType<typeof largerExamplePage>) => {
        bucketAt(page, 0).results = {};
      },
      ['data[0].results'],
    ],
    [
      'a bucket time that is not an integer',
      (page: ReturnType<typeof largerExamplePage>) => {
        bucketAt(page, 1).end_time = '1730505600';
      },
      ['data[1].end_time'],
    ],
    [
      'an object `object` value',
      (page: ReturnType<typeof largerExamplePage>) => {
        resultAt(page, 0, 0).object = { name: 'x' };
      },
      ['data[0].results[0].object'],
    ],
    [
      'has_more that is not a boolean',
      (page: ReturnType<typeof largerExamplePage>) => {
        page.has_more = 'true';
      },
      ['has_more'],
    ],
    [
      'a missing next_page',
      (page: ReturnType<typeof largerExamplePage>) => {
        delete (page as Partial<typeof page>).next_page;
      },
      ['next_page'],
    ],
    [
      'data that is not an array',
      (page: ReturnType<typeof largerExamplePage>) => {
        page.data = {} as typeof page.data;
      },
      ['data'],
    ],
    [
      'two faults at once',
      (page: ReturnType<typeof largerExamplePage>) => {
        resultAt(page, 0, 0).input_tokens = -0.5;
        resultAt(page, 1, 1).model = 4;
      },
      ['data[0].results[0].input_tokens', 'data[1].results[1].model'],
    ],
  ])('%s', (_, breakPage, paths) => {
    const page = largerExamplePage('completions', 2, 2);
    breakPage(page);
    for (const mode of ['tolerant', 'strict'] as const) {
      expect(issuePaths(parsePage('completions', page, { mode }))).toEqual(paths);
    }
  });

  test.each([
    ['null', null],
    ['an array', []],
    ['a string', '{"object":"page"}'],
  ])('a body that is %s', (_, body) => {
    const outcome = parsePage('embeddings', body);
    expect(outcome.success).toBe(false);
    expect(outcome.success ? [] : outcome.issues.length).toBeGreaterThan(0);
  });

  test('issues carry valibot messages and the value found', () => {
    const page = largerExamplePage('images', 1, 1);
    resultAt(page, 0, 0).images = '2';
    const outcome = parsePage('images', page);
    expect(outcome.success).toBe(false);
    if (outcome.success) return;
    expect(outcome.issues).toEqual([
      {
        path: 'data[0].results[0].images',
        message: 'Invalid type: Expected number but received "2"',
        input: '2',
      },
    ]);
  });

  test('a result of another endpoint is rejected for its missing counters', () => {
    const page = examplePage('embeddings');
    (bucketAt(page, 0).results as unknown[]).push(resultAt(examplePage('costs'), 0, 0));
    expect(issuePaths(parsePage('embeddings', page))).toEqual([
      'data[0].results[1].input_tokens',
      'data[0].results[1].num_model_requests',
    ]);
  });
});

describe('tolerant mode (the default)', () => {
  test('keeps undocumented fields and reports each once with a count', () => {
    const page = largerExamplePage('costs', 2, 3);
    for (const bucket of page.data) {
      for (const result of bucket.results) result.organization_id = 'org-abc';
    }
    const outcome = parsePage('costs', page);
    expect(outcome.success).toBe(true);
    if (!outcome.success) return;
    expect(outcome.output.data[1]?.results[2]).toHaveProperty('organization_id', 'org-abc');
    expect(driftOf(outcome)).toEqual([
      {
        kind: 'unknown_field',
        key: 'organization_id',
        path: 'data[0].results[0].organization_id',
        count: 6,
      },
    ]);
  });

  test('reports undocumented fields of the envelope, buckets and nested amount', () => {
    const page = examplePage('costs');
    page.request_id = 'req_1';
    bucketAt(page, 0).granularity = 'day';
    const result = resultAt(page, 0, 0) as { amount: Record<string, unknown> };
    result.amount.value_micros = 60_000;
    const outcome = parsePage('costs', page);
    expect(outcome.success).toBe(true);
    expect(driftOf(outcome)).toEqual([
      { kind: 'unknown_field', key: 'request_id', path: 'request_id', count: 1 },
      { kind: 'unknown_field', key: 'granularity', path: 'data[0].granularity', count: 1 },
      {
        kind: 'unknown_field',
        key: 'amount.value_micros',
        path: 'data[0].results[0].amount.value_micros',
        count: 1,
      },
    ]);
  });

  test('reports absent newer counters as absent_field with how many results lack them', () => {
    const page = largerExamplePage('completions', 2, 2);
    delete resultAt(page, 1, 0).input_cached_tokens;
    const outcome = parsePage('completions', page);
    expect(outcome.success).toBe(true);
    expect(driftOf(outcome)).toEqual([
      {
        kind: 'absent_field',
        key: 'input_cached_tokens',
        path: 'data[].results[].input_cached_tokens',
        count: 1,
      },
      {
        kind: 'absent_field',
        key: 'input_cache_write_12h_tokens',
        path: 'data[].results[].input_cache_write_12h_tokens',
        count: 4,
      },
      {
        kind: 'absent_field',
        key: 'input_cache_write_30m_tokens',
        path: 'data[].results[].input_cache_write_30m_tokens',
        count: 4,
      },
    ]);
  });

  test('accepts grouping fields that are null or absent, without drift', () => {
    const page = largerExamplePage('web_search_calls', 1, 2);
    Object.assign(resultAt(page, 0, 0), { context_level: null, api_source: null, model: null });
    const withoutGrouping = resultAt(page, 0, 1);
    for (const key of ['project_id', 'user_id', 'api_key_id', 'model', 'context_level']) {
      delete withoutGrouping[key];
    }
    const outcome = parsePage('web_search_calls', page, { mode: 'strict' });
    expect(outcome.success).toBe(true);
    expect(outcome.drift).toEqual([]);
  });

  test('accepts grouping fields that carry values', () => {
    const page = examplePage('completions');
    (bucketAt(page, 0).results as unknown[]).push(
      readSpecExample('completions.result-object.spec-example.json'),
    );
    Object.assign(resultAt(page, 0, 1), { api_source: 'agents_api' });
    expect(parsePage('completions', page, { mode: 'strict' }).success).toBe(true);
  });

  test('renames `result` to `results` in place and reports it', () => {
    const page = largerExamplePage('moderations', 2, 1);
    const bucket = bucketAt(page, 1);
    bucket.result = bucket.results;
    delete bucket.results;
    const outcome = parsePage('moderations', page);
    expect(outcome.success).toBe(true);
    if (!outcome.success) return;
    expect(outcome.output.data[1]?.results).toHaveLength(1);
    expect(outcome.output.data[1]).not.toHaveProperty('result');
    expect(driftOf(outcome)).toEqual([
      { kind: 'renamed_field', key: 'result', path: 'data[1].result', count: 1 },
    ]);
  });

  test('keeps `results` when a bucket carries both names and reports the other as unknown', () => {
    const page = examplePage('moderations');
    bucketAt(page, 0).result = [];
    const outcome = parsePage('moderations', page);
    expect(outcome.success && outcome.output.data[0]?.results).toHaveLength(1);
    expect(driftOf(outcome)).toEqual([
      { kind: 'unknown_field', key: 'result', path: 'data[0].result', count: 1 },
    ]);
  });

  test.each(['tokens', 'gibibyte_hours', 'petabyte_fortnights', null])(
    'accepts quantity_unit %s',
    (unit) => {
      const page = examplePage('costs');
      Object.assign(resultAt(page, 0, 0), { quantity: 12, quantity_unit: unit });
      expect(parsePage('costs', page, { mode: 'strict' }).success).toBe(true);
    },
  );

  test('rejects a quantity_unit that is not a string', () => {
    const page = examplePage('costs');
    Object.assign(resultAt(page, 0, 0), { quantity_unit: 7 });
    expect(issuePaths(parsePage('costs', page))).toEqual(['data[0].results[0].quantity_unit']);
  });

  test('accepts undocumented `object` values and reports them', () => {
    const page = largerExamplePage('vector_stores', 1, 2);
    page.object = 'page.v2';
    resultAt(page, 0, 1).object = 'organization.usage.vector_stores.result.v2';
    const outcome = parsePage('vector_stores', page);
    expect(outcome.success).toBe(true);
    expect(driftOf(outcome)).toEqual([
      { kind: 'unknown_object', key: 'page.v2', path: 'object', count: 1 },
      {
        kind: 'unknown_object',
        key: 'organization.usage.vector_stores.result.v2',
        path: 'data[0].results[1].object',
        count: 1,
      },
    ]);
  });

  test('absent counters are never turned into zeros', () => {
    const page = examplePage('completions');
    const outcome = parsePage('completions', page);
    expect(outcome.success && outcome.output.data[0]?.results[0]).not.toHaveProperty(
      'input_cache_write_12h_tokens',
    );
  });
});

describe('strict mode', () => {
  test('turns undocumented fields into issues naming where they were first seen', () => {
    const page = largerExamplePage('costs', 1, 2);
    for (const result of page.data[0]?.results ?? []) result.organization_id = 'org-abc';
    const outcome = parsePage('costs', page, { mode: 'strict' });
    expect(outcome.success).toBe(false);
    if (outcome.success) return;
    expect(outcome.issues).toEqual([
      {
        path: 'data[0].results[0].organization_id',
        message: 'Undocumented field "organization_id" (2x)',
        input: 'organization_id',
      },
    ]);
    expect(outcome.drift).toHaveLength(1);
  });

  test('turns undocumented `object` values into issues', () => {
    const page = examplePage('file_search_calls');
    resultAt(page, 0, 0).object = 'organization.usage.file_search_calls.result';
    expect(issuePaths(parsePage('file_search_calls', page, { mode: 'strict' }))).toEqual([
      'data[0].results[0].object',
    ]);
  });

  test('reports a drifted `object` once even when other checks fail too', () => {
    const page = examplePage('audio_speeches');
    Object.assign(resultAt(page, 0, 0), { object: 'x', characters: 'many' });
    expect(issuePaths(parsePage('audio_speeches', page, { mode: 'strict' }))).toEqual([
      'data[0].results[0].characters',
      'data[0].results[0].object',
    ]);
  });

  test('turns the old `result` name into an issue', () => {
    const page = examplePage('audio_transcriptions');
    const bucket = bucketAt(page, 0);
    bucket.result = bucket.results;
    delete bucket.results;
    expect(issuePaths(parsePage('audio_transcriptions', page, { mode: 'strict' }))).toEqual([
      'data[0].result',
    ]);
  });

  test('does not treat absent optional counters as issues', () => {
    const page = examplePage('completions');
    delete resultAt(page, 0, 0).output_audio_tokens;
    const outcome = parsePage('completions', page, { mode: 'strict' });
    expect(outcome.success).toBe(true);
    expect(outcome.drift.map((entry) => entry.key)).toContain('output_audio_tokens');
  });
});

test('unknown endpoint names throw before anything is parsed', () => {
  expect(() => parsePage('__proto__' as EndpointName, examplePage('costs'))).toThrow(
    /Unknown endpoint "__proto__"/,
  );
});
