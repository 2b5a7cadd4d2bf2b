import {
  dimensionInfo,
  type EndpointName,
  getEndpoint,
  isDimensionName,
  isEndpointName,
} from '@usagekit/schemas';
import type { GroupRow } from '../data/group-row';
import { NAMED_DIMENSIONS, type NameLookup } from '../data/name-lookup';
import type { DocumentColumn, DocumentRow } from '../output/document';

/** The two dimensions a report adds to the registry's: where a row comes from. */
const SOURCE_DIMENSION_LABELS: ReadonlyMap<string, string> = new Map([
  ['organization', 'Organization'],
  ['endpoint', 'Endpoint'],
]);

function dimensionLabel(dimension: string): string {
  return (
    SOURCE_DIMENSION_LABELS.get(dimension) ??
    (isDimensionName(dimension) ? dimensionInfo(dimension).label : dimension)
  );
}

/**
 * What a row without a value of a dimension is: the endpoints in it that do not report the
 * dimension ("Vector storage, File search calls" for a row without a model), else "no <label>"
 * (an org-level charge has no project).
 */
function missingValueText(
  dimension: string,
  row: DocumentRow,
  endpoints: readonly EndpointName[],
): string {
  const without = endpoints.filter((endpoint) => {
    const definition = getEndpoint(endpoint);
    return (
      !(definition.dimensions as readonly string[]).includes(dimension) &&
      definition.metrics.some((metric) => typeof row[metric.name] === 'number')
    );
  });
  if (without.length > 0) return without.map((endpoint) => getEndpoint(endpoint).label).join(', ');
  return `(no ${dimensionLabel(dimension).toLowerCase()})`;
}

function valueText(dimension: string, value: DocumentRow[string]): string {
  if (dimension === 'endpoint' && typeof value === 'string' && isEndpointName(value))
    return getEndpoint(value).label;
  return String(value);
}

/**
 * The columns of a dimension, headed by its registry label: the id column (machine), and beside
 * it `*_name` when the directory resolves names; tables show the name, or the id when there is
 * none. A row without a value says what it is instead of "(none)".
 *
 * @param dimension The registry name, `endpoint` or `organization`.
 * @param endpoints The endpoints the rows come from (to name rows without a value).
 *
 * @returns The columns.
 */
export function dimensionColumns(
  dimension: string,
  endpoints: readonly EndpointName[] = [],
): DocumentColumn[] {
  const header = dimensionLabel(dimension);
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
          return value === null || value === undefined
            ? missingValueText(dimension, row, endpoints)
            : valueText(dimension, value);
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
        return id === null || id === undefined
          ? missingValueText(dimension, row, endpoints)
          : String(id);
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
