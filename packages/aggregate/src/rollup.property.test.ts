import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compareValues, type Dimension, type DimensionValue } from './fields';
import type { Grain } from './period-calendar';
import type { ResultPricer } from './result-pricer';
import { rollup } from './rollup';
import type { RollupRow } from './rollup-result';
import { createUsageTable } from './usage-table';

const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe'];
const GRAINS: Grain[] = ['hour', 'day', 'week', 'month', 'quarter', 'year', 'all'];
const DIMENSIONS: Dimension[] = ['project_id', 'model', 'batch', 'user_id'];
const METRICS = ['input_tokens', 'input_cached_tokens', 'num_model_requests'] as const;
const SHOWN = [...METRICS, 'estimated_cost', 'unpriced_results', 'usage_bytes'] as const;

/**
 * A linear pricer: storage 1 pico-USD a byte-second; completions 400,001 pico-USD an input token
 * and 3 a request, and no price without a model.
 */
const pricer: ResultPricer = {
  price(endpoint, start, end, result, out) {
    if (endpoint === 'vector_stores') {
      out[0] = (result.usage_bytes as number) * (end - start);
      out[1] = 0;
      return;
    }
    const priced = result.model !== null && result.model !== undefined;
    out[0] = priced
      ? (result.input_tokens as number) * 400_001 + (result.num_model_requests as number) * 3
      : 0;
    out[1] = priced ? 0 : 1;
  },
};
/** 2025-03-01T00:00Z; four months of hours span every zone's daylight-saving changes. */
const FIRST_HOUR = 1_740_787_200 / 3600;

interface GeneratedResult {
  project_id: string | null;
  model: string | null;
  batch: boolean | null;
  user_id: string | null;
  input_tokens: number;
  input_cached_tokens: number | undefined;
  num_model_requests: number;
}

const resultArbitrary = fc.record({
  project_id: fc.constantFrom<string | null>('proj_a', 'proj_b', 'true', null),
  model: fc.constantFrom<string | null>('gpt-4o', 'o3', null),
  batch: fc.constantFrom<boolean | null>(true, false, null),
  user_id: fc.constantFrom<string | null>('user-1', '__proto__', null),
  input_tokens: fc.integer({ min: 0, max: 2 ** 31 }),
  input_cached_tokens: fc.option(fc.integer({ min: 0, max: 5_000_000_000 }), { nil: undefined }),
  num_model_requests: fc.integer({ min: 0, max: 1000 }),
});

const storedArbitrary = fc.record({
  project_id: fc.constantFrom('proj_a', 'proj_b'),
  usage_bytes: fc.integer({ min: 0, max: 2 ** 36 }),
});

const bucketArbitrary = fc.record({
  hour: fc.integer({ min: 0, max: 24 * 250 }),
  results: fc.array(resultArbitrary, { maxLength: 6 }),
  /** Vector storage in the same hour: no bucket, or a bucket (maybe with no results). */
  stored: fc.option(
    fc.uniqueArray(storedArbitrary, { selector: (result) => result.project_id, maxLength: 2 }),
    { nil: undefined },
  ),
});

/** What the reference sums for one row. */
interface Expected {
  completions: number;
  sums: bigint[];
  picos: bigint;
  unpriced: number;
  stored: number;
  byteSeconds: bigint;
}

/** The plain reference: Intl per result, string keys, BigInt sums. */
function referenceKey(start: number, grain: Grain, timeZone: string, weekStartsOn: number): string {
  if (grain === 'all') return 'all';
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(new Date(start * 1000));
  const part = (type: string) => Number(parts.find((each) => each.type === type)?.value);
  const local =
    Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute')) / 1000;
  const offset = local - start;
  if (grain === 'hour') return String(start - ((((start + offset) % 3600) + 3600) % 3600));
  const date = new Date(Date.UTC(part('year'), part('month') - 1, part('day')));
  if (grain === 'day') return date.toISOString().slice(0, 10);
  if (grain === 'week') {
    const back = (date.getUTCDay() - weekStartsOn + 7) % 7;
    return new Date(date.getTime() - back * 86_400_000).toISOString().slice(0, 10);
  }
  if (grain === 'month') return `${part('year')}-${part('month')}`;
  if (grain === 'quarter') return `${part('year')}-Q${Math.floor((part('month') - 1) / 3)}`;
  return String(part('year'));
}

describe('rollup against a plain reference', () => {
  test('random data, grouping, grains and zones give identical exact sums, costs and levels', () => {
    fc.assert(
      fc.property(
        fc.array(bucketArbitrary, { maxLength: 12 }),
        fc.subarray(DIMENSIONS),
        fc.constantFrom(...GRAINS),
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 6 }),
        fc.option(fc.constantFrom<DimensionValue>('proj_a', null, 'true'), { nil: undefined }),
        (buckets, by, grain, timeZone, weekStartsOn, excluded) => {
          const table = createUsageTable({ pricer });
          const seen = new Set<number>();
          const unique = buckets.filter(
            (bucket) => !seen.has(bucket.hour) && seen.add(bucket.hour),
          );
          const hourOf = (hour: number) => ({
            start_time: (FIRST_HOUR + hour) * 3600,
            end_time: (FIRST_HOUR + hour + 1) * 3600,
          });
          table.ingestBuckets(
            'completions',
            unique.map((bucket) => ({ ...hourOf(bucket.hour), results: bucket.results })),
            { groupBy: ['project_id', 'model', 'batch', 'user_id'] },
          );
          table.ingestBuckets(
            'vector_stores',
            unique.flatMap((bucket) =>
              bucket.stored === undefined
                ? []
                : [{ ...hourOf(bucket.hour), results: bucket.stored }],
            ),
            { groupBy: ['project_id'] },
          );
          const expected = new Map<string, Expected>();
          const coveredHours = new Map<string, number>();
          const expectedCoverage = Object.fromEntries(
            METRICS.map((name) => [name, { rows: 0, reported: 0, absent: 0 }]),
          );
          const entry = (period: string, values: Record<string, unknown>) => {
            const key = JSON.stringify([period, ...by.map((name) => values[name] ?? null)]);
            const found = expected.get(key) ?? {
              completions: 0,
              sums: METRICS.map(() => 0n),
              picos: 0n,
              unpriced: 0,
              stored: 0,
              byteSeconds: 0n,
            };
            expected.set(key, found);
            return found;
          };
          for (const bucket of unique) {
            const start = (FIRST_HOUR + bucket.hour) * 3600;
            const period = referenceKey(start, grain, timeZone, weekStartsOn);
            if (bucket.stored !== undefined) {
              coveredHours.set(period, (coveredHours.get(period) ?? 0) + 1);
            }
            for (const stored of bucket.stored ?? []) {
              if (excluded !== undefined && stored.project_id === excluded) continue;
              const row = entry(period, stored);
              row.stored += 1;
              row.byteSeconds += BigInt(stored.usage_bytes) * 3600n;
              row.picos += BigInt(stored.usage_bytes) * 3600n;
            }
            for (const result of bucket.results as GeneratedResult[]) {
              if (excluded !== undefined && result.project_id === excluded) continue;
              for (const name of METRICS) {
                const coverage = expectedCoverage[name] as {
                  rows: number;
                  reported: number;
                  absent: number;
                };
                coverage.rows += 1;
                if (result[name] === undefined) coverage.absent += 1;
                else coverage.reported += 1;
              }
              const row = entry(period, result as unknown as Record<string, unknown>);
              row.completions += 1;
              METRICS.forEach((name, index) => {
                row.sums[index] = (row.sums[index] as bigint) + BigInt(result[name] ?? 0);
              });
              if (result.model === null) row.unpriced += 1;
              else {
                row.picos +=
                  BigInt(result.input_tokens) * 400_001n + BigInt(result.num_model_requests) * 3n;
              }
            }
          }
          const result = rollup(table, {
            by,
            grain,
            timeZone,
            weekStartsOn: weekStartsOn as 0 | 1 | 2 | 3 | 4 | 5 | 6,
            metrics: [...SHOWN],
            ...(excluded === undefined ? {} : { filters: { project_id: { exclude: [excluded] } } }),
          });
          const measuredOr = <TValue>(measured: boolean, value: TValue) =>
            measured ? value : null;
          const expectedRows = new Map(
            [...expected].map(([key, row]) => {
              const period = JSON.parse(key)[0] as string;
              const seconds = (coveredHours.get(period) ?? 0) * 3600;
              const counted = row.completions > 0;
              const priced = counted || row.stored > 0;
              return [
                key,
                [
                  ...row.sums.map((sum) => measuredOr(counted, sum)),
                  // Half up, once, from the exact pico sum.
                  measuredOr(priced, (row.picos + 500_000n) / 1_000_000n),
                  measuredOr(priced, BigInt(row.unpriced)),
                  measuredOr(row.stored > 0, Number(row.byteSeconds) / seconds),
                  measuredOr(row.stored > 0, Number(row.byteSeconds)),
                ],
              ];
            }),
          );
          const actual = new Map<string, unknown[]>();
          for (const row of result.rows) {
            const period = referenceKey(row.period_start, grain, timeZone, weekStartsOn);
            const key = JSON.stringify([period, ...by.map((name) => row[name])]);
            expect(actual.has(key)).toBe(false);
            const value = (name: string) => row[name] as number | null;
            actual.set(key, [
              ...[...METRICS, 'estimated_cost', 'unpriced_results'].map((name) => {
                const sum = value(name);
                if (sum !== null) expect(Number.isSafeInteger(sum)).toBe(true);
                return sum === null ? null : BigInt(sum);
              }),
              value('usage_bytes'),
              value('usage_bytes_seconds'),
            ]);
          }
          expect(actual).toEqual(expectedRows);
          expect(Object.fromEntries(METRICS.map((name) => [name, result.coverage[name]]))).toEqual(
            expectedCoverage,
          );
          // Rows come by period, then by the grouped values in order (null, false, true, text).
          for (let index = 1; index < result.rows.length; index += 1) {
            const before = result.rows[index - 1] as RollupRow;
            const after = result.rows[index] as RollupRow;
            let order = before.period_start - after.period_start;
            for (const name of by) {
              if (order !== 0) break;
              order = compareValues(before[name] as DimensionValue, after[name] as DimensionValue);
            }
            expect(order).toBeLessThan(0);
          }
        },
      ),
      { numRuns: 150, seed: 20_250_301 },
    );
  });
});
