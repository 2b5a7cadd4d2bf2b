import type { DimensionValue, MetricName } from '@usagekit/aggregate';
import { pricingDimensions } from '@usagekit/cost';
import {
  type BucketWidth,
  type EndpointName,
  type Filter,
  getEndpoint,
  isEndpointName,
  type ParamsOf,
  usageEndpointNames,
} from '@usagekit/schemas';
import { chooseBucketWidth } from './bucket-width';
import { ReportQuestionError } from './errors';
import { assertReportGrain, type ReportGrain } from './grain';
import type { ReportQuestion, ReportTop } from './question';
import { type ReportWindow, resolveWindow } from './window';

/** What to fetch from one endpoint. */
export interface EndpointFetch {
  readonly endpoint: EndpointName;
  /**
   * The grouping: asked dimensions, pricing dimensions and filtered ones (a source leaves out
   * those it is known to refuse, see `BucketSource.refusedGroupings`).
   */
  readonly groupBy: readonly string[];
  readonly bucketWidth: BucketWidth;
  /** The query, ready for a source. */
  readonly params: ParamsOf<EndpointName>;
}

/** A validated question and what to fetch for it. */
export interface ReportPlan {
  readonly window: ReportWindow;
  readonly grain: ReportGrain;
  /** The dimensions rows are grouped by (refused-everywhere ones left out by `runReport`). */
  readonly dimensions: readonly string[];
  readonly top: { readonly n: number; readonly metric: MetricName } | undefined;
  /** Filters by dimension, validated. */
  readonly filters: Readonly<Record<string, readonly DimensionValue[]>>;
  /** The bucket width every endpoint is fetched at. */
  readonly bucketWidth: BucketWidth;
  /** One fetch per endpoint, in registry order. */
  readonly fetches: readonly EndpointFetch[];
  /** Notes about the plan (a width chosen at a cost, endpoints left out by a filter). */
  readonly notices: readonly string[];
}

function endpointsOf(question: ReportQuestion): EndpointName[] {
  const asked = question.endpoints ?? usageEndpointNames;
  if (!Array.isArray(asked))
    throw new ReportQuestionError('must be a list of endpoints', 'endpoints');
  if (asked.length === 0) throw new ReportQuestionError('name at least one endpoint', 'endpoints');
  asked.forEach((name, index) => {
    if (typeof name !== 'string' || !isEndpointName(name) || name === 'costs') {
      throw new ReportQuestionError(
        `"${String(name)}" is not a usage endpoint; allowed: ${usageEndpointNames.join(', ')}`,
        `endpoints[${index}]`,
      );
    }
  });
  // Registry order, each once.
  return usageEndpointNames.filter((name) => asked.includes(name));
}

function dimensionsOf(endpoints: readonly EndpointName[]): string[] {
  const names = new Set<string>();
  for (const endpoint of endpoints)
    for (const dimension of getEndpoint(endpoint).dimensions as readonly string[])
      names.add(dimension);
  return [...names];
}

function checkDimensions(question: ReportQuestion, allowed: readonly string[]): string[] {
  const asked = question.dimensions ?? [];
  const all = ['endpoint', 'organization', ...allowed];
  asked.forEach((dimension, index) => {
    if (!all.includes(dimension)) {
      throw new ReportQuestionError(
        `"${dimension}" is not a dimension of these endpoints; allowed: ${all.join(', ')}`,
        `dimensions[${index}]`,
      );
    }
  });
  if (new Set(asked).size !== asked.length) {
    throw new ReportQuestionError('lists a dimension twice', 'dimensions');
  }
  return asked.filter((dimension) => dimension !== 'organization');
}

function checkTop(top: ReportTop | undefined): ReportPlan['top'] {
  if (top === undefined) return undefined;
  if (!Number.isSafeInteger(top.n) || top.n < 1) {
    throw new ReportQuestionError(`${top.n} is not allowed; use a whole number from 1`, 'top.n');
  }
  return { n: top.n, metric: top.metric ?? 'estimated_cost' };
}

function filterParam(endpoint: EndpointName, dimension: string): [string, Filter] | undefined {
  const filters = getEndpoint(endpoint).filters as Readonly<Record<string, Filter>>;
  return Object.entries(filters).find(([, filter]) => filter.dimension === dimension);
}

function checkFilters(
  question: ReportQuestion,
  allowed: readonly string[],
): Record<string, readonly DimensionValue[]> {
  const filters: Record<string, readonly DimensionValue[]> = {};
  for (const [dimension, values] of Object.entries(question.filters ?? {})) {
    const field = `filters.${dimension}`;
    if (!allowed.includes(dimension)) {
      throw new ReportQuestionError(
        `not a dimension of these endpoints; allowed: ${allowed.join(', ')}`,
        field,
      );
    }
    if (!Array.isArray(values) || values.length === 0) {
      throw new ReportQuestionError('give a non-empty list of values', field);
    }
    values.forEach((value, index) => {
      if (typeof value !== 'string' && typeof value !== 'boolean') {
        throw new ReportQuestionError('values are ids, names or flags', `${field}[${index}]`);
      }
    });
    filters[dimension] = values;
  }
  return filters;
}

function filterParams(
  endpoint: EndpointName,
  filters: Readonly<Record<string, readonly DimensionValue[]>>,
): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [dimension, values] of Object.entries(filters)) {
    const found = filterParam(endpoint, dimension);
    if (found === undefined) continue;
    const [name, filter] = found;
    if (filter.kind === 'flag') {
      // One flag value filters; both values are no filter at all.
      if (values.length === 1 && typeof values[0] === 'boolean') params[name] = values[0];
      continue;
    }
    if (filter.kind === 'enum') {
      values.forEach((value, index) => {
        if (typeof value !== 'string' || !filter.values.includes(value)) {
          throw new ReportQuestionError(
            `"${String(value)}" is not allowed on ${endpoint}; allowed: ${filter.values.join(', ')}`,
            `filters.${dimension}[${index}]`,
          );
        }
      });
    }
    params[name] = values.filter((value) => typeof value === 'string');
  }
  return params;
}

/**
 * Turns a question into a fetch plan, validating everything before any request. Per endpoint:
 * group by the asked dimensions it has, the dimensions its price depends on (`pricingDimensions`
 * of `@usagekit/cost`) and the filtered ones; the bucket width
 * from {@link chooseBucketWidth}; filters as API parameters where the endpoint has them.
 *
 * @param question The question.
 *
 * @returns The plan.
 *
 * @throws {ReportQuestionError} Naming the field and the allowed values.
 */
export function planReport(question: ReportQuestion): ReportPlan {
  if (question === null || typeof question !== 'object') {
    throw new ReportQuestionError('a question must be an object', 'question');
  }
  const grain = assertReportGrain(question.grain);
  const window =
    typeof question.window === 'object' && 'start' in question.window
      ? question.window
      : resolveWindow(question.window, { now: question.now, timeZone: question.timeZone });
  let endpoints = endpointsOf(question);
  const available = dimensionsOf(endpoints);
  const dimensions = checkDimensions(question, available);
  const top = checkTop(question.top);
  const filters = checkFilters(question, available);
  const notices: string[] = [];
  const filtered = Object.keys(filters);
  if (filtered.length > 0) {
    const left = endpoints.filter((endpoint) =>
      filtered.some(
        (dimension) => !(getEndpoint(endpoint).dimensions as readonly string[]).includes(dimension),
      ),
    );
    if (left.length > 0) {
      endpoints = endpoints.filter((endpoint) => !left.includes(endpoint));
      notices.push(
        `${left.join(', ')} left out: filtered by ${filtered.join(', ')}, which they do not report`,
      );
    }
    if (endpoints.length === 0) {
      throw new ReportQuestionError('no endpoint reports every filtered dimension', 'filters');
    }
  }
  const width = chooseBucketWidth(grain, window, question.bucketWidth);
  if (width.notice !== undefined) notices.push(width.notice);
  const fetches = endpoints.map((endpoint): EndpointFetch => {
    const definition = getEndpoint(endpoint);
    const own = definition.dimensions as readonly string[];
    const wanted = new Set<string>([
      ...dimensions,
      ...(pricingDimensions(
        endpoint as Parameters<typeof pricingDimensions>[0],
      ) as readonly string[]),
      ...filtered,
    ]);
    const groupBy = own.filter((dimension) => wanted.has(dimension));
    const params = {
      start_time: window.start,
      end_time: window.end,
      bucket_width: width.bucketWidth,
      ...(groupBy.length === 0 ? {} : { group_by: groupBy }),
      ...filterParams(endpoint, filters),
    } as ParamsOf<EndpointName>;
    return { endpoint, groupBy, bucketWidth: width.bucketWidth, params };
  });
  return Object.freeze({
    window,
    grain,
    dimensions,
    top,
    filters,
    bucketWidth: width.bucketWidth,
    fetches,
    notices,
  });
}
