// Test helper: reads the spec examples copied beside this file. Not part of the package.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const directory = import.meta.dirname;

/** Every JSON file in this folder. */
export const specExampleFiles = readdirSync(directory).filter((file) => file.endsWith('.json'));

/** The endpoint a spec example belongs to: the file name up to the first dot. */
export function endpointOfFile(file: string): string {
  return file.slice(0, file.indexOf('.'));
}

/**
 * Reads one spec example, freshly parsed (callers may mutate it).
 *
 * @param file The file name.
 *
 * @returns The parsed JSON.
 */
export function readSpecExample(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(directory, file), 'utf8')) as Record<string, unknown>;
}

/** A page shaped like the spec examples: object, data, has_more, next_page. */
export interface ExamplePage {
  object: unknown;
  data: {
    object: unknown;
    start_time: unknown;
    end_time: unknown;
    results: Record<string, unknown>[];
  }[];
  has_more: unknown;
  next_page: unknown;
  [key: string]: unknown;
}

/**
 * The spec's example page of an endpoint. Decisions has no spec example (it is newer than the
 * spec): its page is the completions example with the decisions `object` literal, which is what
 * the SDK describes (completions' fields, each token detail also nullable).
 *
 * @param endpoint The endpoint name.
 *
 * @returns A fresh copy of the page.
 */
export function examplePage(endpoint: string): ExamplePage {
  if (endpoint === 'decisions') {
    const page = examplePage('completions');
    for (const bucket of page.data) {
      for (const result of bucket.results) {
        result.object = 'organization.usage.decisions.result';
        result.input_cached_audio_tokens = null;
        result.api_source = null;
      }
    }
    return page;
  }
  return readSpecExample(`${endpoint}.spec-example.json`) as ExamplePage;
}

/**
 * The spec's example page of an endpoint, grown to `buckets` buckets of `results` results each by
 * copying its first result, with distinct bucket times.
 *
 * @param endpoint The endpoint name.
 * @param buckets How many buckets.
 * @param results How many results per bucket.
 *
 * @returns A fresh page.
 */
export function largerExamplePage(endpoint: string, buckets: number, results: number): ExamplePage {
  const page = examplePage(endpoint);
  const [bucket] = page.data;
  if (!bucket) throw new Error(`${endpoint} example has no bucket`);
  const [result] = bucket.results;
  page.data = Array.from({ length: buckets }, (_, index) => ({
    ...bucket,
    start_time: 1_730_419_200 + index * 86_400,
    end_time: 1_730_419_200 + (index + 1) * 86_400,
    results: Array.from(
      { length: results },
      () => structuredClone(result) as Record<string, unknown>,
    ),
  }));
  return page;
}

/**
 * One bucket of a page, failing the test when it is missing.
 *
 * @param page The page.
 * @param bucketIndex The bucket's index.
 *
 * @returns The bucket, as a plain record.
 */
export function bucketAt(page: ExamplePage, bucketIndex: number): Record<string, unknown> {
  const bucket = page.data[bucketIndex];
  if (!bucket) throw new Error(`no bucket ${bucketIndex}`);
  return bucket as unknown as Record<string, unknown>;
}

/**
 * One result of a page, failing the test when it is missing.
 *
 * @param page The page.
 * @param bucketIndex The bucket's index.
 * @param resultIndex The result's index in the bucket.
 *
 * @returns The result.
 */
export function resultAt(
  page: ExamplePage,
  bucketIndex: number,
  resultIndex: number,
): Record<string, unknown> {
  const result = page.data[bucketIndex]?.results[resultIndex];
  if (!result) throw new Error(`no result ${bucketIndex}/${resultIndex}`);
  return result;
}
