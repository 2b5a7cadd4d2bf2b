import type { TablesResponse } from '../../shared/api-types';
import { getJson } from '../api';
import { element } from '../dom';
import { renderTable } from '../table-view';
import { csvHref, type ViewContext } from '../view-context';

/** The table-only views and the API route that feeds each. */
export const TABLE_ROUTES = {
  top: '/api/top',
  reconcile: '/api/reconciliation',
  endpoints: '/api/endpoints',
} as const;

/**
 * Renders a view made of server tables: top lists, estimate against bill, endpoints.
 *
 * @param container Where to render.
 * @param context The view context.
 * @param view Which table view.
 */
export async function renderTablesView(
  container: HTMLElement,
  context: ViewContext,
  view: keyof typeof TABLE_ROUTES,
): Promise<void> {
  const answer = await getJson<TablesResponse>(TABLE_ROUTES[view], context.query);
  container.replaceChildren(
    ...answer.warnings.map((warning) => element('p', { className: 'warning', text: warning })),
    element(
      'div',
      { className: view === 'top' ? 'grid-2 grid-wide' : 'stack' },
      answer.tables.map((table) =>
        renderTable(table, {
          currency: context.meta.currency,
          csvHref: csvHref(context, view, table.id),
        }),
      ),
    ),
  );
}
