import { describe, expect, test } from 'vitest';
import { createColors } from './colors';
import { renderTable } from './table';

const colors = createColors(false);
const columns = [
  { header: 'Project' },
  { header: 'Model' },
  { header: 'Input tokens', align: 'right' as const },
  { header: 'Characters', align: 'right' as const },
];
const rows = [
  ['Checkout service with a long name', 'gpt-4o-mini-2024-07-18', '1,234', '—'],
  ['Search', 'gpt-4o-mini-tts', '—', '99'],
];

describe('renderTable', () => {
  test('draws header, rows and a totals row, numbers right-aligned', () => {
    const text = renderTable({
      columns,
      rows,
      totals: ['Total', '', '1,234', '99'],
      width: 120,
      colors,
    });
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Project\s+Model\s+Input tokens\s+Characters$/);
    expect(lines.at(-1)).toMatch(/^Total\s+1,234\s+99$/);
    expect(lines[3]?.endsWith('   99')).toBe(true);
  });

  test('cuts the widest text columns first, keeping every column', () => {
    const text = renderTable({ columns, rows, width: 60, colors });
    const lines = text.trimEnd().split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
    expect(lines[0]).toMatch(/Input tokens\s+Characters$/);
    expect(text).toContain('…');
  });

  test('too narrow for every column: one record per row, every column and unit kept', () => {
    const text = renderTable({
      columns,
      rows,
      totals: ['Total', '', '1,234', '99'],
      width: 40,
      colors,
    });
    const lines = text.trimEnd().split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
    expect(lines.slice(0, 4)).toEqual([
      'Project       Checkout service with a l…',
      'Model         gpt-4o-mini-2024-07-18',
      'Input tokens  1,234',
      'Characters    —',
    ]);
    expect(lines[4]).toBe('');
    expect(lines.filter((line) => line.startsWith('Characters'))).toEqual([
      'Characters    —',
      'Characters    99',
      'Characters    99',
    ]);
    expect(lines.at(-4)).toBe('Project       Total');
  });

  test('neutralises control characters, escape sequences and bidi overrides in cells and titles', () => {
    const text = renderTable({
      title: 'title\u001b]0;x\u0007',
      columns,
      rows: [['\u001b]52;c;ZXZpbA==\u0007', 'wipe\u001b[2J', 'abc\u202Eexe', '1']],
      width: 120,
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
      colors: createColors(true),
    });
    expect(coloured).toContain('\u001b[1m');
  });
});
