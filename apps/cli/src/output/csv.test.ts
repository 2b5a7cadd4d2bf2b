import { describe, expect, test } from 'vitest';
import { csvCell, csvLine } from './csv';

describe('csvCell', () => {
  test.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1+2', "'+1+2"],
    ['-cmd', "'-cmd"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tlead', "'\tlead"],
    ['\rlead', `"'\rlead"`],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
    ['plain', 'plain'],
    ['-12.5', '-12.5'],
  ])('encodes %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  test('leaves numbers, booleans and empty values plain', () => {
    expect(csvLine([-3, true, null, undefined, 'x'])).toBe('-3,true,,,x\r\n');
  });
});
