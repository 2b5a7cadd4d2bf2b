import { describe, expect, test } from 'vitest';
import type { DocumentRow } from '../output/document';
import { dimensionColumns } from './usage-columns';

function tableText(dimension: string, row: DocumentRow, endpoints = [] as const) {
  const column = dimensionColumns(dimension, endpoints).find((each) => each.machineOnly !== true);
  return { header: column?.header, text: column?.tableText?.(row) };
}

describe('dimensionColumns', () => {
  test('headers are the registry labels', () => {
    expect(dimensionColumns('api_key_id').map((column) => column.header)).toEqual([
      'API key id',
      'API key',
    ]);
    expect(dimensionColumns('service_tier')[0]?.header).toBe('Service tier');
    expect(dimensionColumns('organization')[0]?.header).toBe('Organization');
  });

  test('a row without a model says which endpoints it holds, from what it measured', () => {
    const [column] = dimensionColumns('model', [
      'completions',
      'vector_stores',
      'code_interpreter_sessions',
      'file_search_calls',
    ]);
    expect(column?.tableText?.({ model: null, usage_bytes: 1024, num_sessions: 3 })).toBe(
      'Vector storage, Code interpreter sessions',
    );
    expect(column?.tableText?.({ model: null, num_requests: 0 })).toBe('File search calls');
    expect(column?.tableText?.({ model: 'gpt-4o', input_tokens: 5 })).toBe('gpt-4o');
  });

  test('a row without a value of a dimension its endpoints have reads "(no ...)", never "(none)"', () => {
    expect(tableText('project_id', { project_id: null, amount_value: 5 }).text).toBe(
      '(no project)',
    );
  });

  test('endpoints show their labels in tables and their names in JSON', () => {
    const [column] = dimensionColumns('endpoint');
    expect(column?.tableText?.({ endpoint: 'audio_speeches' })).toBe('Audio: speech');
    expect(column?.key).toBe('endpoint');
  });
});
