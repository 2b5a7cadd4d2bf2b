import type { Report, ReportRow } from '@usagekit/report';
import type { DataTable, TablesResponse } from '../../shared/api-types';
import type { Grouping } from '../../shared/dashboard-query';
import type { DashboardContext } from '../dashboard-context';
import { dashboardReport } from '../dashboard-report';
import { labelOfKey, modelKey, valueKey } from '../labels';
import { describeMetric } from '../metric-descriptor';
import type { DashboardQuery } from '../query-params';
import { scopeOf, USAGE_DIMENSION } from '../query-scope';
import { previousRange } from '../time-range';

/** How many groups each table lists before the rest are folded into "Other". */
const TOP_ROWS = 50;

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

/** A group of a top table, keyed like the chart's series keys, or null for "Other". */
function keyOf(row: ReportRow, by: Grouping): string | null {
  if (row.row_kind === 'other') return null;
  const value = row.values[USAGE_DIMENSION[by]] ?? null;
  return by === 'model' ? modelKey(value, row.values.endpoint ?? null) : valueKey(value);
}

/** A group's figures, added over its report rows (a model served by two endpoints is one row). */
interface Group {
  readonly key: string | null;
  spend: number;
  tokens: number | null;
  requests: number | null;
}

function plus(left: number | null, right: number | null): number | null {
  return left === null && right === null ? null : (left ?? 0) + (right ?? 0);
}

/** The report's rows as groups, "Other" last. */
function groupsOf(report: Report, by: Grouping): Group[] {
  const groups = new Map<string | null, Group>();
  for (const row of report.rows) {
    const key = keyOf(row, by);
    const group = groups.get(key) ?? { key, spend: 0, tokens: null, requests: null };
    group.spend += row.estimated_cost;
    group.tokens = plus(
      group.tokens,
      plus(row.metrics.input_tokens ?? null, row.metrics.output_tokens ?? null),
    );
    group.requests = plus(group.requests, row.metrics.num_model_requests ?? null);
    groups.set(key, group);
  }
  return [...groups.values()].sort(
    (left, right) =>
      Number(left.key === null) - Number(right.key === null) ||
      right.spend - left.spend ||
      String(left.key).localeCompare(String(right.key)),
  );
}

/**
 * The "top" view: projects, users, API keys and models by estimated spend, with names (ids on
 * hover), share, tokens, requests and the change against the previous period of equal length.
 * Each table is two reports of `@usagekit/report`: the range's top groups by estimated spend
 * (the rest as "Other"), and the previous period by the same grouping.
 *
 * @param data The loaded data.
 * @param query The query (range and filters).
 *
 * @returns Four tables.
 */
export async function buildTop(
  data: DashboardContext,
  query: DashboardQuery,
): Promise<TablesResponse> {
  const scope = scopeOf(data, query);
  const before = { ...scope, range: previousRange(scope.range) };
  const tables = await Promise.all(
    TOP_TABLES.map(async (spec): Promise<DataTable> => {
      const dimension = USAGE_DIMENSION[spec.by];
      const dimensions = spec.by === 'model' ? [dimension, 'endpoint'] : [dimension];
      const [now, earlier] = await Promise.all([
        dashboardReport(data, query, scope, {
          grain: 'total',
          dimensions,
          top: { n: TOP_ROWS, metric: 'estimated_cost' },
        }),
        dashboardReport(data, query, before, { grain: 'total', dimensions }),
      ]);
      const previous = new Map(groupsOf(earlier, spec.by).map((group) => [group.key, group.spend]));
      const grand = now.totals.estimated_cost;
      const rows = scope.excluded
        ? []
        : groupsOf(now, spec.by).map((group) => {
            const label =
              group.key === null
                ? { label: 'Other', title: `groups beyond the top ${TOP_ROWS}` }
                : labelOfKey(data.names, dimension, group.key);
            const spentBefore = group.key === null ? 0 : (previous.get(group.key) ?? 0);
            return {
              cells: [
                label.label,
                group.spend,
                grand === 0 ? 0 : group.spend / grand,
                group.tokens,
                group.requests,
                spentBefore === 0 ? null : (group.spend - spentBefore) / spentBefore,
              ],
              titles: [label.title, null, null, null, null, null],
            };
          });
      return {
        id: spec.id,
        title: spec.title,
        columns: [
          { key: 'name', label: spec.name, kind: 'text' },
          { key: 'estimated_spend', label: 'Estimated spend', kind: 'money', estimated: true },
          { key: 'share', label: 'Share', kind: 'percent' },
          { key: 'tokens', label: 'Tokens (input + output)', kind: 'number', unit: 'tokens' },
          {
            key: 'requests',
            label: describeMetric('requests').label,
            kind: 'number',
            unit: describeMetric('requests').unit,
          },
          { key: 'change', label: 'Trend', kind: 'percent' },
        ],
        rows,
        notes: [
          'Trend: change in estimated spend against the previous period of the same length.',
          ...new Set([...now.notices, ...earlier.notices]),
        ],
      };
    }),
  );
  return { tables, warnings: [] };
}
