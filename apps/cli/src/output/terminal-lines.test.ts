import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { writeTerminalLines } from './terminal-lines';

describe('writeTerminalLines', () => {
  test('writes each line neutralised, so API text cannot drive the terminal', () => {
    const stream = new PassThrough({ encoding: 'utf8' });
    writeTerminalLines(stream, ['warning: \u001b]52;c;ZXZpbA==\u0007 in a name', 'a\u202Eb']);
    expect(stream.read()).toBe('warning: \\u001B]52;c;ZXZpbA==\\u0007 in a name\na\\u202Eb\n');
  });
});
