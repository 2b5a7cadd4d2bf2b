/**
 * The benchmark's peers, each answering the workload's query, sums of four metrics by (day,
 * project, model), the way a user would write it without usagekit:
 * - a Map-of-string-keys loop that touches only the four fields it needs;
 * - Arquero 7 given rows of only the seven fields the query needs (the faster way to use it);
 * - Arquero 7 given the results as they come, each with its bucket's start (the first way a
 *   user writes it: every field becomes a column);
 * - a hand-written pass over the table's already-encoded columns: the floor a re-roll can reach
 *   (no planning, no presence tracking, no result);
 * - a loop that only loads what the query reads of each result: the floor of any first answer
 *   from parsed pages (no identification of strings, no grouping, no result).
 */
import { op, from as tableFromObjects } from 'arquero';
import type { CodeArray } from '../src/code-array';
import { dimensionSlot, metricSlot } from '../src/fields';
import type { RollupResult, UsageTable } from '../src/index';
import { columnarTable } from '../src/usage-table';
import type { WorkloadPage } from './completions-workload';

/** The four summed metrics, in the order of the Map loop's sums. */
export const METRICS = [
  'input_tokens',
  'output_tokens',
  'input_cached_tokens',
  'num_model_requests',
] as const;

/**
 * Sums the four metrics by `day|project|model` keys.
 *
 * @param pages The parsed pages.
 *
 * @returns Sums by key.
 */
export function mapLoop(pages: readonly WorkloadPage[]): Map<string, number[]> {
  const sums = new Map<string, number[]>();
  for (const page of pages) {
    for (const bucket of page.data) {
      const day = Math.floor(bucket.start_time / 86_400);
      for (const result of bucket.results) {
        const key = `${day}|${result.project_id}|${result.model}`;
        let entry = sums.get(key);
        if (entry === undefined) {
          entry = [0, 0, 0, 0];
          sums.set(key, entry);
        }
        const totals = entry as [number, number, number, number];
        totals[0] += result.input_tokens as number;
        totals[1] += result.output_tokens as number;
        totals[2] += (result.input_cached_tokens as number | undefined) ?? 0;
        totals[3] += result.num_model_requests as number;
      }
    }
  }
  return sums;
}

/**
 * The floor of reading parsed pages for the query: per result, the four counters and the length
 * of each of the two id strings (so each string, a separate object, is touched), summed.
 *
 * @param pages The parsed pages.
 *
 * @returns The sum (so the loads cannot be optimised away).
 */
export function readingFloor(pages: readonly WorkloadPage[]): number {
  let sum = 0;
  for (const page of pages) {
    for (const bucket of page.data) {
      for (const result of bucket.results) {
        sum +=
          (result.project_id as string).length +
          (result.model as string).length +
          (result.input_tokens as number) +
          (result.output_tokens as number) +
          ((result.input_cached_tokens as number | undefined) ?? 0) +
          (result.num_model_requests as number);
      }
    }
  }
  return sum;
}

function arqueroRollup(rows: Array<Record<string, unknown>>): number {
  const rolled = tableFromObjects(rows)
    .derive({ day: (row: { start_time: number }) => op.floor(row.start_time / 86_400) })
    .groupby('day', 'project_id', 'model')
    .rollup({
      input_tokens: op.sum('input_tokens'),
      output_tokens: op.sum('output_tokens'),
      input_cached_tokens: op.sum('input_cached_tokens'),
      num_model_requests: op.sum('num_model_requests'),
    });
  return rolled.numRows();
}

/**
 * Arquero over rows of only the fields the query needs.
 *
 * @param pages The parsed pages.
 *
 * @returns The number of groups.
 */
export function arqueroFromFields(pages: readonly WorkloadPage[]): number {
  const rows: Array<Record<string, unknown>> = [];
  for (const page of pages) {
    for (const bucket of page.data) {
      for (const result of bucket.results) {
        rows.push({
          start_time: bucket.start_time,
          project_id: result.project_id,
          model: result.model,
          input_tokens: result.input_tokens,
          output_tokens: result.output_tokens,
          input_cached_tokens: result.input_cached_tokens ?? 0,
          num_model_requests: result.num_model_requests,
        });
      }
    }
  }
  return arqueroRollup(rows);
}

/**
 * Arquero over the results as they come, each with its bucket's start.
 *
 * @param pages The parsed pages.
 *
 * @returns The number of groups.
 */
export function arqueroFromResults(pages: readonly WorkloadPage[]): number {
  const rows = pages.flatMap((page) =>
    page.data.flatMap((bucket) =>
      bucket.results.map((result) => ({ start_time: bucket.start_time, ...result })),
    ),
  );
  return arqueroRollup(rows);
}

/**
 * The floor of a re-roll: the best simple loop over the encoded columns, knowing the layout and
 * building no result. Rows of a bucket are contiguous, so it walks bucket by bucket with the
 * bucket's day offset hoisted out of the row loop (no row-to-bucket lookup), and adds the four
 * metrics into one interleaved sums block (a row's four updates share a cache line).
 *
 * @param table The ingested table.
 *
 * @returns The size of the group space.
 */
export function columnarPass(table: UsageTable): number {
  const columns = columnarTable(table);
  const projectSlot = dimensionSlot.get('project_id') as number;
  const modelSlot = dimensionSlot.get('model') as number;
  const projectCodes = columns.codes[projectSlot] as CodeArray;
  const modelCodes = columns.codes[modelSlot] as CodeArray;
  const projects = columns.dictionaries[projectSlot]?.size ?? 1;
  const models = columns.dictionaries[modelSlot]?.size ?? 1;
  const [input, output, cached, requests] = METRICS.map(
    (name) => columns.metrics[metricSlot.get(name) as number]?.values as Uint32Array,
  ) as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = 0;
  for (let bucket = 0; bucket < columns.bucketCount; bucket += 1) {
    const day = Math.floor((columns.bucketStart[bucket] as number) / 86_400);
    firstDay = Math.min(firstDay, day);
    lastDay = Math.max(lastDay, day);
  }
  const space = (lastDay - firstDay + 1) * projects * models;
  const sums = new Float64Array(space * 4);
  for (let bucket = 0; bucket < columns.bucketCount; bucket += 1) {
    const offset =
      (Math.floor((columns.bucketStart[bucket] as number) / 86_400) - firstDay) * projects;
    const ranges = columns.bucketRanges[bucket] as number[];
    for (let range = 0; range < ranges.length; range += 2) {
      const end = ranges[range + 1] as number;
      for (let row = ranges[range] as number; row < end; row += 1) {
        const at =
          ((offset + (projectCodes[row] as number)) * models + (modelCodes[row] as number)) * 4;
        sums[at] = (sums[at] as number) + (input[row] as number);
        sums[at + 1] = (sums[at + 1] as number) + (output[row] as number);
        sums[at + 2] = (sums[at + 2] as number) + (cached[row] as number);
        sums[at + 3] = (sums[at + 3] as number) + (requests[row] as number);
      }
    }
  }
  return space;
}

/**
 * Checks a roll-up against the Map loop group by group.
 *
 * @param result The roll-up by (day, project, model).
 * @param expected The Map loop's sums.
 *
 * @returns The group count.
 */
export function checkAgainstMap(result: RollupResult, expected: Map<string, number[]>): number {
  let mismatches = 0;
  for (const row of result.rows) {
    const key = `${Math.floor(row.period_start / 86_400)}|${row.project_id}|${row.model}`;
    const sums = expected.get(key);
    if (!sums || METRICS.some((name, index) => row[name] !== sums[index])) mismatches += 1;
  }
  if (mismatches > 0 || result.rows.length !== expected.size) {
    throw new Error(`roll-up differs from the Map loop in ${mismatches} groups`);
  }
  return result.rows.length;
}
