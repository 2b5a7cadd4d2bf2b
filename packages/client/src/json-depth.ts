/** The deepest nesting of arrays and objects a body may have; API pages nest 5 levels. */
export const MAX_JSON_DEPTH = 256;

const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Tells whether JSON text nests arrays and objects deeper than a limit, in one pass without
 * parsing, so that hostile bodies (say 100,000 `[`) are refused before `JSON.parse` or any
 * recursive walk could overflow the stack. Brackets inside strings are not counted.
 *
 * @param text The JSON text (need not be valid).
 * @param maxDepth The deepest nesting allowed.
 *
 * @returns Whether some point of the text is nested deeper than `maxDepth`.
 */
export function exceedsJSONDepth(text: string, maxDepth: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_BRACKET || code === OPEN_BRACE) {
      if (++depth > maxDepth) return true;
    } else if (code === CLOSE_BRACKET || code === CLOSE_BRACE) {
      depth--;
    }
  }
  return false;
}
