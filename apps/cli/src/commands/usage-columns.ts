import type { GroupRow } from '../data/group-row';
import { NAMED_DIMENSIONS, type NameLookup } from '../data/name-lookup';
import type { DocumentColumn, DocumentRow } from '../output/document';

const dimensionHeaders = new Map<string, string>([
  ['organization', 'Org'],
  ['endpoint', 'Endpoint'],
  ['project_id', 'Project'],
  ['user_id', 'User'],
  ['api_key_id', 'API key'],
  ['model', 'Model'],
  ['batch', 'Batch'],
  ['service_tier', 'Tier'],
  ['api_source', 'Source'],
  ['line_item', 'Line item'],
]);

/** Metrics shown in tables (when any row has them), with short headers; others are JSON/CSV only. */
export const TABLE_METRICS: ReadonlyMap<
  string,
  { header: string; optional: boolean; bytes?: boolean }
> = new Map([
  ['num_model_requests', { header: 'Requests', optional: false }],
  ['input_tokens', { header: 'Input', optional: false }],
  ['input_cached_tokens', { header: 'Cached', optional: true }],
  ['output_tokens', { header: 'Output', optional: false }],
  ['images', { header: 'Images', optional: true }],
  ['characters', { header: 'Chars', optional: true }],
  ['seconds', { header: 'Seconds', optional: true }],
  ['num_requests', { header: 'Calls', optional: true }],
  ['num_sessions', { header: 'Sessions', optional: true }],
  ['usage_bytes', { header: 'Storage', optional: true, bytes: true }],
]);

/**
 * The columns of a dimension: the id column (machine), and beside it `*_name` when the
 * directory resolves names; tables show the name, or the id when there is none.
 *
 * @param dimension The registry name.
 *
 * @returns The columns.
 */
export function dimensionColumns(dimension: string): DocumentColumn[] {
  const header = dimensionHeaders.get(dimension) ?? dimension.replace(/_/g, ' ');
  const naming = NAMED_DIMENSIONS.get(dimension);
  if (naming === undefined) {
    if (dimension === 'batch') return [{ key: dimension, header, type: 'flag' }];
    return [
      {
        key: dimension,
        header,
        type: 'text',
        tableText: (row) => {
          const value = row[dimension];
          return value === null || value === undefined ? '(none)' : String(value);
        },
      },
    ];
  }
  return [
    { key: dimension, header: `${header} id`, type: 'text', machineOnly: true },
    {
      key: naming.nameField,
      header,
      type: 'text',
      tableText: (row) => {
        const name = row[naming.nameField];
        const id = row[dimension];
        if (typeof name === 'string') return name;
        return id === null || id === undefined ? '(none)' : String(id);
      },
    },
  ];
}

/**
 * Converts a rolled-up row to a document row: ids with names beside them, metrics by the API's
 * names, the cost in micro-units.
 *
 * @param row The rolled-up row.
 * @param dimensions The dimensions shown.
 * @param names The id → name lookup.
 *
 * @returns The document row (a null-prototype object: ids never reach a prototype).
 */
export function documentRow(
  row: GroupRow,
  dimensions: readonly string[],
  names: NameLookup | undefined,
): Record<string, DocumentRow[string]> {
  const record: Record<string, DocumentRow[string]> = Object.create(null);
  record.period_start = row.periodStart;
  record.period_end = row.periodEnd;
  for (const dimension of dimensions) {
    const value = row.other === true ? 'other' : (row.dimensions.get(dimension) ?? null);
    record[dimension] = value;
    const naming = NAMED_DIMENSIONS.get(dimension);
    if (naming !== undefined) {
      record[naming.nameField] =
        typeof value === 'string' && row.other !== true && names !== undefined
          ? names.name(naming.kind, value)
          : row.other === true
            ? '(other)'
            : null;
    }
  }
  for (const [metric, value] of row.metrics) record[metric] = value;
  if (row.estimatedMicros !== undefined) record.estimated_cost = row.estimatedMicros;
  if (row.unpriced !== undefined) record.unpriced = row.unpriced;
  return record;
}
