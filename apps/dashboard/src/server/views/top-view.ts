import type { DataTable, TablesResponse } from '../../shared/api-types';
import type { Grouping } from '../../shared/dashboard-query';
import type { DashboardContext } from '../dashboard-context';
import type { DashboardQuery } from '../query-params';
import { scopeOf } from '../query-scope';
import { previousRange } from '../time-range';
import { sliceMetric } from './timeseries-view';

const TOP_TABLES: readonly {
  readonly by: Grouping;
  readonly id: string;
  readonly title: string;
  readonly name: string;
}[] = [
  { by: 'project', id: 'top-projects', title: 'Top projects', name: 'Project' },
  { by: 'user', id: 'top-users', title: 'Top users', name: 'User' },
  { by: 'key', id: 'top-keys', title: 'Top API keys', name: 'API key' },
  { by: 'model', id: 'top-models', title: 'Top models', name: 'Model' },
];

function totalsByKey(
  data: DashboardContext,
  query: DashboardQuery,
): { totals: Map<string, number>; label: (key: string) => { label: string; title: string } } {
  const { slice, mapping } = sliceMetric(data, query, 'all');
  const totals = new Map<string, number>();
  for (const row of slice.rows) {
    const key = mapping.keyOf(row);
    totals.set(key, (totals.get(key) ?? 0) + mapping.valueOf(row.sums));
  }
  return { totals, label: mapping.labelOf };
}

/**
 * The "top" view: projects, users, API keys and models by estimated spend, with names (ids on
 * hover), share, tokens, requests and the change against the previous period of equal length.
 *
 * @param data The loaded data.
 * @param query The query (range and filters).
 *
 * @returns Four tables.
 */
export function buildTop(data: DashboardContext, query: DashboardQuery): TablesResponse {
  const scope = scopeOf(data, query);
  const previous = previousRange(scope.range);
  const previousQuery: DashboardQuery = {
    ...query,
    range: 'custom',
    from: new Date(previous.start * 1000).toISOString().slice(0, 10),
    to: new Date((previous.end - 1) * 1000).toISOString().slice(0, 10),
  };
  const tables: DataTable[] = TOP_TABLES.map((spec) => {
    const spend = totalsByKey(data, { ...query, by: spec.by, metric: 'spend' });
    const tokens = totalsByKey(data, { ...query, by: spec.by, metric: 'tokens' }).totals;
    const requests = totalsByKey(data, { ...query, by: spec.by, metric: 'requests' }).totals;
    const before = totalsByKey(data, { ...previousQuery, by: spec.by, metric: 'spend' }).totals;
    const keys = new Set([...spend.totals.keys(), ...tokens.keys()]);
    const grand = [...spend.totals.values()].reduce((sum, value) => sum + value, 0);
    const rows = scope.excluded
      ? []
      : [...keys]
          .map((key) => ({ key, spend: spend.totals.get(key) ?? 0 }))
          .sort((left, right) => right.spend - left.spend || left.key.localeCompare(right.key))
          .slice(0, 50)
          .map(({ key, spend: amount }) => {
            const label = spend.label(key);
            const earlier = before.get(key) ?? 0;
            return {
              cells: [
                label.label,
                Math.round(amount),
                grand === 0 ? 0 : amount / grand,
                tokens.get(key) ?? 0,
                requests.get(key) ?? 0,
                earlier === 0 ? null : (amount - earlier) / earlier,
              ],
              titles: [label.title, null, null, null, null, null],
            };
          });
    return {
      id: spec.id,
      title: spec.title,
      columns: [
        { key: 'name', label: spec.name, kind: 'text' },
        { key: 'estimated_spend', label: 'Est. spend', kind: 'money' },
        { key: 'share', label: 'Share', kind: 'percent' },
        { key: 'tokens', label: 'Tokens', kind: 'number' },
        { key: 'requests', label: 'Requests', kind: 'number' },
        { key: 'change', label: 'Trend', kind: 'percent' },
      ],
      rows,
      notes: ['Trend: change in estimated spend against the previous period of the same length.'],
    } satisfies DataTable;
  });
  return { tables, warnings: [] };
}
