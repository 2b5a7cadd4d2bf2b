import { describe, expect, test } from 'vitest';
import { neutralizeTerminalText } from './neutralize-terminal-text';

describe('neutralizeTerminalText', () => {
  test.each([
    ['an ANSI colour sequence', 'red\u001b[31mtext', 'red\\u001B[31mtext'],
    ['a clear-screen sequence', '\u001b[2J\u001b[H', '\\u001B[2J\\u001B[H'],
    ['a window-title (OSC) sequence', '\u001b]0;pwned\u0007', '\\u001B]0;pwned\\u0007'],
    ['a C1 CSI', 'a\u009b31mb', 'a\\u009B31mb'],
    ['a right-to-left override', 'invoice\u202Efdp.exe', 'invoice\\u202Efdp.exe'],
    [
      'isolates and marks',
      '\u2066x\u2069\u200e\u200f\u061c',
      '\\u2066x\\u2069\\u200E\\u200F\\u061C',
    ],
    ['embeddings', '\u202a\u202b\u202c\u202d', '\\u202A\\u202B\\u202C\\u202D'],
    ['newlines, tabs, NUL and DEL', 'a\nb\tc\u0000d\u007f', 'a\\u000Ab\\u0009c\\u0000d\\u007F'],
    ['line and paragraph separators', 'a\u2028b\u2029', 'a\\u2028b\\u2029'],
  ])('neutralises %s', (_label, input, expected) => {
    expect(neutralizeTerminalText(input)).toBe(expected);
  });

  test('leaves ordinary text alone, other scripts and emoji included', () => {
    const text = "Zoë O'Brien-Łukasiewicz <b>Growth</b> =SUM(A1) 東京 مرحبا 🚀 \\u202E";
    expect(neutralizeTerminalText(text)).toBe(text);
  });
});
