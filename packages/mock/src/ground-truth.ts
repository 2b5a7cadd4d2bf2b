import { assertParams, type EndpointName, getEndpoint, type MetricOf } from '@usagekit/schemas';
import { AMOUNT_UNITS_PER_USD } from './amount';
import { bucketWindow } from './bucket-plan';
import { filterRows } from './grouping';
import type { MockData } from './mock-data';
import { SECONDS_PER_DAY, SECONDS_PER_MINUTE } from './time';

/** The range and filters of a ground-truth query. */
export interface TotalsQuery {
  /** Start, inclusive. @unit Unix seconds */
  readonly start_time: number;
  /** End, exclusive. @default the mock's `now` @unit Unix seconds */
  readonly end_time?: number | undefined;
  /** Filter parameters of the endpoint, as in a query (`{ project_ids: ['proj_…'], batch: true }`). */
  readonly filters?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * Computes the mock's ground truth for a range directly from its engines, without buckets or
 * pages: usage metrics summed over every minute of the range (for level endpoints, the
 * time-weighted average level over the range, in whole bytes), costs summed over the whole UTC
 * days the range touches.
 *
 * @param data The mock's data.
 * @param name The endpoint.
 * @param query Range and filters.
 *
 * @returns Each metric's total.
 * @throws {InvalidParamsError} when a filter is unknown or invalid for the endpoint.
 */
export function groundTruthTotals<TName extends EndpointName>(
  data: MockData,
  name: TName,
  query: TotalsQuery,
): Readonly<Record<MetricOf<TName>, number>> {
  const endpoint = getEndpoint(name);
  const params = assertParams(name, {
    ...query.filters,
    start_time: query.start_time,
    end_time: query.end_time,
  }) as Readonly<Record<string, unknown>>;
  const end = query.end_time ?? data.organization.now;
  const totals = new Map<string, number>(endpoint.metrics.map((metric) => [metric.name, 0]));
  if (name === 'costs') {
    const window = bucketWindow('costs', SECONDS_PER_DAY, query.start_time, end);
    let amount = 0;
    let quantity = 0;
    for (let day = window.start / SECONDS_PER_DAY; day < window.end / SECONDS_PER_DAY; day++) {
      const rows = data.costs.day(day);
      const columns = new Map<string, readonly (string | null)[]>([
        ['project_id', rows.projectId],
        ['api_key_id', rows.apiKeyId],
        ['line_item', rows.lineItem],
      ]);
      const mask = filterRows(
        endpoint.filters,
        params,
        (dimension) => columns.get(dimension),
        rows.count,
      );
      for (let row = 0; row < rows.count; row++) {
        if (mask[row] === 0) continue;
        amount += rows.amountUnits[row] as number;
        quantity += rows.quantity[row] as number;
      }
    }
    totals.set('amount_value', amount / AMOUNT_UNITS_PER_USD);
    totals.set('quantity', quantity);
  } else {
    const engine = data.engine(name as Exclude<EndpointName, 'costs'>);
    const count = engine.componentCount;
    const mask = filterRows(
      endpoint.filters,
      params,
      (dimension) => engine.dimensions.get(dimension),
      engine.seriesCount,
    );
    const sums = new Float64Array(engine.seriesCount * count);
    const firstMinute = Math.ceil(query.start_time / SECONDS_PER_MINUTE);
    const endMinute = Math.ceil(end / SECONDS_PER_MINUTE);
    if (engine.level) engine.averageLevels(query.start_time, end, sums);
    else engine.accumulate(firstMinute, endMinute, sums);
    endpoint.metrics.forEach((metric, index) => {
      let total = 0;
      for (let series = 0; series < engine.seriesCount; series++) {
        if (mask[series] === 0) continue;
        for (const component of engine.metricComponents[index] as readonly number[]) {
          total += sums[series * count + component] as number;
        }
      }
      totals.set(metric.name, total);
    });
  }
  return Object.fromEntries(totals) as Record<MetricOf<TName>, number>;
}
