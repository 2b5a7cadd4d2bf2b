import { describe, expect, test } from 'vitest';
import { csvField } from './csv-field';

describe('csvField', () => {
  test.each([
    ['=HYPERLINK("x")', true, `"'=HYPERLINK(""x"")"`],
    ['+1', true, "'+1"],
    ['-2', true, "'-2"],
    ['@SUM(A1)', true, "'@SUM(A1)"],
    ['\tTab', true, "'\tTab"],
    ['\rReturn', true, `"'\rReturn"`],
    ['plain, with comma', true, '"plain, with comma"'],
    ['line\nbreak', true, '"line\nbreak"'],
    ['-12.5', false, '-12.5'],
  ])('%j (text: %s) becomes %j', (value, isText, expected) => {
    expect(csvField(value, isText)).toBe(expected);
  });
});
