import type { DataTable, TablesResponse } from '../shared/api-types';
import { tableToCsv } from './csv';
import type { DashboardService } from './dashboard-service';
import type { DashboardQuery } from './query-params';

/** What an API route answers. */
export type ApiAnswer =
  | { readonly kind: 'json'; readonly body: unknown }
  | { readonly kind: 'csv'; readonly body: string; readonly fileName: string };

async function tablesOf(service: DashboardService, query: DashboardQuery): Promise<TablesResponse> {
  switch (query.view) {
    case 'overview':
      return { tables: (await service.overview(query)).tables, warnings: [] };
    case 'time': {
      const answer = await service.timeseries(query);
      return { tables: answer.tables, warnings: answer.warnings };
    }
    case 'top':
      return service.top(query);
    case 'reconcile':
      return service.reconciliation(query);
    case 'endpoints':
      return service.endpoints(query);
  }
}

/**
 * Answers one API route from the service.
 *
 * @param service The data.
 * @param route The request's path.
 * @param query The validated query.
 *
 * @returns The answer, or null when there is no such route or table.
 */
export async function answerApi(
  service: DashboardService,
  route: string,
  query: DashboardQuery,
): Promise<ApiAnswer | null> {
  switch (route) {
    case '/api/status':
      return { kind: 'json', body: service.status() };
    case '/api/meta':
      return { kind: 'json', body: service.meta() };
    case '/api/overview':
      return { kind: 'json', body: await service.overview(query) };
    case '/api/timeseries':
      return { kind: 'json', body: await service.timeseries(query) };
    case '/api/top':
      return { kind: 'json', body: await service.top(query) };
    case '/api/reconciliation':
      return { kind: 'json', body: await service.reconciliation(query) };
    case '/api/endpoints':
      return { kind: 'json', body: await service.endpoints(query) };
    case '/api/csv': {
      const tables = (await tablesOf(service, query)).tables;
      const table: DataTable | undefined =
        query.table === undefined ? tables[0] : tables.find((each) => each.id === query.table);
      if (table === undefined) return null;
      return { kind: 'csv', body: tableToCsv(table), fileName: `${table.id}.csv` };
    }
    default:
      return null;
  }
}
