import { describe, expect, test } from 'vitest';
import { exceedsJSONDepth, MAX_JSON_DEPTH } from './json-depth';

describe('exceedsJSONDepth', () => {
  test.each([
    ['a page', '{"object":"page","data":[{"results":[{"a":1}]}]}', 5, false],
    ['exactly the limit', '[[[[]]]]', 4, false],
    ['one past the limit', '[[[[[]]]]]', 4, true],
    ['objects and arrays mixed', '{"a":[{"b":[{}]}]}', 4, true],
    ['brackets inside strings', '["[[[[[[[[", "{{{{{{"]', 2, false],
    ['escaped quotes inside strings', '["\\"[[[[[[", 1]', 2, false],
    ['unclosed deep nesting', '[[[[[[', 4, true],
  ])('%s', (_label, text, limit, expected) => {
    expect(exceedsJSONDepth(text, limit)).toBe(expected);
  });

  test('100,000 open brackets exceed the default limit', () => {
    expect(exceedsJSONDepth('['.repeat(100_000))).toBe(true);
    expect(exceedsJSONDepth(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`)).toBe(
      false,
    );
  });
});
