import {
  type EndpointName,
  endpoints,
  getEndpoint,
  type MetricField,
  usageEndpointNames,
} from '@usagekit/schemas';
import type { DataTable, TablesResponse } from '../../shared/api-types';
import type { DashboardContext } from '../dashboard-context';
import { labelOf } from '../labels';
import { describeMetric } from '../metric-descriptor';
import type { DashboardQuery } from '../query-params';
import { scopeOf } from '../query-scope';
import { sliceTable } from '../table-slice';

function groupingOf(name: EndpointName): string {
  const dimensions: readonly string[] = endpoints[name].dimensions;
  return dimensions.includes('model') ? 'model' : 'project_id';
}

/**
 * The endpoints view: one table per usage endpoint of the registry (images, audio, embeddings,
 * vector stores, code interpreter, file and web search, …) with every metric it reports, under
 * the registry's label and unit, and the estimated spend, by model (or by project where the
 * endpoint has no model). Stored bytes are the time-weighted average held over the range.
 *
 * @param data The loaded data.
 * @param query The query (range and filters).
 *
 * @returns One table per endpoint.
 */
export function buildEndpoints(data: DashboardContext, query: DashboardQuery): TablesResponse {
  const scope = scopeOf(data, query);
  const tables: DataTable[] = usageEndpointNames.map((name) => {
    const dimension = groupingOf(name);
    const fields: readonly MetricField[] = endpoints[name].metrics;
    const slice = sliceTable(data.usage, {
      now: data.now,
      grain: 'all',
      timeZone: 'UTC',
      range: scope.range,
      endpoints: [name],
      by: [dimension],
      include:
        dimension === 'model'
          ? scope.usageInclude
          : new Map([...scope.usageInclude].filter(([key]) => key !== 'model')),
      metrics: ['estimated_cost', ...fields.map((field) => field.name)],
    });
    const rows = scope.excluded
      ? []
      : slice.rows
          .map((row) => {
            const value = row.key[0] ?? null;
            const label =
              value === null && dimension === 'model'
                ? { label: getEndpoint(name).label, title: `${name}: no model` }
                : labelOf(data.names, dimension, value);
            return {
              cells: [label.label, ...row.sums],
              titles: [label.title, ...row.sums.map(() => null)],
            };
          })
          .sort(
            (left, right) =>
              ((right.cells[1] as number | null) ?? 0) - ((left.cells[1] as number | null) ?? 0),
          );
    const notes = [...slice.warnings];
    if (fields.some((field) => field.aggregation === 'level')) {
      notes.push('Stored bytes: the average held over the range, weighted by time (never summed).');
    }
    return {
      id: `endpoint-${name}`,
      title: getEndpoint(name).label,
      columns: [
        { key: dimension, label: dimension === 'model' ? 'Model' : 'Project', kind: 'text' },
        { key: 'estimated_spend', label: 'Estimated spend', kind: 'money', estimated: true },
        ...fields.map((field) => ({
          key: field.name,
          label: describeMetric(field.name).label,
          kind: 'number' as const,
          unit: field.unit,
        })),
      ],
      rows,
      notes,
    } satisfies DataTable;
  });
  return { tables, warnings: [] };
}
