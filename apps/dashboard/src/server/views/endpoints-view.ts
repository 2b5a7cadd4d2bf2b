import { type EndpointName, endpoints, usageEndpointNames } from '@usagekit/schemas';
import type { DataTable, TablesResponse } from '../../shared/api-types';
import type { DashboardContext } from '../dashboard-context';
import { labelOf } from '../labels';
import type { DashboardQuery } from '../query-params';
import { estimateKeys, scopeOf } from '../query-scope';
import { sliceTable } from '../table-slice';

const TITLES: Readonly<Record<string, string>> = {
  completions: 'Completions',
  embeddings: 'Embeddings',
  moderations: 'Moderations',
  images: 'Images',
  audio_speeches: 'Audio: speech (TTS)',
  audio_transcriptions: 'Audio: transcriptions',
  vector_stores: 'Vector stores',
  code_interpreter_sessions: 'Code interpreter sessions',
  file_search_calls: 'File search calls',
  web_search_calls: 'Web search calls',
  decisions: 'Decisions',
};

/** Bytes in one GiB. */
const GIB = 1024 ** 3;

function groupingOf(name: EndpointName): string {
  const dimensions: readonly string[] = endpoints[name].dimensions;
  return dimensions.includes('model') ? 'model' : 'project_id';
}

/**
 * The endpoints view: one table per usage endpoint of the registry (images, audio, embeddings,
 * vector stores, code interpreter, file and web search, …) with every metric it reports and the
 * estimated spend, by model (or by project where the endpoint has no model).
 *
 * @param data The loaded data.
 * @param query The query (range and filters).
 *
 * @returns One table per endpoint.
 */
export function buildEndpoints(data: DashboardContext, query: DashboardQuery): TablesResponse {
  const scope = scopeOf(data, query);
  const common = { grain: 'all' as const, timeZone: 'UTC', range: scope.range };
  const spendSlice = sliceTable(data.estimates, {
    ...common,
    endpoints: ['costs'],
    by: ['line_item', 'project_id'],
    include: scope.estimateInclude,
    metrics: ['amount_value'],
  });
  const spend = new Map<string, number>();
  for (const row of spendSlice.rows) {
    const encoded = row.key[0];
    if (typeof encoded !== 'string') continue;
    const decoded = estimateKeys.decode(encoded);
    const group = groupingOf(decoded.endpoint) === 'model' ? decoded.model : (row.key[1] ?? null);
    const key = JSON.stringify([decoded.endpoint, group]);
    spend.set(key, (spend.get(key) ?? 0) + (row.sums[0] ?? 0));
  }
  const tables: DataTable[] = usageEndpointNames.map((name) => {
    const dimension = groupingOf(name);
    const metrics = endpoints[name].metrics.map((metric) => metric.name);
    const slice = sliceTable(data.usage, {
      ...common,
      endpoints: [name],
      by: [dimension],
      include:
        dimension === 'model'
          ? scope.usageInclude
          : new Map([...scope.usageInclude].filter(([key]) => key !== 'model')),
      metrics,
    });
    // usage_bytes is a level reported per hourly bucket: its sum is byte-hours, so show the
    // average held over the covered hours instead.
    const levelIndex = name === 'vector_stores' ? metrics.indexOf('usage_bytes') : -1;
    const coveredHours = Math.max(
      1,
      (Math.min(scope.range.end, data.now) - Math.max(scope.range.start, data.startTime)) / 3600,
    );
    const rows = scope.excluded
      ? []
      : slice.rows
          .map((row) => {
            const value = row.key[0] ?? null;
            const label = labelOf(data.names, dimension, value);
            const amount = spend.get(JSON.stringify([name, value]));
            const sums = row.sums.map((sum, index) =>
              index === levelIndex ? Math.round((sum / coveredHours / GIB) * 1000) / 1000 : sum,
            );
            return {
              cells: [label.label, amount === undefined ? null : Math.round(amount), ...sums],
              titles: [label.title, null, ...row.sums.map(() => null)],
            };
          })
          .sort(
            (left, right) =>
              ((right.cells[1] as number | null) ?? 0) - ((left.cells[1] as number | null) ?? 0),
          );
    const notes = [...slice.warnings];
    if (levelIndex >= 0) notes.push('GiB held: the average of the hourly levels over the range.');
    return {
      id: `endpoint-${name}`,
      title: TITLES[name] ?? name,
      columns: [
        { key: dimension, label: dimension === 'model' ? 'Model' : 'Project', kind: 'text' },
        { key: 'estimated_spend', label: 'Est. spend', kind: 'money' },
        ...metrics.map((metric, index) => ({
          key: index === levelIndex ? 'average_gib_held' : metric,
          label: index === levelIndex ? 'avg GiB held' : metric.replaceAll('_', ' '),
          kind: 'number' as const,
        })),
      ],
      rows,
      notes,
    } satisfies DataTable;
  });
  return { tables, warnings: [] };
}
