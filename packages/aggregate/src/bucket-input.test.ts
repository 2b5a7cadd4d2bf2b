import { describe, expect, it } from 'vitest';
import { checkBucket, resultsOf } from './bucket-input';
import { UsageDataError } from './errors';

const START = 1_735_689_600;

describe('resultsOf', () => {
  it('reads results, then the older spelling result', () => {
    const results = [{ input_tokens: 1 }];
    expect(resultsOf({ results })).toBe(results);
    expect(resultsOf({ result: results })).toBe(results);
    expect(resultsOf({ results, result: [] })).toBe(results);
  });

  it('gives undefined for anything without a results array', () => {
    for (const bucket of [null, 7, 'bucket', {}, { results: 'x' }, { results: null, result: 3 }]) {
      expect(resultsOf(bucket)).toBeUndefined();
    }
  });
});

describe('checkBucket', () => {
  it('returns start, end and results of a well-formed bucket', () => {
    const results: unknown[] = [];
    expect(checkBucket({ start_time: START, end_time: START + 3600, results }, 'data', 0)).toEqual({
      start: START,
      end: START + 3600,
      results,
    });
  });

  it.each([
    [null, 'data[2]', 'a bucket must be an object'],
    [{ start_time: 1.5, end_time: 3, results: [] }, 'data[2].start_time', 'start_time'],
    [{ start_time: '1', end_time: 3, results: [] }, 'data[2].start_time', 'start_time'],
    [{ start_time: START, end_time: START, results: [] }, 'data[2].end_time', 'after start_time'],
    [{ start_time: START, results: [] }, 'data[2].end_time', 'end_time'],
    [{ start_time: START, end_time: START + 60 }, 'data[2].results', '"results" array'],
  ])('rejects %j at %s', (bucket, path, message) => {
    const error = (() => {
      try {
        checkBucket(bucket, 'data', 2);
      } catch (thrown) {
        return thrown;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UsageDataError);
    expect((error as UsageDataError).path).toBe(path);
    expect((error as UsageDataError).message).toContain(message);
  });
});
