import type { EndpointName } from '@usagekit/schemas';
import { resultsOf } from './bucket-input';
import { resolveDerived } from './derived-metrics';
import {
  allMetrics,
  type Dimension,
  ENGINE_METRICS,
  endpointDefinesMetric,
  endpointSlot,
  isDimension,
  type MetricName,
} from './fields';
import type { ResultPricer } from './result-pricer';
import { rollupColumns } from './rollup';
import type { RollupQuery } from './rollup-query';
import type { RollupResult } from './rollup-result';
import { columnarTable, createUsageTable } from './usage-table';
import type { IngestOptions, PageInput } from './usage-table-api';

/** Options of {@link rollupPages}: the pages' `group_by`, and a pricer for `estimated_cost`. */
export interface RollupPagesOptions extends IngestOptions {
  /** Prices each result once as it is read (see `UsageTableOptions.pricer`). */
  pricer?: ResultPricer | undefined;
}

/**
 * Answers one query straight from pages: reads only the dimensions and metrics the query needs
 * into a table sized once for every page's results (a few bytes a row, against hundreds for the
 * parsed JSON), then rolls it up. The fastest first answer; keep a full table from
 * {@link createUsageTable} when the user will re-slice the data (re-rolls of a kept table use
 * the WebAssembly kernel; this one-off table does not).
 *
 * @param endpoint The endpoint the pages came from.
 * @param pages The pages (parsed JSON).
 * @param query What to roll up (`endpoints` is ignored: it is `[endpoint]`).
 * @param options The `group_by` the pages were fetched with, and the pricer.
 *
 * @returns The roll-up, the same as {@link rollup} over a table holding every page.
 *
 * @throws {UsageDataError} When a page does not have the shape the registry describes.
 * @throws {RollupQueryError} When the query names an unknown or invalid option.
 */
export function rollupPages(
  endpoint: EndpointName,
  pages: Iterable<PageInput>,
  query: RollupQuery,
  options?: RollupPagesOptions,
): RollupResult {
  const derived = resolveDerived(query.derived, new Set());
  const dimensions = new Set<Dimension>();
  for (const name of query.by ?? []) if (name !== 'endpoint') dimensions.add(name);
  for (const name of Object.keys(query.filters ?? {})) if (isDimension(name)) dimensions.add(name);
  if (derived.some((entry) => entry.batch)) dimensions.add('batch');
  // Without metrics, every metric of the endpoint is summed.
  const defines = endpointDefinesMetric[endpointSlot.get(endpoint) as number];
  const priced = options?.pricer !== undefined;
  const shown =
    query.metrics ??
    allMetrics
      .filter(
        (spec, slot) =>
          defines?.[slot] === 1 &&
          (priced || !ENGINE_METRICS.some((info) => info.name === spec.name)),
      )
      .map((spec) => spec.name as MetricName);
  const metrics = new Set<MetricName>(shown);
  for (const entry of derived) {
    for (const name of [...entry.numerator, ...entry.denominator]) metrics.add(name);
  }
  if (query.top !== undefined) metrics.add(query.top.metric);
  const list = Array.from(pages);
  let results = 0;
  for (const page of list) {
    for (const bucket of Array.isArray(page?.data) ? page.data : []) {
      results += resultsOf(bucket)?.length ?? 0;
    }
  }
  const table = createUsageTable({
    dimensions: [...dimensions],
    metrics: [...metrics],
    initialCapacity: results || undefined,
    pricer: options?.pricer,
  });
  for (const page of list) table.ingestPage(endpoint, page, options);
  // Rolled up once: the WebAssembly kernel's column copies would not pay off.
  const full = { ...query, endpoints: [endpoint], metrics: shown };
  return rollupColumns(columnarTable(table), full, 'javascript');
}
