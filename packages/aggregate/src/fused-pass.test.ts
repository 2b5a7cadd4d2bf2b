import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { CodeArray } from './code-array';
import { type FusedInput, fusedPassFor, genericFusedPass } from './fused-pass';

interface Case {
  readonly rows: number;
  readonly axes: number;
  readonly filters: number;
  readonly metrics: number;
  readonly keepGroups: boolean;
  readonly seed: number;
}

/** A small deterministic generator, so both passes see the same input. */
function numbers(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state;
  };
}

function inputOf(spec: Case): FusedInput {
  const next = numbers(spec.seed);
  const radix = 5;
  const bucketCount = 3;
  const bucketRanges: number[][] = [];
  const perBucket = Math.ceil(spec.rows / bucketCount);
  for (let bucket = 0; bucket < bucketCount; bucket += 1) {
    const start = Math.min(spec.rows, bucket * perBucket);
    const end = Math.min(spec.rows, start + perBucket);
    bucketRanges.push(end > start ? [start, end] : []);
  }
  let stride = 1;
  const strides: number[] = [];
  for (let axis = spec.axes - 1; axis >= 0; axis -= 1) {
    strides.unshift(stride);
    stride *= radix;
  }
  const space = bucketCount * stride;
  // Every element type a table stores, so each per-type compiled pass is exercised.
  const codes = (): CodeArray => {
    const drawn = Array.from({ length: spec.rows }, () => next() % radix);
    const type = next() % 3;
    if (type === 0) return Uint8Array.from(drawn);
    return type === 1 ? Uint16Array.from(drawn) : Int32Array.from(drawn);
  };
  return {
    bucketRanges,
    // The middle bucket is excluded.
    offsets: Int32Array.from({ length: bucketCount }, (_, bucket) =>
      bucket === 1 ? -1 : bucket * stride,
    ),
    codes: strides.map(() => codes()),
    strides,
    filterCodes: Array.from({ length: spec.filters }, () => codes()),
    allowed: Array.from({ length: spec.filters }, (_, filter) =>
      Uint8Array.from({ length: radix }, (__, code) => ((code + filter) % 3 === 0 ? 0 : 1)),
    ),
    values: Array.from({ length: spec.metrics }, () => {
      const drawn = Array.from({ length: spec.rows }, () => next());
      return next() % 2 === 0 ? Uint32Array.from(drawn) : Float64Array.from(drawn);
    }),
    block: new Float64Array((space + 1) * (spec.metrics + 1)),
    groups: new Int32Array(spec.rows),
    trash: space,
    keepGroups: spec.keepGroups,
  };
}

describe('fusedPassFor', () => {
  test('the generated pass gives the generic pass’s groups, first rows and sums', () => {
    fc.assert(
      fc.property(
        fc.record({
          rows: fc.integer({ min: 0, max: 200 }),
          axes: fc.integer({ min: 0, max: 3 }),
          filters: fc.integer({ min: 0, max: 2 }),
          metrics: fc.integer({ min: 0, max: 4 }),
          keepGroups: fc.boolean(),
          seed: fc.integer(),
        }),
        (spec) => {
          const generic = inputOf(spec);
          const generated = inputOf(spec);
          genericFusedPass(generic);
          fusedPassFor(generated)(generated);
          expect(generated.block).toEqual(generic.block);
          expect(generated.groups).toEqual(generic.groups);
        },
      ),
      { seed: 20_251_126, numRuns: 200 },
    );
  });
});
