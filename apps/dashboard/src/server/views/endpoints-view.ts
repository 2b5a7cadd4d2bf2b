import {
  type EndpointName,
  endpoints,
  getEndpoint,
  type MetricField,
  usageEndpointNames,
} from '@usagekit/schemas';
import type { DataTable, TablesResponse } from '../../shared/api-types';
import type { DashboardContext } from '../dashboard-context';
import { dashboardReport } from '../dashboard-report';
import { labelOf } from '../labels';
import { describeMetric } from '../metric-descriptor';
import type { DashboardQuery } from '../query-params';
import { scopeOf } from '../query-scope';

function groupingOf(name: EndpointName): string {
  const dimensions: readonly string[] = endpoints[name].dimensions;
  return dimensions.includes('model') ? 'model' : 'project_id';
}

/**
 * The endpoints view: one table per usage endpoint of the registry (images, audio, embeddings,
 * vector stores, code interpreter, file and web search, …) with every metric it reports, under
 * the registry's label and unit, and the estimated spend, by model (or by project where the
 * endpoint has no model), each answered by a report of `@usagekit/report` over the range. Stored
 * bytes are the time-weighted average held over the range.
 *
 * @param data The loaded data.
 * @param query The query (range and filters).
 *
 * @returns One table per endpoint.
 */
export async function buildEndpoints(
  data: DashboardContext,
  query: DashboardQuery,
): Promise<TablesResponse> {
  const scope = scopeOf(data, query);
  const tables = await Promise.all(
    usageEndpointNames.map(async (name): Promise<DataTable> => {
      const dimension = groupingOf(name);
      const fields: readonly MetricField[] = endpoints[name].metrics;
      const filtered =
        dimension === 'model'
          ? scope
          : {
              ...scope,
              usageInclude: new Map([...scope.usageInclude].filter(([key]) => key !== 'model')),
            };
      const report = await dashboardReport(data, query, filtered, {
        grain: 'total',
        dimensions: [dimension],
        endpoints: [name],
      });
      const rows = scope.excluded
        ? []
        : report.rows
            .map((row) => {
              const value = row.values[dimension] ?? null;
              const label =
                value === null && dimension === 'model'
                  ? { label: getEndpoint(name).label, title: `${name}: no model` }
                  : labelOf(data.names, dimension, value);
              const metrics = fields.map((field) => row.metrics[field.name] ?? null);
              return {
                cells: [label.label, row.estimated_cost, ...metrics],
                titles: [label.title, null, ...metrics.map(() => null)],
              };
            })
            .sort((left, right) => (right.cells[1] as number) - (left.cells[1] as number));
      const notes = [...report.notices];
      if (fields.some((field) => field.aggregation === 'level')) {
        notes.push(
          'Stored bytes: the average held over the range, weighted by time (never summed).',
        );
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
      };
    }),
  );
  return { tables, warnings: [] };
}
