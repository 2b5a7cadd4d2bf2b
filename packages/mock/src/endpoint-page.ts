import { type EndpointName, getEndpoint } from '@usagekit/schemas';
import { type BucketPlan, bucketWindow, isBucketStart, planPage } from './bucket-plan';
import { AMOUNT_UNITS_PER_USD } from './costs-engine';
import { decodeCursor, encodeCursor } from './cursor';
import { type ColumnReader, filterRows, groupRows } from './grouping';
import { hashText } from './hash';
import type { MockData } from './mock-data';
import { SECONDS_PER_DAY, SECONDS_PER_MINUTE } from './time';

/** A page as JSON text, or the parameter that made it impossible. */
export type PageOutcome =
  | { readonly ok: true; readonly body: string }
  | { readonly ok: false; readonly param: string; readonly message: string };

/** Validated query parameters of any endpoint. */
export type PageParams = Readonly<Record<string, unknown>> & {
  readonly start_time: number;
  readonly end_time?: number | undefined;
  readonly bucket_width?: string | undefined;
  readonly limit?: number | undefined;
  readonly page?: string | undefined;
  readonly group_by?: readonly string[] | undefined;
};

function fingerprintOf(secret: number, name: string, params: PageParams): number {
  const entries = Object.entries(params)
    .filter(([key, value]) => key !== 'page' && value !== undefined)
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
  return hashText(secret, `${name}?${JSON.stringify(entries)}`);
}

function bucketJson(start: number, end: number, results: string[]): string {
  return `{"object":"bucket","start_time":${start},"end_time":${end},"results":[${results.join(',')}]}`;
}

function usageBuckets(
  data: MockData,
  name: Exclude<EndpointName, 'costs'>,
  params: PageParams,
  plan: BucketPlan,
): string[] {
  const endpoint = getEndpoint(name);
  const engine = data.engine(name);
  const seriesCount = engine.seriesCount;
  const count = engine.componentCount;
  const column: ColumnReader = (dimension) => engine.dimensions.get(dimension);
  const mask = filterRows(endpoint.filters, params, column, seriesCount);
  const grouping = groupRows(endpoint.dimensions, params.group_by ?? [], column, mask);
  const groupCount = grouping.groupCount;
  const prefix = `{"object":"${endpoint.resultObject}"`;
  const metricKeys = endpoint.metrics.map((metric) => `,"${metric.name}":`);
  const dimensionKeys = endpoint.dimensions.map((dimension) => `,"${dimension}":`);
  const metricComponents = engine.metricComponents;
  const sums = new Float64Array(seriesCount * count);
  const groupSums = new Float64Array(groupCount * count);
  const active = new Uint8Array(groupCount);
  const buckets: string[] = [];
  for (let index = 0; index < plan.starts.length; index++) {
    const start = plan.starts[index] as number;
    const end = plan.ends[index] as number;
    const firstMinute = Math.ceil(start / SECONDS_PER_MINUTE);
    const endMinute = Math.ceil(end / SECONDS_PER_MINUTE);
    sums.fill(0);
    if (engine.level) {
      const lastMinute = Math.min(endMinute, engine.nowMinute) - 1;
      if (lastMinute >= Math.max(firstMinute, engine.startMinute)) engine.levelAt(lastMinute, sums);
    } else {
      engine.accumulate(firstMinute, endMinute, sums);
    }
    groupSums.fill(0);
    active.fill(0);
    for (let series = 0; series < seriesCount; series++) {
      const group = grouping.groupOf[series] as number;
      if (group < 0) continue;
      const source = series * count;
      const target = group * count;
      for (let component = 0; component < count; component++) {
        const value = sums[source + component] as number;
        if (value === 0) continue;
        groupSums[target + component] = (groupSums[target + component] as number) + value;
        active[group] = 1;
      }
    }
    const results: string[] = [];
    for (let group = 0; group < groupCount; group++) {
      if (active[group] === 0) continue;
      let json = prefix;
      const base = group * count;
      for (let metric = 0; metric < metricKeys.length; metric++) {
        const components = metricComponents[metric] as readonly number[];
        let value = 0;
        for (let part = 0; part < components.length; part++) {
          value += groupSums[base + (components[part] as number)] as number;
        }
        json += (metricKeys[metric] as string) + value;
      }
      const values = grouping.groupJson[group] as readonly string[];
      for (let dimension = 0; dimension < dimensionKeys.length; dimension++) {
        json += (dimensionKeys[dimension] as string) + (values[dimension] as string);
      }
      results.push(`${json}}`);
    }
    buckets.push(bucketJson(start, end, results));
  }
  return buckets;
}

function costsBuckets(data: MockData, params: PageParams, plan: BucketPlan): string[] {
  const endpoint = getEndpoint('costs');
  const groupBy = params.group_by ?? [];
  const byLineItem = groupBy.includes('line_item');
  const dimensionKeys = endpoint.dimensions.map((dimension) => `,"${dimension}":`);
  const buckets: string[] = [];
  for (let index = 0; index < plan.starts.length; index++) {
    const start = plan.starts[index] as number;
    const day = data.costs.day(start / SECONDS_PER_DAY);
    const columns = new Map<string, readonly (string | null)[]>([
      ['project_id', day.projectId],
      ['user_id', day.userId],
      ['line_item', day.lineItem],
      ['api_key_id', day.apiKeyId],
      ['api_source', day.apiSource],
    ]);
    const column: ColumnReader = (dimension) => columns.get(dimension);
    const mask = filterRows(endpoint.filters, params, column, day.count);
    const grouping = groupRows(endpoint.dimensions, groupBy, column, mask);
    const amounts = new Float64Array(grouping.groupCount);
    const quantities = new Float64Array(grouping.groupCount);
    const units: (string | null)[] = [];
    for (let row = 0; row < day.count; row++) {
      const group = grouping.groupOf[row] as number;
      if (group < 0) continue;
      amounts[group] = (amounts[group] as number) + (day.amountUnits[row] as number);
      quantities[group] = (quantities[group] as number) + (day.quantity[row] as number);
      const unit = day.quantityUnit[row] ?? null;
      units[group] = units[group] === undefined || units[group] === unit ? unit : null;
    }
    const results: string[] = [];
    for (let group = 0; group < grouping.groupCount; group++) {
      const value = (amounts[group] as number) / AMOUNT_UNITS_PER_USD;
      let json = `{"object":"${endpoint.resultObject}","amount":{"value":${value},"currency":"usd"}`;
      const values = grouping.groupJson[group] as readonly string[];
      for (let dimension = 0; dimension < dimensionKeys.length; dimension++) {
        json += (dimensionKeys[dimension] as string) + (values[dimension] as string);
      }
      const quantity = byLineItem ? String(quantities[group]) : 'null';
      const unit = byLineItem ? JSON.stringify(units[group] ?? null) : 'null';
      results.push(`${json},"quantity":${quantity},"quantity_unit":${unit}}`);
    }
    buckets.push(bucketJson(start, plan.ends[index] as number, results));
  }
  return buckets;
}

/**
 * Builds one page of an endpoint's answer from validated parameters.
 *
 * @param data The mock's data.
 * @param secret The secret cursors are signed with.
 * @param name The endpoint.
 * @param params The validated parameters.
 *
 * @returns The page as JSON text, or the invalid parameter (a forged or foreign cursor).
 */
export function endpointPage(
  data: MockData,
  secret: number,
  name: EndpointName,
  params: PageParams,
): PageOutcome {
  const endpoint = getEndpoint(name);
  const widths: Readonly<Record<string, { seconds: number; defaultLimit: number }>> =
    endpoint.bucketWidths;
  const width = params.bucket_width ?? endpoint.defaultBucketWidth;
  const limits = widths[width];
  if (!limits)
    return { ok: false, param: 'bucket_width', message: `bucket_width ${width} is not allowed` };
  const window = bucketWindow(
    endpoint.kind,
    limits.seconds,
    params.start_time,
    params.end_time ?? data.organization.now,
  );
  const fingerprint = fingerprintOf(secret, name, params);
  let pageStart = window.start;
  if (params.page !== undefined) {
    const decoded = decodeCursor(secret, fingerprint, params.page);
    if (decoded === undefined || !isBucketStart(window, decoded)) {
      return {
        ok: false,
        param: 'page',
        message:
          'page is not a cursor this API issued for this query; pass next_page from the previous response and resend the same parameters',
      };
    }
    pageStart = decoded;
  }
  const plan = planPage(window, pageStart, params.limit ?? limits.defaultLimit);
  const buckets =
    name === 'costs' ? costsBuckets(data, params, plan) : usageBuckets(data, name, params, plan);
  const next = plan.next === null ? 'null' : `"${encodeCursor(secret, fingerprint, plan.next)}"`;
  return {
    ok: true,
    body: `{"object":"page","data":[${buckets.join(',')}],"has_more":${plan.next !== null},"next_page":${next}}`,
  };
}
