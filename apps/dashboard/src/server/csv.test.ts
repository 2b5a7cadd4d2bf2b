import { describe, expect, test } from 'vitest';
import type { DataTable } from '../shared/api-types';
import { tableToCsv } from './csv';

describe('tableToCsv', () => {
  test('writes a header, exact money and neutralised names', () => {
    const table: DataTable = {
      id: 'top-projects',
      title: 'Top projects',
      columns: [
        { key: 'project_name', label: 'Project', kind: 'text' },
        { key: 'spend', label: 'Spend', kind: 'money' },
        { key: 'share', label: 'Share', kind: 'percent' },
      ],
      rows: [{ cells: ['=cmd|calc', 1_234_567, 0.25] }, { cells: ['Research', -500, null] }],
      notes: [],
    };
    expect(tableToCsv(table)).toBe(
      "project_name,spend,share\r\n'=cmd|calc,1.234567,0.25\r\nResearch,-0.0005,\r\n",
    );
  });
});
