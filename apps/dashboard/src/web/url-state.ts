import {
  GRAINS,
  GROUPINGS,
  type Grain,
  type Grouping,
  RANGE_PRESETS,
  type RangePreset,
  VIEWS,
  type View,
} from '../shared/dashboard-query';

/** Everything that defines what the page shows; kept in the query string so it can be shared. */
export interface ViewState {
  view: View;
  range: RangePreset;
  from: string;
  to: string;
  org: string;
  project: string;
  model: string;
  by: Grouping;
  grain: Grain;
  tz: string;
  metric: string;
  endpoint: string;
}

const DEFAULTS: ViewState = {
  view: 'overview',
  range: '30d',
  from: '',
  to: '',
  org: '',
  project: '',
  model: '',
  by: 'model',
  grain: 'day',
  tz: 'UTC',
  metric: 'spend',
  endpoint: '',
};

function pick<TValue extends string>(
  values: readonly TValue[],
  value: string | null,
  fallback: TValue,
): TValue {
  return value !== null && (values as readonly string[]).includes(value)
    ? (value as TValue)
    : fallback;
}

/**
 * Reads the view state from a query string, falling back to defaults for missing or unknown
 * values (the server validates again).
 *
 * @param search `location.search`.
 *
 * @returns The state.
 */
export function readState(search: string): ViewState {
  const params = new URLSearchParams(search);
  const text = (name: keyof ViewState): string => params.get(name) ?? (DEFAULTS[name] as string);
  return {
    view: pick(VIEWS, params.get('view'), DEFAULTS.view),
    range: pick(RANGE_PRESETS, params.get('range'), DEFAULTS.range),
    from: text('from'),
    to: text('to'),
    org: text('org'),
    project: text('project'),
    model: text('model'),
    by: pick(GROUPINGS, params.get('by'), DEFAULTS.by),
    grain: pick(GRAINS, params.get('grain'), DEFAULTS.grain),
    tz: text('tz'),
    metric: text('metric'),
    endpoint: text('endpoint'),
  };
}

/**
 * Writes the state as a query string, leaving out defaults so shared links stay short.
 *
 * @param state The state.
 * @param keys Which fields to include. @default every field
 *
 * @returns The query string without `?`.
 */
export function writeState(
  state: ViewState,
  keys: readonly (keyof ViewState)[] = Object.keys(DEFAULTS) as (keyof ViewState)[],
): string {
  const params = new URLSearchParams();
  for (const key of keys) {
    const value = state[key];
    if (value !== DEFAULTS[key] && value !== '') params.set(key, value);
  }
  if (state.range !== 'custom') {
    params.delete('from');
    params.delete('to');
  }
  return params.toString();
}
