import { type DimensionOf, type EndpointName, getEndpoint } from '@usagekit/schemas';
import { AMOUNT_UNITS_PER_USD } from './amount';
import { type BucketPlan, bucketWindow, isBucketStart, planPage } from './bucket-plan';
import { decodeCursor, encodeCursor } from './cursor';
import { type ColumnReader, filterRows, groupRows } from './grouping';
import { hashText } from './hash';
import { type JsonWriter, jsonBytes } from './json-writer';
import type { MockData } from './mock-data';
import { SECONDS_PER_DAY, SECONDS_PER_MINUTE } from './time';

/** A page as UTF-8 JSON, or the parameter that made it impossible. */
export type PageOutcome =
  | { readonly ok: true; readonly body: Uint8Array<ArrayBuffer> }
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

const PAGE_HEAD = jsonBytes('{"object":"page","data":[');
const COMMA = 44;

/** Pre-encoded keys of one endpoint's results, built once from the registry. */
interface ResultKeys {
  /** `{"object":"<result object>"`. */
  readonly head: Uint8Array;
  /** `,"<metric>":` for every metric, in registry order. */
  readonly metrics: readonly Uint8Array[];
  /** `,"<dimension>":` for every dimension, in registry order. */
  readonly dimensions: readonly string[];
}

const resultKeys = new Map<EndpointName, ResultKeys>();

function resultKeysOf(name: EndpointName): ResultKeys {
  let keys = resultKeys.get(name);
  if (keys === undefined) {
    const endpoint = getEndpoint(name);
    keys = {
      head: jsonBytes(`{"object":${JSON.stringify(endpoint.resultObject)}`),
      metrics: endpoint.metrics.map((metric) => jsonBytes(`,${JSON.stringify(metric.name)}:`)),
      dimensions: endpoint.dimensions.map((dimension) => `,${JSON.stringify(dimension)}:`),
    };
    resultKeys.set(name, keys);
  }
  return keys;
}

/**
 * A group's grouping values as `,"<dimension>":<value>…` for every dimension (values are already
 * JSON, so untrusted names stay escaped).
 */
function dimensionsJson(keys: ResultKeys, values: readonly string[]): string {
  let json = '';
  for (let index = 0; index < keys.dimensions.length; index++) {
    json += (keys.dimensions[index] as string) + (values[index] as string);
  }
  return json;
}

/**
 * What selects the rows and groups of a query, as a cache key: `group_by` (its order does not
 * change the answer) and every filter of the registry with its values.
 */
function selectionKey(name: EndpointName, params: PageParams): string {
  const groupBy = [...(params.group_by ?? [])].sort();
  const filters = Object.keys(getEndpoint(name).filters).map((param) => {
    const value = Object.hasOwn(params, param) ? params[param] : undefined;
    return Array.isArray(value) ? [...value].sort() : (value ?? null);
  });
  return JSON.stringify([name, groupBy, filters]);
}

function writeBucketHead(writer: JsonWriter, start: number, end: number): void {
  writer.ascii(`{"object":"bucket","start_time":${start},"end_time":${end},"results":[`);
}

/**
 * The serialized buckets of a plan: from the bucket cache when it holds them, otherwise written
 * (each one alone in the writer) and cached.
 */
function bucketFragments(
  data: MockData,
  writer: JsonWriter,
  selection: string,
  plan: BucketPlan,
  writeBucket: (start: number, end: number) => void,
): Uint8Array<ArrayBuffer>[] {
  const fragments: Uint8Array<ArrayBuffer>[] = [];
  const prefix = `${data.selectionId(selection)}:`;
  for (let index = 0; index < plan.starts.length; index++) {
    const start = plan.starts[index] as number;
    const end = plan.ends[index] as number;
    const key = `${prefix}${start}:${end}`;
    let fragment = data.buckets.get(key);
    if (fragment === undefined) {
      writer.reset();
      writeBucket(start, end);
      fragment = writer.copy();
      data.buckets.set(key, fragment);
    }
    fragments.push(fragment);
  }
  return fragments;
}

/** Joins the page's parts into one body: a single copy of every bucket. */
function assemblePage(fragments: readonly Uint8Array[], tail: Uint8Array): Uint8Array<ArrayBuffer> {
  let size = PAGE_HEAD.length + Math.max(0, fragments.length - 1) + tail.length;
  for (const fragment of fragments) size += fragment.length;
  const body = new Uint8Array(size);
  body.set(PAGE_HEAD, 0);
  let at = PAGE_HEAD.length;
  fragments.forEach((fragment, index) => {
    if (index > 0) body[at++] = COMMA;
    body.set(fragment, at);
    at += fragment.length;
  });
  body.set(tail, at);
  return body;
}

function usageBucketFragments(
  data: MockData,
  writer: JsonWriter,
  name: Exclude<EndpointName, 'costs'>,
  params: PageParams,
  plan: BucketPlan,
): Uint8Array<ArrayBuffer>[] {
  const endpoint = getEndpoint(name);
  const engine = data.engine(name);
  const seriesCount = engine.seriesCount;
  const count = engine.componentCount;
  const column: ColumnReader = (dimension) => engine.dimensions.get(dimension);
  const mask = filterRows(endpoint.filters, params, column, seriesCount);
  const grouping = groupRows(endpoint.dimensions, params.group_by ?? [], column, mask);
  const groupCount = grouping.groupCount;
  const keys = resultKeysOf(name);
  let tails: Uint8Array[] | undefined;
  const metricComponents = engine.metricComponents;
  const metricCount = metricComponents.length;
  const sums = new Float64Array(seriesCount * count);
  const groupSums = new Float64Array(groupCount * count);
  const active = new Uint8Array(groupCount);
  return bucketFragments(data, writer, selectionKey(name, params), plan, (start, end) => {
    const firstMinute = Math.ceil(start / SECONDS_PER_MINUTE);
    const endMinute = Math.ceil(end / SECONDS_PER_MINUTE);
    sums.fill(0);
    if (engine.level) engine.averageLevels(start, end, sums);
    else engine.accumulate(firstMinute, endMinute, sums);
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
    writeBucketHead(writer, start, end);
    let first = true;
    for (let group = 0; group < groupCount; group++) {
      if (active[group] === 0) continue;
      if (!first) writer.byte(COMMA);
      first = false;
      writer.bytes(keys.head);
      const base = group * count;
      for (let metric = 0; metric < metricCount; metric++) {
        const components = metricComponents[metric] as readonly number[];
        let value = 0;
        for (let part = 0; part < components.length; part++) {
          value += groupSums[base + (components[part] as number)] as number;
        }
        writer.bytes(keys.metrics[metric] as Uint8Array);
        writer.number(value);
      }
      tails ??= grouping.groupJson.map((values) => jsonBytes(`${dimensionsJson(keys, values)}}`));
      writer.bytes(tails[group] as Uint8Array);
    }
    writer.ascii(']}');
  });
}

function costsBucketFragments(
  data: MockData,
  writer: JsonWriter,
  params: PageParams,
  plan: BucketPlan,
): Uint8Array<ArrayBuffer>[] {
  const endpoint = getEndpoint('costs');
  const groupBy = params.group_by ?? [];
  const byLineItem = groupBy.includes('line_item');
  const keys = resultKeysOf('costs');
  return bucketFragments(data, writer, selectionKey('costs', params), plan, (start, end) => {
    const day = data.costs.day(start / SECONDS_PER_DAY);
    // Typed by the registry's costs dimensions: a new one fails to compile until it has a column.
    const byDimension = {
      project_id: day.projectId,
      user_id: day.userId,
      line_item: day.lineItem,
      api_key_id: day.apiKeyId,
      api_source: day.apiSource,
    } satisfies Record<DimensionOf<'costs'>, readonly (string | null)[]>;
    const columns = new Map<string, readonly (string | null)[]>(Object.entries(byDimension));
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
    writeBucketHead(writer, start, end);
    for (let group = 0; group < grouping.groupCount; group++) {
      if (group > 0) writer.byte(COMMA);
      writer.bytes(keys.head);
      writer.ascii(',"amount":{"value":');
      writer.number((amounts[group] as number) / AMOUNT_UNITS_PER_USD);
      writer.ascii(',"currency":"usd"}');
      const dimensions = dimensionsJson(keys, grouping.groupJson[group] as readonly string[]);
      const quantity = byLineItem ? String(quantities[group]) : 'null';
      const unit = byLineItem ? JSON.stringify(units[group] ?? null) : 'null';
      writer.bytes(jsonBytes(`${dimensions},"quantity":${quantity},"quantity_unit":${unit}}`));
    }
    writer.ascii(']}');
  });
}

/**
 * Builds one page of an endpoint's answer from validated parameters.
 *
 * @param data The mock's data.
 * @param secret The secret cursors are signed with.
 * @param name The endpoint.
 * @param params The validated parameters.
 *
 * @returns The page as UTF-8 JSON, or the invalid parameter (a forged or foreign cursor).
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
  const fragments =
    name === 'costs'
      ? costsBucketFragments(data, data.writer, params, plan)
      : usageBucketFragments(data, data.writer, name, params, plan);
  const next = plan.next === null ? 'null' : `"${encodeCursor(secret, fingerprint, plan.next)}"`;
  const tail = jsonBytes(`],"has_more":${plan.next !== null},"next_page":${next}}`);
  return { ok: true, body: assemblePage(fragments, tail) };
}
