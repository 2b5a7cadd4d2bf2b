import type { DataTable, TablesResponse } from '../../shared/api-types';
import type { Grouping } from '../../shared/dashboard-query';
import type { DashboardContext } from '../dashboard-context';
import { labelOfKey, modelKey, valueKey } from '../labels';
import { describeMetric } from '../metric-descriptor';
import type { DashboardQuery } from '../query-params';
import { type QueryScope, scopeOf, USAGE_DIMENSION } from '../query-scope';
import { sliceTable } from '../table-slice';
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

/** Every top table's dimension, in the order of {@link TOP_TABLES}' positions. */
const GROUPING = ['project_id', 'user_id', 'api_key_id', 'model', 'endpoint'];
const METRICS = ['estimated_cost', 'input_tokens', 'output_tokens', 'num_model_requests'];

/** Sums per top table, keyed like the chart's series keys (the JSON of the value). */
type Totals = Map<Grouping, Map<string, number | null>>;

/** Adds a value to a key's total; unmeasured (null) stays null until something is measured. */
function addTo(totals: Totals, by: Grouping, key: string, value: number | null): void {
  let map = totals.get(by);
  if (map === undefined) {
    map = new Map();
    totals.set(by, map);
  }
  const known = map.get(key) ?? null;
  map.set(key, value === null ? known : (known ?? 0) + value);
}

/** Estimated spend, tokens and requests by project, user, key and model, from one roll-up. */
function totalsOf(
  data: DashboardContext,
  range: TimeRange,
  include: QueryScope['usageInclude'],
): { spend: Totals; tokens: Totals; requests: Totals } {
  const spend: Totals = new Map();
  const tokens: Totals = new Map();
  const requests: Totals = new Map();
  const slice = sliceTable(data.usage, {
    now: data.now,
    endpoints: data.usage.endpoints(),
    by: GROUPING,
    grain: 'all',
    timeZone: 'UTC',
    range,
    include,
    metrics: METRICS,
  });
  for (const row of slice.rows) {
    const [cost, input, output, asked] = row.sums;
    const tokenCount = input === null && output === null ? null : (input ?? 0) + (output ?? 0);
    for (const spec of TOP_TABLES) {
      const value = row.key[spec.position] ?? null;
      const key = spec.by === 'model' ? modelKey(value, row.key[4] ?? null) : valueKey(value);
      addTo(spend, spec.by, key, cost ?? null);
      addTo(tokens, spec.by, key, tokenCount);
      addTo(requests, spec.by, key, asked ?? null);
    }
  }
  return { spend, tokens, requests };
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
  const { spend, tokens, requests } = totalsOf(data, scope.range, scope.usageInclude);
  const before = totalsOf(data, previousRange(scope.range), scope.usageInclude).spend;
  const tables: DataTable[] = TOP_TABLES.map((spec) => {
    const dimension = USAGE_DIMENSION[spec.by];
    const spent = spend.get(spec.by) ?? new Map<string, number | null>();
    const earlier = before.get(spec.by) ?? new Map<string, number | null>();
    const used = tokens.get(spec.by) ?? new Map<string, number | null>();
    const asked = requests.get(spec.by) ?? new Map<string, number | null>();
    const keys = new Set([...spent.keys(), ...used.keys()]);
    const grand = [...spent.values()].reduce<number>((sum, value) => sum + (value ?? 0), 0);
    const rows = scope.excluded
      ? []
      : [...keys]
          .map((key) => ({ key, amount: spent.get(key) ?? 0 }))
          .sort((left, right) => right.amount - left.amount || left.key.localeCompare(right.key))
          .slice(0, 50)
          .map(({ key, amount }) => {
            const label = labelOfKey(data.names, dimension, key);
            const previous = earlier.get(key) ?? 0;
            return {
              cells: [
                label.label,
                Math.round(amount),
                grand === 0 ? 0 : amount / grand,
                used.get(key) ?? null,
                asked.get(key) ?? null,
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
      notes: ['Trend: change in estimated spend against the previous period of the same length.'],
    } satisfies DataTable;
  });
  return { tables, warnings: [] };
}
