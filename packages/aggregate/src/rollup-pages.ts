import type { EndpointName } from '@usagekit/schemas';
import { resultsOf } from './bucket-input';
import { resolveDerived } from './derived-metrics';
import { type Dimension, isDimension, type MetricName, metricFieldsOf } from './fields';
import { GroupFolder } from './group-folder';
import { finishRollup, rollup } from './rollup';
import { planQuery, type RollupQuery } from './rollup-query';
import type { RollupResult } from './rollup-rows';
import { columnarTable, createUsageTable } from './usage-table';
import type { IngestOptions, PageInput } from './usage-table-api';

/** Counts a page's results and collects its buckets' starts (a malformed page counts 0). */
function surveyPage(page: PageInput, starts: number[]): number {
  let results = 0;
  for (const bucket of Array.isArray(page?.data) ? page.data : []) {
    results += resultsOf(bucket)?.length ?? 0;
    if (Number.isSafeInteger(bucket?.start_time)) starts.push(bucket.start_time);
  }
  return results;
}

/**
 * Answers one query straight from pages. Reads only the dimensions and metrics the query needs
 * and, where the query allows (no dimension filters, no `batch_share`, at most three grouping
 * dimensions), folds each page into the groups' sums before reading the next, into memory
 * sized for one page; otherwise it rolls up a throw-away table of every row. The fastest first
 * answer; keep a full table from {@link createUsageTable} when the user will re-slice the data.
 *
 * @param endpoint The endpoint the pages came from.
 * @param pages The pages (parsed JSON).
 * @param query What to roll up (`endpoints` is ignored: it is `[endpoint]`).
 * @param options The `group_by` the pages were fetched with.
 *
 * @returns The roll-up, the same as {@link rollup} over a table holding every page.
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
  // Without metrics, every metric of the endpoint is summed.
  const shown = query.metrics ?? metricFieldsOf(endpoint).map((field) => field.name as MetricName);
  const metrics = new Set<MetricName>(shown);
  for (const entry of derived)
    for (const name of [...entry.numerator, ...entry.denominator]) metrics.add(name);
  if (query.top !== undefined) metrics.add(query.top.metric);
  const fullQuery: RollupQuery = { ...query, endpoints: [endpoint], metrics: shown };
  const list = Array.isArray(pages) ? (pages as readonly PageInput[]) : Array.from(pages);
  let results = 0;
  let largestPage = 0;
  const bucketStarts: number[] = [];
  for (const page of list) {
    const count = surveyPage(page, bucketStarts);
    results += count;
    largestPage = Math.max(largestPage, count);
  }
  const tableOptions = { dimensions: [...dimensions], metrics: [...metrics] };

  const pageTable = createUsageTable({
    ...tableOptions,
    initialCapacity: largestPage || undefined,
  });
  const columnar = columnarTable(pageTable);
  const plan = planQuery(columnar, fullQuery);
  if (GroupFolder.accepts(plan)) {
    const folder = new GroupFolder(columnar, plan, endpoint, results, bucketStarts);
    let folded = true;
    for (const page of list) {
      pageTable.ingestPage(endpoint, page, options);
      folded = folder.fold();
      if (!folded) break;
      columnar.discardRows();
    }
    if (folded) {
      const { periods, grouping, coverage } = folder.finish();
      return finishRollup(columnar, plan, periods, grouping, coverage);
    }
  }
  // Every row in one table: the table replaces buckets that come again.
  const table = createUsageTable({ ...tableOptions, initialCapacity: results || undefined });
  for (const page of list) table.ingestPage(endpoint, page, options);
  return rollup(table, fullQuery);
}
