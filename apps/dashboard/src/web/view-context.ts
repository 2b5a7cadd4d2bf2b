import type { MetaResponse } from '../shared/api-types';
import { formatCount, formatMoneyShort } from '../shared/format';
import type { ViewState } from './url-state';

/** What every view gets: the state, the data's metadata, and helpers bound to them. */
export interface ViewContext {
  readonly state: ViewState;
  readonly meta: MetaResponse;
  /** The query string for API calls of this view. */
  readonly query: string;
  /** Updates part of the state (and the URL), then re-renders. */
  readonly update: (change: Partial<ViewState>) => void;
  /** Registers a clean-up that runs before the next render. */
  readonly onDispose: (dispose: () => void) => void;
}

/** Metric names that are money, in micro-units. */
export const MONEY_METRICS = new Set(['spend', 'billed']);

/**
 * Picks the formatter of a metric.
 *
 * @param metric The metric name.
 * @param currency The currency of money metrics.
 *
 * @returns A function that formats values of that metric.
 */
export function formatterFor(metric: string, currency: string): (value: number) => string {
  return MONEY_METRICS.has(metric) ? (value) => formatMoneyShort(value, currency) : formatCount;
}

/**
 * The CSV link of a table in a view.
 *
 * @param context The view context.
 * @param view The view name.
 * @param tableId The table's id.
 *
 * @returns A same-origin URL.
 */
export function csvHref(context: ViewContext, view: string, tableId: string): string {
  const params = new URLSearchParams(context.query);
  params.set('view', view);
  params.set('table', tableId);
  return `/api/csv?${params.toString()}`;
}
