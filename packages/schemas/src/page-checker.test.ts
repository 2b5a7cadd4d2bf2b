import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { type ExamplePage, largerExamplePage } from './__fixtures__/spec-examples';
import { compileObjectChecks } from './field-check';
import { PageChecker } from './page-checker';
import { parsePage } from './parse-page';
import { type EndpointName, endpointNames, getEndpoint } from './registry';

type JsonRecord = Record<string, unknown>;

/** A mutation of one spot in a page: delete a key, or set it (as an own property) to a value. */
interface Mutation {
  readonly target: 'page' | 'bucket' | 'result' | 'amount';
  readonly bucket: number;
  readonly result: number;
  readonly key: string;
  readonly action: 'delete' | 'set' | 'rename-results';
  readonly value: unknown;
}

function entriesOf(name: EndpointName): Record<string, v.GenericSchema> {
  const schema = getEndpoint(name).resultSchema as unknown as {
    entries: Record<string, v.GenericSchema>;
  };
  return schema.entries;
}

type Target = Mutation['target'];

function keysOf(name: EndpointName, target: Target): string[] {
  switch (target) {
    case 'page':
      return ['object', 'data', 'has_more', 'next_page'];
    case 'bucket':
      return ['object', 'start_time', 'end_time', 'results', 'result'];
    case 'result':
      return Object.keys(entriesOf(name));
    case 'amount':
      return ['value', 'currency'];
  }
}

const jsonValue = fc.oneof(
  fc.integer({ min: -5, max: 1_000_000 }),
  fc.double({ noNaN: true }),
  fc.constantFrom(0, -0, 1.5, Number.MAX_SAFE_INTEGER + 2, Number.POSITIVE_INFINITY),
  fc.string({ maxLength: 6 }),
  fc.constantFrom(
    'page',
    'bucket',
    'organization.usage.completions.result',
    'organization.costs.result',
    'tokens',
  ),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom([], {}, [1], { value: 1 }, { value: 'x' }, { currency: 'usd', value: 0.1 }),
  fc.jsonValue({ maxDepth: 2 }),
);

function mutationFor(name: EndpointName): fc.Arbitrary<Mutation> {
  const targets: Target[] = ['page', 'bucket', 'result', 'result', 'result', 'amount'];
  return fc.constantFrom(...targets).chain((target) =>
    fc.record({
      target: fc.constant(target),
      bucket: fc.nat({ max: 3 }),
      result: fc.nat({ max: 3 }),
      key: fc.oneof(
        { arbitrary: fc.constantFrom(...keysOf(name, target)), weight: 6 },
        { arbitrary: fc.constantFrom('organization_id', '__proto__', 'constructor'), weight: 1 },
        { arbitrary: fc.string({ maxLength: 4 }), weight: 1 },
      ),
      action: fc.constantFrom<Mutation['action']>('delete', 'set', 'set', 'rename-results'),
      value: jsonValue,
    }),
  );
}

function pick(values: unknown, index: number): JsonRecord | undefined {
  if (!Array.isArray(values) || values.length === 0) return undefined;
  const value: unknown = values[index % values.length];
  return typeof value === 'object' && value !== null ? (value as JsonRecord) : undefined;
}

function apply(page: ExamplePage, mutation: Mutation): void {
  const bucket = pick(page.data, mutation.bucket);
  const result = pick(bucket?.results, mutation.result);
  const amount = result?.amount;
  const target =
    mutation.target === 'page'
      ? (page as JsonRecord)
      : mutation.target === 'bucket'
        ? bucket
        : mutation.target === 'result'
          ? result
          : typeof amount === 'object' && amount !== null
            ? (amount as JsonRecord)
            : undefined;
  if (!target) return;
  if (mutation.action === 'rename-results') {
    if (!bucket) return;
    bucket.result = bucket.results;
    delete bucket.results;
  } else if (mutation.action === 'delete') {
    delete target[mutation.key];
  } else {
    // Own data property, as JSON.parse creates it (`__proto__` included).
    Object.defineProperty(target, mutation.key, {
      value: mutation.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
}

/** valibot's issues that are not drift: undocumented `object` strings are drift in both modes. */
function defects(name: EndpointName, page: unknown): v.BaseIssue<unknown>[] {
  const outcome = v.safeParse(getEndpoint(name).pageSchema, page);
  return (outcome.issues ?? []).filter((issue) => {
    const last = issue.path?.at(-1) as { key?: unknown } | undefined;
    return !(issue.type === 'literal' && last?.key === 'object' && typeof issue.input === 'string');
  });
}

function pageArbitraryFor(name: EndpointName) {
  return fc.tuple(
    fc.constant(name),
    fc.nat({ max: 3 }),
    fc.nat({ max: 3 }),
    fc.array(mutationFor(name), { minLength: 0, maxLength: 4 }),
  );
}

const pageArbitrary = fc.constantFrom(...endpointNames).chain(pageArbitraryFor);

function mutatedPage([name, buckets, results, mutations]: [
  EndpointName,
  number,
  number,
  Mutation[],
]) {
  const page = largerExamplePage(name, Math.max(buckets, 1), results);
  for (const mutation of mutations) apply(page, mutation);
  return page;
}

describe('the fast path agrees with valibot on random mutations of valid pages', () => {
  test.each(endpointNames)('%s: PageChecker fails exactly when valibot finds a defect', (name) => {
    fc.assert(
      fc.property(pageArbitraryFor(name), (input) => {
        const page = mutatedPage(input);
        const checker = new PageChecker(compileObjectChecks(entriesOf(name)));
        checker.checkPage(page); // renames `result` in place first, as parsePage does
        expect(checker.failed).toBe(defects(name, page).length > 0);
      }),
      { numRuns: 250, seed: 20_260_821 },
    );
  });

  test('tolerant parsePage accepts exactly what valibot accepts, drifted `object` aside', () => {
    fc.assert(
      fc.property(pageArbitrary, (input) => {
        const [name] = input;
        const page = mutatedPage(input);
        const outcome = parsePage(name, page);
        const found = defects(name, page);
        expect(outcome.success).toBe(found.length === 0);
        if (!outcome.success) {
          expect(outcome.issues.map((issue) => issue.message)).toEqual(
            found.map((issue) => issue.message),
          );
        }
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  test('strict parsePage never accepts a page valibot rejects, nor one with drift', () => {
    fc.assert(
      fc.property(pageArbitrary, (input) => {
        const [name] = input;
        const page = mutatedPage(input);
        const outcome = parsePage(name, page, { mode: 'strict' });
        const drifted = outcome.drift.some((entry) => entry.kind !== 'absent_field');
        const valid = v.safeParse(getEndpoint(name).pageSchema, page).success;
        expect(outcome.success).toBe(valid && !drifted);
      }),
      { numRuns: 400, seed: 11 },
    );
  });
});

describe('implausible numbers are drift with their path', () => {
  test.each([
    ['a negative count', 'input_tokens', -5],
    ['a count beyond 2^53', 'output_tokens', 1e308],
    ['a count just past exact integers', 'num_model_requests', Number.MAX_SAFE_INTEGER + 1],
  ])('%s', (_label, field, value) => {
    const page = largerExamplePage('completions', 2, 2);
    const bucket = (page.data as JsonRecord[])[1] as JsonRecord;
    ((bucket.results as JsonRecord[])[1] as JsonRecord)[field] = value;
    const tolerant = parsePage('completions', page);
    expect(tolerant.success).toBe(true);
    expect(tolerant.drift).toContainEqual({
      kind: 'invalid_value',
      key: field,
      path: `data[1].results[1].${field}`,
      count: 1,
    });
    const strict = parsePage('completions', page, { mode: 'strict' });
    expect(strict.success).toBe(false);
  });

  test('a non-finite amount is drift; a negative one (a credit) is not', () => {
    const page = largerExamplePage('costs', 1, 2);
    const results = ((page.data as JsonRecord[])[0] as JsonRecord).results as JsonRecord[];
    (results[0] as JsonRecord).amount = { value: Number.POSITIVE_INFINITY, currency: 'usd' };
    (results[1] as JsonRecord).amount = { value: -12.5, currency: 'usd' };
    const parsed = parsePage('costs', page);
    expect(parsed.drift.filter((entry) => entry.kind === 'invalid_value')).toEqual([
      {
        kind: 'invalid_value',
        key: 'amount.value',
        path: 'data[0].results[0].amount.value',
        count: 1,
      },
    ]);
  });

  test('a non-finite count fails validation, naming its path', () => {
    const page = largerExamplePage('completions', 1, 1);
    const result = (((page.data as JsonRecord[])[0] as JsonRecord).results as JsonRecord[])[0];
    (result as JsonRecord).input_tokens = Number.POSITIVE_INFINITY;
    const parsed = parsePage('completions', page);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.issues[0].path).toBe('data[0].results[0].input_tokens');
  });
});
