/** Ranges the filter bar offers; `custom` uses `from` and `to`. */
export const RANGE_PRESETS = ['7d', '30d', '90d', 'mtd', 'qtd', 'ytd', '365d', 'custom'] as const;

/** A range preset. */
export type RangePreset = (typeof RANGE_PRESETS)[number];

/** Dimensions a chart can be stacked by, as the URL names them. */
export const GROUPINGS = [
  'model',
  'project',
  'user',
  'key',
  'endpoint',
  'batch',
  'service_tier',
] as const;

/** A grouping. */
export type Grouping = (typeof GROUPINGS)[number];

/** Time grains of the charts. */
export const GRAINS = ['hour', 'day', 'week', 'month'] as const;

/** A time grain. */
export type Grain = (typeof GRAINS)[number];

/** The headline metrics every view offers; endpoint views add the registry's metric names. */
export const HEADLINE_METRICS = ['spend', 'billed', 'tokens', 'requests'] as const;

/** Views of the dashboard, as the URL names them. */
export const VIEWS = ['overview', 'time', 'top', 'reconcile', 'endpoints'] as const;

/** A view. */
export type View = (typeof VIEWS)[number];
