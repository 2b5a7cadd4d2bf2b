import type { DataTable, TablesResponse } from '../../shared/api-types';
import type { Grouping } from '../../shared/dashboard-query';
import type { DashboardContext } from '../dashboard-context';
import { labelOf } from '../labels';
import type { DashboardQuery } from '../query-params';
import {
  endpointsWithMetrics,
  estimateKeys,
  type QueryScope,
  scopeOf,
  USAGE_DIMENSION,
} from '../query-scope';
import { type SliceValue, sliceTable } from '../table-slice';
import { previousRange, type TimeRange } from '../time-range';

const TOP_TABLES: readonly {
  readonly by: Grouping;
  readonly id: string;
  readonly title: string;
  readonly name: string;
  /** Where the value sits in the estimate and usage group keys below. */
  readonly position: number;
}[] = [
  { by: 'project', id: 'top-projects', title: 'Top projects', name: 'Project', position: 0 },
  { by: 'user', id: 'top-users', title: 'Top users', name: 'User', position: 1 },
  { by: 'key', id: 'top-keys', title: 'Top API keys', name: 'API key', position: 2 },
  { by: 'model', id: 'top-models', title: 'Top models', name: 'Model', position: 3 },
];

const SPEND_GROUPING = ['project_id', 'user_id', 'api_key_id', 'line_item'];
const USAGE_GROUPING = ['project_id', 'user_id', 'api_key_id', 'model'];
const USAGE_METRICS = ['input_tokens', 'output_tokens', 'num_model_requests'];

/** Sums per top table, keyed like the chart's series keys (the JSON of the value). */
type Totals = Map<Grouping, Map<string, number>>;

function addTo(totals: Totals, by: Grouping, key: string, value: number): void {
  let map = totals.get(by);
  if (map === undefined) {
    map = new Map();
    totals.set(by, map);
  }
  map.set(key, (map.get(key) ?? 0) + value);
}

/** Estimated spend by project, user, key and model from one roll-up of the estimate table. */
function spendTotals(
  data: DashboardContext,
  range: TimeRange,
  include: QueryScope['estimateInclude'],
): Totals {
  const totals: Totals = new Map();
  const slice = sliceTable(data.estimates, {
    endpoints: ['costs'],
    by: SPEND_GROUPING,
    grain: 'all',
    timeZone: 'UTC',
    range,
    include,
    metrics: ['amount_value'],
  });
  for (const row of slice.rows) {
    const amount = row.sums[0] ?? 0;
    for (const spec of TOP_TABLES) {
      let value = row.key[spec.position] ?? null;
      if (spec.by === 'model')
        value = typeof value === 'string' ? estimateKeys.decode(value).model : null;
      addTo(totals, spec.by, JSON.stringify(value), amount);
    }
  }
  return totals;
}

/**
 * The "top" view: projects, users, API keys and models by estimated spend, with names (ids on
 * hover), share, tokens, requests and the change against the previous period of equal length.
 * Three roll-ups answer all four tables: spend now, spend before, and usage now.
 *
 * @param data The loaded data.
 * @param query The query (range and filters).
 *
 * @returns Four tables.
 */
export function buildTop(data: DashboardContext, query: DashboardQuery): TablesResponse {
  const scope = scopeOf(data, query);
  const spend = spendTotals(data, scope.range, scope.estimateInclude);
  const before = spendTotals(data, previousRange(scope.range), scope.estimateInclude);
  const tokens: Totals = new Map();
  const requests: Totals = new Map();
  const usage = sliceTable(data.usage, {
    endpoints: endpointsWithMetrics(USAGE_METRICS),
    by: USAGE_GROUPING,
    grain: 'all',
    timeZone: 'UTC',
    range: scope.range,
    include: scope.usageInclude,
    metrics: USAGE_METRICS,
  });
  for (const row of usage.rows) {
    for (const spec of TOP_TABLES) {
      const key = JSON.stringify(row.key[spec.position] ?? null);
      addTo(tokens, spec.by, key, (row.sums[0] ?? 0) + (row.sums[1] ?? 0));
      addTo(requests, spec.by, key, row.sums[2] ?? 0);
    }
  }
  const tables: DataTable[] = TOP_TABLES.map((spec) => {
    const dimension = USAGE_DIMENSION[spec.by];
    const spent = spend.get(spec.by) ?? new Map<string, number>();
    const earlier = before.get(spec.by) ?? new Map<string, number>();
    const used = tokens.get(spec.by) ?? new Map<string, number>();
    const asked = requests.get(spec.by) ?? new Map<string, number>();
    const keys = new Set([...spent.keys(), ...used.keys()]);
    const grand = [...spent.values()].reduce((sum, value) => sum + value, 0);
    const rows = scope.excluded
      ? []
      : [...keys]
          .map((key) => ({ key, amount: spent.get(key) ?? 0 }))
          .sort((left, right) => right.amount - left.amount || left.key.localeCompare(right.key))
          .slice(0, 50)
          .map(({ key, amount }) => {
            const label = labelOf(data.names, dimension, JSON.parse(key) as SliceValue);
            const previous = earlier.get(key) ?? 0;
            return {
              cells: [
                label.label,
                Math.round(amount),
                grand === 0 ? 0 : amount / grand,
                used.get(key) ?? 0,
                asked.get(key) ?? 0,
                previous === 0 ? null : (amount - previous) / previous,
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
