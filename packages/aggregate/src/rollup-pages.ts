import type { EndpointName } from '@usagekit/schemas';
import { resolveDerived } from './derived-metrics';
import { type Dimension, isDimension, type MetricName, metricFieldsOf } from './fields';
import { rollup } from './rollup';
import type { RollupQuery } from './rollup-query';
import type { RollupResult } from './rollup-rows';
import { createUsageTable, type IngestOptions, type PageInput } from './usage-table';

/**
 * Answers one query straight from pages: ingests only the dimensions and metrics the query
 * needs into a throw-away partial table, then rolls it up. The fastest first answer; keep a
 * full table from {@link createUsageTable} when the user will re-slice the data.
 *
 * @param endpoint The endpoint the pages came from.
 * @param pages The pages (parsed JSON).
 * @param query What to roll up (`endpoints` is ignored: it is `[endpoint]`).
 * @param options The `group_by` the pages were fetched with.
 *
 * @returns The roll-up.
 */
export function rollupPages(
  endpoint: EndpointName,
  pages: Iterable<PageInput>,
  query: RollupQuery,
  options?: IngestOptions,
): RollupResult {
  const derived = resolveDerived(query.derived, new Set());
  const dimensions = new Set<Dimension>();
  for (const name of query.by ?? []) if (name !== 'endpoint') dimensions.add(name);
  for (const name of Object.keys(query.filters ?? {})) if (isDimension(name)) dimensions.add(name);
  if (derived.some((entry) => entry.batch)) dimensions.add('batch');
  const metrics = new Set<MetricName>(
    query.metrics ?? metricFieldsOf(endpoint).map((field) => field.name as MetricName),
  );
  for (const entry of derived)
    for (const name of [...entry.numerator, ...entry.denominator]) metrics.add(name);
  if (query.top !== undefined) metrics.add(query.top.metric);
  // Pages held in an array can be counted first: the table then allocates its columns once.
  let results = 0;
  if (Array.isArray(pages)) {
    for (const page of pages as readonly PageInput[]) {
      for (const bucket of Array.isArray(page?.data) ? page.data : []) {
        const list = bucket?.results ?? bucket?.result;
        if (Array.isArray(list)) results += list.length;
      }
    }
  }
  const table = createUsageTable({
    dimensions: [...dimensions],
    metrics: [...metrics],
    initialCapacity: results > 0 ? results : undefined,
  });
  for (const page of pages) table.ingestPage(endpoint, page, options);
  return rollup(table, {
    ...query,
    endpoints: [endpoint],
    metrics: query.metrics ?? metricFieldsOf(endpoint).map((field) => field.name as MetricName),
  });
}
