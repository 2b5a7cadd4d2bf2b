import { describe, expect, test } from 'vitest';
import { createColors } from './colors';
import { renderTable } from './table';

const colors = createColors(false);
const columns = [
  { header: 'Project' },
  { header: 'Model', optional: true },
  { header: 'Tokens', align: 'right' as const },
];
const rows = [
  ['Checkout service with a long name', 'gpt-4o-mini-2024-07-18', '1,234'],
  ['Search', 'gpt-4o', '99'],
];

describe('renderTable', () => {
  test('draws header, rows and a totals row, numbers right-aligned', () => {
    const text = renderTable({
      columns,
      rows,
      totals: ['Total', '', '1,333'],
      width: 120,
      compact: false,
      colors,
    });
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Project\s+Model\s+Tokens$/);
    expect(lines.at(-1)).toMatch(/^Total\s+1,333$/);
    expect(lines[3]?.endsWith('   99')).toBe(true);
  });

  test('drops optional columns when compact or narrow, then truncates text', () => {
    const compact = renderTable({ columns, rows, width: 120, compact: true, colors });
    expect(compact).not.toContain('Model');
    const narrow = renderTable({ columns, rows, width: 24, compact: false, colors });
    for (const line of narrow.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(24);
    expect(narrow).toContain('…');
  });

  test('neutralises control characters, escape sequences and bidi overrides in cells and titles', () => {
    const text = renderTable({
      title: 'title\u001b]0;x\u0007',
      columns,
      rows: [['\u001b]52;c;ZXZpbA==\u0007', 'wipe\u001b[2J', 'abc\u202Eexe']],
      width: 120,
      compact: false,
      colors,
    });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
    expect(text).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(text).toContain('wipe\\u001B[2J');
    expect(text).toContain('abc\\u202Eexe');
  });

  test('colours only when enabled', () => {
    const coloured = renderTable({
      columns,
      rows,
      width: 80,
      compact: false,
      colors: createColors(true),
    });
    expect(coloured).toContain('\u001b[1m');
  });
});
