/**
 * Characters a terminal acts on instead of printing: C0 controls (ESC starts escape sequences;
 * newlines and tabs break table layouts), DEL, C1 controls (U+009B is a one-character CSI), the
 * line and paragraph separators, and the bidirectional controls that reorder what follows
 * (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates, U+200E/U+200F marks, U+061C).
 */
const TERMINAL_ACTIVE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function visibleEscape(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Makes untrusted text (project, user and key names from the API) safe to print on a terminal:
 * every control character, escape-sequence introducer and bidirectional control is replaced by
 * a visible escape such as `\u001B` or `\u202E`, so the text cannot move the cursor, recolour or
 * clear the screen, set the window title, or make the rest of the line read backwards. Other
 * text, non-Latin scripts and emoji included, is unchanged. Platform-neutral.
 *
 * @param text The untrusted text.
 *
 * @returns The text with each such character replaced by its `\uXXXX` escape.
 *
 * @example
 * neutralizeTerminalText('Ops\u001b[2J\u202Egnp.exe'); // 'Ops\\u001B[2J\\u202Egnp.exe'
 */
export function neutralizeTerminalText(text: string): string {
  return text.replace(TERMINAL_ACTIVE, visibleEscape);
}
