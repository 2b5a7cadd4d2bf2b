import { metricInfo } from '@usagekit/schemas';
import { describe, expect, test } from 'vitest';
import { metricColumns } from './metric-columns';

const metrics = [
  metricInfo('input_tokens'),
  metricInfo('input_cached_tokens'),
  metricInfo('characters'),
  metricInfo('images'),
  metricInfo('usage_bytes'),
];

describe('metricColumns', () => {
  test('headers are the registry labels, types follow the units', () => {
    const columns = metricColumns(metrics, {
      input_tokens: 10,
      input_cached_tokens: 4,
      characters: 0,
      images: null,
      usage_bytes: 2048,
    });
    expect(columns.map((column) => [column.key, column.header, column.type])).toEqual([
      ['input_tokens', 'Input tokens', 'count'],
      ['input_cached_tokens', 'Cached input tokens', 'count'],
      ['characters', 'Characters', 'count'],
      ['images', 'Images', 'count'],
      ['usage_bytes', 'Stored bytes', 'bytes'],
    ]);
  });

  test('tables show top-level counters that something measured; JSON/CSV show all', () => {
    const columns = metricColumns(metrics, {
      input_tokens: 10,
      input_cached_tokens: 4,
      characters: 0,
      images: null,
      usage_bytes: 2048,
    });
    const inTables = columns.filter((column) => column.machineOnly !== true);
    // Cached input tokens are within input tokens; nothing measured images; a measured 0 shows.
    expect(inTables.map((column) => column.key)).toEqual([
      'input_tokens',
      'characters',
      'usage_bytes',
    ]);
  });

  test('a metric the report does not take from the registry stays out of tables', () => {
    const [column] = metricColumns(
      [
        {
          name: 'usage_bytes_seconds',
          unit: 'bytes-seconds',
          label: 'Stored bytes × seconds held',
        },
      ],
      { usage_bytes_seconds: 1 },
    );
    expect(column?.machineOnly).toBe(true);
  });
});
