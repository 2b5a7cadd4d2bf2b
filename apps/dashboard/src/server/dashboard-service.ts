import type {
  MetaResponse,
  OverviewResponse,
  StatusResponse,
  TablesResponse,
  TimeseriesResponse,
} from '../shared/api-types';
import type { DashboardQuery } from './query-params';

/** What the HTTP layer asks of the data: every answer re-slices the table loaded at start. */
export interface DashboardService {
  /** Loading progress; always available. */
  status(): StatusResponse;
  /** Filter options and the loaded range. */
  meta(): MetaResponse;
  overview(query: DashboardQuery): Promise<OverviewResponse>;
  timeseries(query: DashboardQuery): Promise<TimeseriesResponse>;
  top(query: DashboardQuery): Promise<TablesResponse>;
  reconciliation(query: DashboardQuery): Promise<TablesResponse>;
  endpoints(query: DashboardQuery): Promise<TablesResponse>;
}

/** Thrown by data answers while the one-time load is still running. */
export class NotReadyError extends Error {
  override name = 'NotReadyError';
}
